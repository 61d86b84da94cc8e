package com.orderpay.compensation.domain;

import java.util.Set;

/** Which order statuses still own stock or money. */
public final class LiveOrders {

    /** An order in these statuses may hold stock: being placed, awaiting payment, being paid, or paid. */
    private static final Set<String> LIVE = Set.of("PLACING", "AWAITING_PAYMENT", "PAYING", "PAID");

    private LiveOrders() {
    }

    /** @param status null when the order does not exist */
    public static boolean live(String status) {
        return status != null && LIVE.contains(status);
    }

    /** Ended without payment for good: its debit, if any, is owed back. */
    public static boolean endedUnpaid(String status) {
        return status == null || Set.of("REJECTED", "CANCELLED", "EXPIRED").contains(status);
    }
}
