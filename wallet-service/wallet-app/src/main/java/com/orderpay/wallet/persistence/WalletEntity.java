package com.orderpay.wallet.persistence;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.domain.WalletBalance;
import java.math.BigDecimal;

/** Row of {@code wallet}. */
@TableName("wallet")
public class WalletEntity {

    @TableId(value = "user_id", type = IdType.INPUT)
    private String userId;
    private BigDecimal available;
    private BigDecimal frozen;

    public WalletBalance toBalance() {
        return new WalletBalance(Money.of(available), Money.of(frozen));
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public BigDecimal getAvailable() {
        return available;
    }

    public void setAvailable(BigDecimal available) {
        this.available = available;
    }

    public BigDecimal getFrozen() {
        return frozen;
    }

    public void setFrozen(BigDecimal frozen) {
        this.frozen = frozen;
    }
}
