package com.orderpay.compensation.domain;

/** How a finding ended: repaired; flagged for a person; or open (the repair failed this time, the next run retries). */
public enum FindingStatus {
    REPAIRED, FLAGGED, OPEN
}
