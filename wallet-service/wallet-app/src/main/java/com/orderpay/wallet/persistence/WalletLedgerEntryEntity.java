package com.orderpay.wallet.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.orderpay.wallet.domain.LedgerEntryType;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.domain.WalletLedgerEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Row of {@code wallet_ledger_entry}; {@code created_at} is written in UTC by the service, so it does not depend
 * on the session's time zone. The generated {@code debit_order_no} is the database's, never written.
 */
@TableName("wallet_ledger_entry")
public class WalletLedgerEntryEntity {

    @TableId(type = IdType.AUTO)
    private Long entryId;
    private String userId;
    private String type;
    private BigDecimal amount;
    private String orderNo;
    private Long freezeId;
    private String creditReference;
    private LocalDateTime createdAt;

    public static WalletLedgerEntryEntity of(String userId, LedgerEntryType type, Money amount, String orderNo,
            Long freezeId, String creditReference, Instant createdAt) {
        WalletLedgerEntryEntity row = new WalletLedgerEntryEntity();
        row.userId = userId;
        row.type = type.name();
        row.amount = amount.value();
        row.orderNo = orderNo;
        row.freezeId = freezeId;
        row.creditReference = creditReference;
        row.createdAt = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
        return row;
    }

    public WalletLedgerEntry toDomain() {
        return new WalletLedgerEntry(entryId, userId, LedgerEntryType.valueOf(type), Money.of(amount), orderNo,
                freezeId, createdAt.toInstant(ZoneOffset.UTC));
    }

    public Long getEntryId() {
        return entryId;
    }

    public void setEntryId(Long entryId) {
        this.entryId = entryId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getOrderNo() {
        return orderNo;
    }

    public void setOrderNo(String orderNo) {
        this.orderNo = orderNo;
    }

    public Long getFreezeId() {
        return freezeId;
    }

    public void setFreezeId(Long freezeId) {
        this.freezeId = freezeId;
    }

    public String getCreditReference() {
        return creditReference;
    }

    public void setCreditReference(String creditReference) {
        this.creditReference = creditReference;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(LocalDateTime createdAt) {
        this.createdAt = createdAt;
    }
}
