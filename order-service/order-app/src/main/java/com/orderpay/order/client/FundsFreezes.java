package com.orderpay.order.client;

import com.orderpay.order.domain.Order;
import com.orderpay.wallet.api.FreezeFundsRequest;
import com.orderpay.wallet.api.WalletClient;
import org.springframework.stereotype.Component;

/** The wallet branch of a global transaction (its Try; the coordinator drives the debit or the unfreeze). */
@Component
public class FundsFreezes {

    static final String SIBLING = "wallet-service";

    private final WalletClient wallet;
    private final SiblingCalls siblings;

    public FundsFreezes(WalletClient wallet, SiblingCalls siblings) {
        this.wallet = wallet;
        this.siblings = siblings;
    }

    /** Freezes the order's total in its owner's wallet, debited on Confirm; 409 insufficient-balance. */
    public void freezeFor(Order order) {
        FreezeFundsRequest request = new FreezeFundsRequest(order.orderNo(), order.userId(), order.total());
        siblings.call(SIBLING, () -> wallet.freeze(request));
    }
}
