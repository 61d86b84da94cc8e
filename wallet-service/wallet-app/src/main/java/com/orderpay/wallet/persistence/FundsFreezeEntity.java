package com.orderpay.wallet.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.orderpay.wallet.domain.FreezeStatus;
import com.orderpay.wallet.domain.FundsFreeze;
import com.orderpay.wallet.domain.Money;
import java.math.BigDecimal;

/** Row of {@code funds_freeze}; the generated {@code live_order_no} is the database's, never written. */
@TableName("funds_freeze")
public class FundsFreezeEntity {

    @TableId(type = IdType.AUTO)
    private Long id;
    private String xid;
    private Long branchId;
    private String orderNo;
    private String userId;
    private BigDecimal amount;
    private String status;

    public static FundsFreezeEntity of(FundsFreeze freeze) {
        FundsFreezeEntity row = new FundsFreezeEntity();
        row.id = freeze.id();
        row.xid = freeze.xid();
        row.branchId = freeze.branchId();
        row.orderNo = freeze.orderNo();
        row.userId = freeze.userId();
        row.amount = freeze.amount().value();
        row.status = freeze.status().name();
        return row;
    }

    public FundsFreeze toDomain() {
        return new FundsFreeze(id, xid, branchId, orderNo, userId, Money.of(amount), FreezeStatus.valueOf(status));
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getXid() {
        return xid;
    }

    public void setXid(String xid) {
        this.xid = xid;
    }

    public Long getBranchId() {
        return branchId;
    }

    public void setBranchId(Long branchId) {
        this.branchId = branchId;
    }

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

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
