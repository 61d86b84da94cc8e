package com.orderpay.wallet.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Funds frozen for an order by one TCC branch (the Try), until the coordinator's Confirm debits them or its
 * Cancel gives them back. A step already taken is a no-op (empty), so a repeated Confirm or Cancel changes
 * nothing; a step against the other final state is refused.
 *
 * @param id       database id; null before the freeze is stored
 * @param xid      global transaction of the Try
 * @param branchId TCC branch of the Try: (xid, branchId) is how phase two finds the freeze
 */
public record FundsFreeze(Long id, String xid, long branchId, String orderNo, String userId, Money amount,
                          FreezeStatus status) {

    public FundsFreeze {
        Objects.requireNonNull(xid, "xid");
        Objects.requireNonNull(orderNo, "orderNo");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A freeze holds a positive amount, not " + amount);
        }
    }

    /** The Try's freeze, not stored yet. */
    public static FundsFreeze tried(String xid, long branchId, String orderNo, String userId, Money amount) {
        return new FundsFreeze(null, xid, branchId, orderNo, userId, amount, FreezeStatus.TRYING);
    }

    /** Confirm: the frozen money leaves the wallet. */
    public Optional<FreezeTransition> debit() {
        return switch (status) {
            case TRYING -> Optional.of(new FreezeTransition(FreezeStatus.TRYING, FreezeStatus.DEBITED,
                    LedgerEntryType.DEBIT));
            case DEBITED -> Optional.empty();
            case UNFROZEN -> throw new IllegalFreezeTransitionException(
                    "Freeze of order " + orderNo + " was unfrozen; it cannot be debited", status);
        };
    }

    /** Cancel: the frozen money becomes available again. */
    public Optional<FreezeTransition> unfreeze() {
        return switch (status) {
            case TRYING -> Optional.of(new FreezeTransition(FreezeStatus.TRYING, FreezeStatus.UNFROZEN,
                    LedgerEntryType.UNFREEZE));
            case UNFROZEN -> Optional.empty();
            case DEBITED -> throw new IllegalFreezeTransitionException(
                    "Freeze of order " + orderNo + " was debited; it cannot be unfrozen", status);
        };
    }

    public FundsFreeze withId(long newId) {
        return new FundsFreeze(newId, xid, branchId, orderNo, userId, amount, status);
    }

    public FundsFreeze in(FreezeStatus newStatus) {
        return new FundsFreeze(id, xid, branchId, orderNo, userId, amount, newStatus);
    }
}
