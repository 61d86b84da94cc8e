package com.orderpay.wallet.web;

import com.orderpay.wallet.api.FundsFreezeResponse;
import com.orderpay.wallet.api.LedgerEntryResponse;
import com.orderpay.wallet.api.WalletResponse;
import com.orderpay.wallet.domain.FundsFreeze;
import com.orderpay.wallet.domain.WalletBalance;
import com.orderpay.wallet.domain.WalletLedgerEntry;

/** Domain to wire, at the edge: rows and domain objects never leave the service as they are. */
public final class WalletResponses {

    private WalletResponses() {
    }

    public static WalletResponse wallet(String userId, WalletBalance balance) {
        return new WalletResponse(userId, balance.available().value(), balance.frozen().value());
    }

    public static FundsFreezeResponse freeze(FundsFreeze freeze) {
        return new FundsFreezeResponse(freeze.orderNo(), freeze.userId(), freeze.amount().value(),
                freeze.status().name());
    }

    public static LedgerEntryResponse entry(WalletLedgerEntry entry) {
        return new LedgerEntryResponse(entry.entryId(), entry.type().name(), entry.amount().value(), entry.orderNo(),
                entry.createdAt());
    }
}
