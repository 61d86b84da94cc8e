package com.orderpay.wallet.domain;

/** A freeze larger than the wallet's available funds. */
public class InsufficientBalanceException extends RuntimeException {

    private final Money available;
    private final Money requested;

    public InsufficientBalanceException(Money available, Money requested) {
        super("Insufficient balance: " + requested + " requested, " + available + " available; nothing was frozen");
        this.available = available;
        this.requested = requested;
    }

    public Money available() {
        return available;
    }

    public Money requested() {
        return requested;
    }
}
