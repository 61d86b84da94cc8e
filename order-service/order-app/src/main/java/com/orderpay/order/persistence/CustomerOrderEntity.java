package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;
import java.time.Instant;

/** A row of {@code customer_order}; never leaves the persistence package's callers' edge. */
@TableName("customer_order")
public class CustomerOrderEntity {

    @TableId(type = IdType.INPUT)
    private String orderNo;
    private String userId;
    /** The Idempotency-Key the order was placed with; {@code live_placement_key} is derived by the database. */
    private String placementKey;
    private String status;
    private BigDecimal total;
    private Boolean payNow;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant updatedAt;
    private String placedXid;
    private String paymentXid;
    private String paymentKey;

    public String getOrderNo() {
        return orderNo;
    }

    public void setOrderNo(String orderNo) {
        this.orderNo = orderNo;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public Boolean getPayNow() {
        return payNow;
    }

    public void setPayNow(Boolean payNow) {
        this.payNow = payNow;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getPlacedXid() {
        return placedXid;
    }

    public void setPlacedXid(String placedXid) {
        this.placedXid = placedXid;
    }

    public String getPaymentXid() {
        return paymentXid;
    }

    public void setPaymentXid(String paymentXid) {
        this.paymentXid = paymentXid;
    }

    public String getPlacementKey() {
        return placementKey;
    }

    public void setPlacementKey(String placementKey) {
        this.placementKey = placementKey;
    }

    public String getPaymentKey() {
        return paymentKey;
    }

    public void setPaymentKey(String paymentKey) {
        this.paymentKey = paymentKey;
    }
}
