package com.orderpay.order.client;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.platform.problem.DependencyFailures;
import feign.FeignException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Seata coordinator seen as a dependency: when it fails, the caller gets 503 like for any sibling that is down.
 *
 * <p>While this process holds no open channel to the coordinator, one request at a time goes through and reconnects;
 * the others are answered 503 at once. Seata's client reconnects under one lock per coordinator address, and against
 * a coordinator that accepts connections but does not answer (frozen, partitioned behind a live kernel) each attempt
 * waits out its registration timeout (6 s): every request that needed the coordinator queued behind the others, the
 * k-th for about k x 6 s, past the gateway's timeout with its Idempotency-Key still in flight. A coordinator that is
 * slow but connected is not held back: its requests time out on their own, side by side.
 */
@Component
public class Coordinator {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
    public static final String CONNECTED = "orderpay.coordinator.connected";
    private static final String UNAVAILABLE = "The transaction coordinator is unavailable; retry later";

    private final CoordinatorChannels channels;
    private final Semaphore reconnecting = new Semaphore(1);
    private final AtomicBoolean disconnected = new AtomicBoolean();

    @Autowired
    public Coordinator(MeterRegistry registry) {
        this(new CoordinatorChannels(), registry);
    }

    Coordinator(CoordinatorChannels channels, MeterRegistry registry) {
        this.channels = channels;
        Gauge.builder(CONNECTED, channels, connection -> connection.connected() ? 1 : 0)
                .description("1 while this replica holds an open channel to the transaction coordinator, else 0")
                .register(registry);
    }

    /**
     * Runs a {@code @GlobalTransactional} call. Business refusals from the branches pass through unchanged; a begin
     * that failed (nothing happened), a commit the coordinator did not take (it rolls back on its timeout), a
     * coordinator that cannot be reached, or a sibling or the database failing underneath becomes 503
     * service-unavailable naming what failed; so does a call that found another one reconnecting to the coordinator
     * (nothing happened either).
     */
    public void run(String what, Runnable globalTransaction) {
        boolean reconnects = false;
        if (!channels.connected()) {
            if (disconnected.compareAndSet(false, true)) {
                log.warn("No open channel to the transaction coordinator: one request at a time reconnects, the "
                        + "others are answered 503 at once");
            }
            reconnects = reconnecting.tryAcquire();
            if (!reconnects) {
                log.debug("{}: refused, another request is reconnecting to the coordinator", what);
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, UNAVAILABLE);
            }
        } else if (disconnected.compareAndSet(true, false)) {
            log.info("Connected to the transaction coordinator again");
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
        } finally {
            if (reconnects) {
                reconnecting.release();
            }
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
