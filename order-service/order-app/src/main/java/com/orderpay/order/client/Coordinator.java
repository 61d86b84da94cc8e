package com.orderpay.order.client;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.platform.problem.DependencyFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Seata coordinator seen as a dependency: when it fails, the caller gets 503 like for any sibling that is down. */
public final class Coordinator {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private Coordinator() {
    }

    /**
     * Runs a {@code @GlobalTransactional} call. Business refusals from the branches pass through unchanged; a begin
     * that failed (nothing happened), a commit the coordinator did not take (it rolls back on its timeout) or a
     * coordinator that cannot be reached becomes 503 service-unavailable.
     */
    public static void run(String what, Runnable globalTransaction) {
        try {
            globalTransaction.run();
        } catch (RuntimeException e) {
            if (causedByCoordinator(e)) {
                log.warn("{}: the transaction coordinator failed: {}", what, e.toString());
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                        "The transaction coordinator is unavailable; retry later");
            }
            throw e;
        }
    }

    /**
     * The coordinator refused or could not be reached (Seata's {@code TransactionException}, or its
     * {@code FrameworkException} "No available service" / "can not connect to services-server"), or another
     * dependency failed underneath it: a retryable 503, never a 500.
     */
    static boolean causedByCoordinator(Throwable failure) {
        if (failure instanceof ProblemException) {
            return false;
        }
        return DependencyFailures.isDependencyFailure(failure);
    }
}
