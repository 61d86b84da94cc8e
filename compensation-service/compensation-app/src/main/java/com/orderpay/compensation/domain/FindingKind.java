package com.orderpay.compensation.domain;

/** What a reconciliation run can find; {@link #invariantBreach()} for those that break an invariant of the design. */
public enum FindingKind {
    /** A global transaction the coordinator no longer drives, its branches left half-way (TRYING, PLACING...). */
    ABANDONED_TRANSACTION(false),
    /** A global transaction still half-way past the grace period that the coordinator still drives: watched, not touched. */
    TRANSACTION_STILL_RETRYING(false),
    /** Branches of one global transaction that contradict each other (one confirmed, another cancelled). */
    CONTRADICTORY_BRANCHES(true),
    /** Money debited for an order that is not paid (missing, rejected, cancelled, expired). */
    DEBIT_WITHOUT_PAID_ORDER(true),
    /** Stock held for an order that is not live any more (missing, cancelled, expired, rejected). */
    HOLD_WITHOUT_LIVE_ORDER(true),
    /** Stock sold for an order that is not paid. */
    SALE_WITHOUT_PAID_ORDER(true),
    /** A paid order without exactly one debit. */
    PAID_ORDER_WITHOUT_DEBIT(true),
    /** A paid order whose stock is not all sold. */
    PAID_ORDER_WITHOUT_SOLD_STOCK(true),
    /** An order awaiting payment long past its deadline (invariant 4). */
    OVERDUE_UNPAID_ORDER(true),
    /** A wallet whose figures are not the sums of its ledger (invariant 2). */
    WALLET_LEDGER_MISMATCH(true),
    /** A SKU whose reserved or sold figure is not what its reservations say (invariant 1). */
    SKU_FIGURES_MISMATCH(true);

    private final boolean invariantBreach;

    FindingKind(boolean invariantBreach) {
        this.invariantBreach = invariantBreach;
    }

    public boolean invariantBreach() {
        return invariantBreach;
    }
}
