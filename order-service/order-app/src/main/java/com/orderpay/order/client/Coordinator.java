package com.orderpay.order.client;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.platform.problem.DependencyFailures;
import feign.FeignException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Seata coordinator seen as a dependency: when it fails, the caller gets 503 like for any sibling that is down.
 *
 * <p>While this process holds no open channel to the coordinator, every request that needs it is answered 503 at once,
 * and one background thread reconnects. Seata's client reconnects under one lock per coordinator address, shared by
 * request threads and its own background threads (its reconnect timer, its retries of unfinished rollbacks); against a
 * coordinator that accepts connections but does not answer (frozen, partitioned behind a live kernel) each attempt
 * holds the lock for its registration timeout (6 s). Request threads queued there, the k-th for about k x 6 s: 55 s,
 * past the gateway's timeout with the Idempotency-Key still in flight (probe round 4); one request let through at a
 * time still lost the unfair lock to the background threads for 30 s (probe round 5). A coordinator that is slow but
 * connected is not held back: its requests time out on their own (6 s), side by side.
 */
@Component
public class Coordinator {

    public static final String CONNECTED = "orderpay.coordinator.connected";
    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
    private static final String UNAVAILABLE = "The transaction coordinator is unavailable; retry later";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final CoordinatorChannels channels;
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final ExecutorService reconnector = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "coordinator-reconnect");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public Coordinator(@Value("${seata.tx-service-group}") String transactionServiceGroup, MeterRegistry registry) {
        this(new CoordinatorChannels(transactionServiceGroup), registry);
    }

    Coordinator(CoordinatorChannels channels, MeterRegistry registry) {
        this.channels = channels;
        Gauge.builder(CONNECTED, channels, connection -> connection.connected() ? 1 : 0)
                .description("1 while this replica holds an open channel to the transaction coordinator, else 0")
                .register(registry);
    }

    @PreDestroy
    void stop() {
        reconnector.shutdownNow();
    }

    /**
     * Runs a {@code @GlobalTransactional} call. Business refusals from the branches pass through unchanged; a begin
     * that failed (nothing happened), a commit the coordinator did not take (it rolls back on its timeout), a
     * coordinator that cannot be reached, or a sibling or the database failing underneath becomes 503
     * service-unavailable naming what failed; so does a call made while there is no channel to the coordinator
     * (nothing happened either).
     */
    public void run(String what, Runnable globalTransaction) {
        if (!channels.connected()) {
            reconnect();
            log.debug("{}: refused, no channel to the coordinator", what);
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, UNAVAILABLE);
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
     * Starts the background reconnection unless it runs. Attempts follow one another at once while each waits out a
     * silent coordinator, else 1 s apart, growing to 5 s (a coordinator that refuses connections: it is down).
     */
    private void reconnect() {
        if (!reconnecting.compareAndSet(false, true)) {
            return;
        }
        log.warn("No open channel to the transaction coordinator: its requests are answered 503 at once while it "
                + "reconnects");
        try {
            reconnector.execute(() -> {
                try {
                    Duration wait = FIRST_RETRY;
                    while (!channels.connected()) {
                        channels.reconnectWhereClosed();
                        if (channels.connected()) {
                            break;
                        }
                        Thread.sleep(wait.toMillis());
                        Duration doubled = wait.multipliedBy(2);
                        wait = doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
                    }
                    log.info("Connected to the transaction coordinator again");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    reconnecting.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            reconnecting.set(false); // shutting down
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
