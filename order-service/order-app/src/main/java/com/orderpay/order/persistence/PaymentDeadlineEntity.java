package com.orderpay.order.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import java.time.Instant;

/** A row of {@code payment_deadline}: what the scan still owes an unpaid order. */
@TableName("payment_deadline")
public class PaymentDeadlineEntity {

    @TableId(type = IdType.INPUT)
    private String orderNo;
    private Instant dueAt;
    private String state;
    private Integer releaseAttempts;
    private Instant createdAt;
    private Instant updatedAt;

    public String getOrderNo() {
        return orderNo;
    }

    public void setOrderNo(String orderNo) {
        this.orderNo = orderNo;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public void setDueAt(Instant dueAt) {
        this.dueAt = dueAt;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Integer getReleaseAttempts() {
        return releaseAttempts;
    }

    public void setReleaseAttempts(Integer releaseAttempts) {
        this.releaseAttempts = releaseAttempts;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
