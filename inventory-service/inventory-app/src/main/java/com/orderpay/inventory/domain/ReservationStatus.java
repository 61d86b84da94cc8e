package com.orderpay.inventory.domain;

/**
 * Where the stock of one order line stands. {@code TRYING} (Try done, global outcome unknown) ends in {@code SOLD}
 * or {@code HELD} on Confirm, or {@code CANCELLED} on Cancel; a hold is sold through {@code SELLING} (pay-later
 * payment in flight) or given back as {@code RELEASED}.
 */
public enum ReservationStatus {
    TRYING,
    HELD,
    SELLING,
    SOLD,
    CANCELLED,
    RELEASED;

    /** Least settled first: a global transaction still deciding, then units still held, then the final states. */
    private static final java.util.List<ReservationStatus> LEAST_SETTLED_FIRST =
            java.util.List.of(TRYING, SELLING, HELD, RELEASED, CANCELLED, SOLD);

    /**
     * The status of an order's reservation as a whole. Its lines move together, so they agree; if they ever do not
     * (a hand-edited row, a bug), the least settled line speaks for all, never whichever line happens to come first:
     * a caller told "released" while a line is still held would leave those units held for ever.
     */
    public static ReservationStatus ofLines(java.util.Collection<ReservationStatus> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation has at least one line");
        }
        return LEAST_SETTLED_FIRST.stream().filter(lines::contains).findFirst().orElseThrow();
    }
}
