package com.orderpay.inventory.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.domain.ReservationStatus;
import com.orderpay.inventory.domain.StockReservation;
import java.time.LocalDateTime;

/** Row of {@code stock_reservation}; never leaves the persistence layer. */
@TableName("stock_reservation")
public class StockReservationEntity {

    @TableId(value = "id", type = IdType.AUTO)
    private Long id;
    private String orderNo;
    private String skuId;
    private Integer quantity;
    private String purpose;
    private String status;
    private String tryXid;
    private String saleXid;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;

    public static StockReservationEntity of(StockReservation reservation) {
        StockReservationEntity entity = new StockReservationEntity();
        entity.orderNo = reservation.orderNo();
        entity.skuId = reservation.skuId();
        entity.quantity = reservation.quantity();
        entity.purpose = reservation.purpose().name();
        entity.status = reservation.status().name();
        entity.tryXid = reservation.tryXid();
        entity.saleXid = reservation.saleXid();
        return entity;
    }

    public StockReservation toDomain() {
        return new StockReservation(orderNo, skuId, quantity, ReservationPurpose.valueOf(purpose),
                ReservationStatus.valueOf(status), tryXid, saleXid);
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getOrderNo() {
        return orderNo;
    }

    public void setOrderNo(String orderNo) {
        this.orderNo = orderNo;
    }

    public String getSkuId() {
        return skuId;
    }

    public void setSkuId(String skuId) {
        this.skuId = skuId;
    }

    public Integer getQuantity() {
        return quantity;
    }

    public void setQuantity(Integer quantity) {
        this.quantity = quantity;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getTryXid() {
        return tryXid;
    }

    public void setTryXid(String tryXid) {
        this.tryXid = tryXid;
    }

    public String getSaleXid() {
        return saleXid;
    }

    public void setSaleXid(String saleXid) {
        this.saleXid = saleXid;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(LocalDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public LocalDateTime getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(LocalDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }
}
