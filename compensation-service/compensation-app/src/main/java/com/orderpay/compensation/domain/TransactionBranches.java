package com.orderpay.compensation.domain;

import java.util.List;
import java.util.Set;

/**
 * The branches of one global transaction as the owners report them, and what they prove. A placing transaction has
 * the order's branch (PLACING until confirmed, REJECTED when cancelled), the reservation lines it tried and, paying
 * now, a freeze; a later payment has the order's branch (PAYING), the lines it is selling and a freeze.
 *
 * @param orderStatus   the order's status, or null when the order does not exist (its Try never ran)
 * @param payment       whether the transaction is a later payment (else the placing one)
 * @param stockStatuses the statuses of the reservation lines of this transaction (tried, or being sold by it)
 * @param freezeStatuses the statuses of the freezes of this transaction
 */
public record TransactionBranches(String orderStatus, boolean payment, List<String> stockStatuses,
                                  List<String> freezeStatuses) {

    private static final Set<String> PLACEMENT_CONFIRMED = Set.of("AWAITING_PAYMENT", "PAYING", "PAID", "CANCELLED",
            "EXPIRED");
    private static final Set<String> TRIED_STOCK_CONFIRMED = Set.of("HELD", "SELLING", "SOLD", "RELEASED");

    public Verdict verdict() {
        boolean confirmed = false;
        boolean cancelled = false;
        boolean open = false;
        if (orderStatus != null) {
            if (payment) {
                confirmed |= orderStatus.equals("PAID");
                cancelled |= Set.of("AWAITING_PAYMENT", "CANCELLED", "EXPIRED").contains(orderStatus);
                open |= orderStatus.equals("PAYING");
            } else {
                confirmed |= PLACEMENT_CONFIRMED.contains(orderStatus);
                cancelled |= orderStatus.equals("REJECTED");
                open |= orderStatus.equals("PLACING");
            }
        }
        for (String status : stockStatuses) {
            if (payment) {
                confirmed |= status.equals("SOLD");
                cancelled |= status.equals("HELD") || status.equals("RELEASED");
                open |= status.equals("SELLING");
            } else {
                confirmed |= TRIED_STOCK_CONFIRMED.contains(status);
                cancelled |= status.equals("CANCELLED");
                open |= status.equals("TRYING");
            }
        }
        for (String status : freezeStatuses) {
            confirmed |= status.equals("DEBITED");
            cancelled |= status.equals("UNFROZEN");
            open |= status.equals("TRYING");
        }
        if (confirmed && cancelled) {
            return Verdict.CONTRADICTION;
        }
        if (!open) {
            return Verdict.SETTLED;
        }
        return confirmed ? Verdict.COMMIT : Verdict.ROLLBACK;
    }

    /** Whether the order's own branch still waits for phase two. */
    public boolean orderOpen() {
        return orderStatus != null && orderStatus.equals(payment ? "PAYING" : "PLACING");
    }

    public boolean stockOpen() {
        return stockStatuses.stream().anyMatch(status -> status.equals(payment ? "SELLING" : "TRYING"));
    }

    public boolean freezeOpen() {
        return freezeStatuses.contains("TRYING");
    }
}
