package com.orderpay.inventory.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.orderpay.inventory.domain.SkuStock;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/** Row of {@code sku}; never leaves the persistence layer. */
@TableName("sku")
public class SkuEntity {

    @TableId(value = "sku_id", type = IdType.INPUT)
    private String skuId;
    private String name;
    private BigDecimal price;
    private Long onHand;
    private Long reserved;
    private Long sold;
    private Long version;
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;

    public static SkuEntity newSku(String skuId, String name, BigDecimal price, long onHand) {
        SkuEntity entity = new SkuEntity();
        entity.skuId = skuId;
        entity.name = name;
        entity.price = price;
        entity.onHand = onHand;
        entity.reserved = 0L;
        entity.sold = 0L;
        entity.version = 0L;
        return entity;
    }

    public SkuStock toDomain() {
        return new SkuStock(skuId, name, price, onHand, reserved, sold, version == null ? 0 : version);
    }

    public String getSkuId() {
        return skuId;
    }

    public void setSkuId(String skuId) {
        this.skuId = skuId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public Long getOnHand() {
        return onHand;
    }

    public void setOnHand(Long onHand) {
        this.onHand = onHand;
    }

    public Long getReserved() {
        return reserved;
    }

    public void setReserved(Long reserved) {
        this.reserved = reserved;
    }

    public Long getSold() {
        return sold;
    }

    public void setSold(Long sold) {
        this.sold = sold;
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

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
