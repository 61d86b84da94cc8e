package com.orderpay.compensation.domain;

/** What the branches of an abandoned global transaction prove about its outcome. */
public enum Verdict {
    /** Some branch was confirmed: the coordinator had decided to commit; the others are confirmed too. */
    COMMIT,
    /** No branch was confirmed and the coordinator has let go of it: as on its timeout, every branch is cancelled. */
    ROLLBACK,
    /** One branch confirmed, another cancelled: no single safe action, a person decides. */
    CONTRADICTION,
    /** Every branch already reached its end. */
    SETTLED
}
