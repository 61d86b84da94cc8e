package com.orderpay.order.client;

import com.orderpay.platform.coordinator.CoordinatorGate;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.platform.problem.DependencyFailures;
import feign.FeignException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Seata coordinator seen as a dependency: when it fails, the caller gets 503 like for any sibling that is down.
 * While this process holds no open channel to it, every request that needs it is answered 503 at once and the
 * platform's {@link CoordinatorGate} reconnects in the background (why: its Javadoc).
 */
@Component
public class Coordinator {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorGate gate;

    public Coordinator(CoordinatorGate gate) {
        this.gate = gate;
    }

    /**
     * Runs a {@code @GlobalTransactional} call. Business refusals from the branches pass through unchanged; a begin
     * that failed (nothing happened), a commit the coordinator did not take (it rolls back on its timeout), a
     * coordinator that cannot be reached, or a sibling or the database failing underneath becomes 503
     * service-unavailable naming what failed; so does a call made while there is no channel to the coordinator
     * (nothing happened either).
     */
    public void run(String what, Runnable globalTransaction) {
        if (!gate.open()) {
            log.debug("{}: refused, no channel to the coordinator", what);
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, CoordinatorGate.UNAVAILABLE);
        }
        try {
            globalTransaction.run();
        } catch (RuntimeException e) {
            if (causedByCoordinator(e)) {
                String failed = whatFailed(e);
                log.warn("{}: {} failed: {}", what, failed, e.toString());
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                        failed + " is unavailable; retry later");
            }
            throw e;
        }
    }

    /**
     * Who failed, for the answer and the log: a sibling reached through Feign (named by its service id, the host of
     * the request), else the coordinator when Seata's RPC is in the chain, else a dependency (the database).
     */
    static String whatFailed(Throwable failure) {
        boolean seata = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FeignException feign && feign.request() != null) {
                String host = hostOf(feign.request().url());
                if (host != null) {
                    return host;
                }
            }
            seata |= cause.getClass().getName().startsWith("org.apache.seata.")
                    || cause.getClass().getName().startsWith("io.seata.");
        }
        return seata ? "The transaction coordinator" : "A dependency";
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
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
