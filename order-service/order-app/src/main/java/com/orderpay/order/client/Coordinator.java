package com.orderpay.order.client;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import org.apache.seata.core.exception.TransactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Seata coordinator seen as a dependency: when it fails, the caller gets 503 like for any sibling that is down. */
public final class Coordinator {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private Coordinator() {
    }

    /**
     * Runs a {@code @GlobalTransactional} call. Business refusals from the branches pass through unchanged; a begin
     * that failed (nothing happened) or a commit the coordinator did not take (it rolls back on its timeout)
     * becomes 503 service-unavailable.
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

    static boolean causedByCoordinator(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }
}
