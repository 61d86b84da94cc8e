package com.orderpay.wallet.domain;

import java.util.Objects;

/**
 * A wallet's two figures and the arithmetic of every movement. The database applies the same movements with
 * one guarded single-statement UPDATE each ({@code WalletMapper}), so concurrent payments cannot overdraw; this
 * is the rule those statements follow and what replaying a wallet's ledger must give back:
 * {@code replay(ledger) == wallet} is the ledger invariant.
 */
public record WalletBalance(Money available, Money frozen) {

    public static final WalletBalance ZERO = new WalletBalance(Money.ZERO, Money.ZERO);

    public WalletBalance {
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(frozen, "frozen");
    }

    /** Everything the user owns: available plus what payments in flight hold. */
    public Money total() {
        return available.plus(frozen);
    }

    /**
     * The balance after one ledger entry.
     *
     * @throws InsufficientBalanceException a FREEZE above the available funds
     * @throws IllegalStateException        an UNFREEZE or DEBIT of more than is frozen (a ledger that lies)
     */
    public WalletBalance apply(LedgerEntryType type, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A ledger entry moves a positive amount, not " + amount);
        }
        return switch (type) {
            case CREDIT, REFUND -> new WalletBalance(available.plus(amount), frozen);
            case FREEZE -> {
                if (available.isLessThan(amount)) {
                    throw new InsufficientBalanceException(available, amount);
                }
                yield new WalletBalance(available.minus(amount), frozen.plus(amount));
            }
            case UNFREEZE -> new WalletBalance(available.plus(amount), takeFromFrozen(type, amount));
            case DEBIT -> new WalletBalance(available, takeFromFrozen(type, amount));
        };
    }

    public WalletBalance apply(WalletLedgerEntry entry) {
        return apply(entry.type(), entry.amount());
    }

    /** The balance a ledger adds up to, entries in the order they were written. */
    public static WalletBalance replay(Iterable<WalletLedgerEntry> entries) {
        WalletBalance balance = ZERO;
        for (WalletLedgerEntry entry : entries) {
            balance = balance.apply(entry);
        }
        return balance;
    }

    private Money takeFromFrozen(LedgerEntryType type, Money amount) {
        if (frozen.isLessThan(amount)) {
            throw new IllegalStateException(type + " of " + amount + " but only " + frozen + " is frozen");
        }
        return frozen.minus(amount);
    }
}
