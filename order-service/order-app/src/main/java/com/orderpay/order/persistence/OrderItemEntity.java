package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.annotation.TableName;
import java.math.BigDecimal;

/** A row of {@code order_item}. */
@TableName("order_item")
public class OrderItemEntity {

    private String orderNo;
    private String skuId;
    private Integer quantity;
    private BigDecimal unitPrice;

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

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public void setUnitPrice(BigDecimal unitPrice) {
        this.unitPrice = unitPrice;
    }
}
