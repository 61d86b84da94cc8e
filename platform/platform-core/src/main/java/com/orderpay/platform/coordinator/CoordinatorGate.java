package com.orderpay.platform.coordinator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.seata.common.util.NetUtil;
import org.apache.seata.discovery.registry.RegistryFactory;
import org.apache.seata.discovery.registry.RegistryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this process may ask the Seata coordinator anything now: only while its clients hold an open channel to it.
 *
 * <p>Seata's client reconnects under one lock per coordinator address, shared by request threads and its own
 * background threads (its reconnect timer, its retries of unfinished rollbacks); against a coordinator that accepts
 * connections but does not answer (frozen, partitioned behind a live kernel) each attempt holds the lock for its
 * registration timeout (6 s). Request threads queued there, the k-th for about k x 6 s: 55 s, past the gateway's
 * timeout with the Idempotency-Key still in flight (probe round 4); one request let through at a time still lost the
 * unfair lock to the background threads for 30 s (probe round 5). So while there is no channel every request that
 * needs the coordinator is refused at once, and one background thread of this gate reconnects. A coordinator that is
 * slow but connected is not held back: its requests time out on their own (6 s), side by side.
 */
public class CoordinatorGate implements AutoCloseable {

    public static final String CONNECTED = "orderpay.coordinator.connected";
    public static final String UNAVAILABLE = "The transaction coordinator is unavailable; retry later";
    private static final Logger log = LoggerFactory.getLogger(CoordinatorGate.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final String transactionServiceGroup;
    private final CoordinatorChannels channels;
    private final Supplier<RegistryService<?>> registry;
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final ExecutorService reconnector = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "coordinator-reconnect");
        thread.setDaemon(true);
        return thread;
    });

    public CoordinatorGate(String transactionServiceGroup, CoordinatorChannels channels, MeterRegistry meters) {
        this(transactionServiceGroup, channels, meters, RegistryFactory::getInstance);
    }

    CoordinatorGate(String transactionServiceGroup, CoordinatorChannels channels, MeterRegistry meters,
            Supplier<RegistryService<?>> registry) {
        this.transactionServiceGroup = transactionServiceGroup;
        this.channels = channels;
        this.registry = registry;
        if (meters != null) {
            Gauge.builder(CONNECTED, channels, connection -> connection.connected() ? 1 : 0)
                    .description("1 while this replica holds an open channel to the transaction coordinator, else 0")
                    .register(meters);
        }
    }

    /** True while connected; else false, with the background reconnection started (unless it runs). */
    public boolean open() {
        if (channels.connected()) {
            avoidCoordinatorsWithoutChannel();
            return true;
        }
        reconnect();
        return false;
    }

    /**
     * With several coordinators (a cluster), Seata's client picks one per request among those its reconnect timer last
     * reached (a round every 10 s). One that went silent is still picked after its channel was dropped, until a round
     * has failed to reach it (up to 10 s, plus its 6 s registration timeout): the requests that pick it meanwhile
     * queue on its reconnect lock, the k-th for about k x 6 s. So it is taken out of the choice as soon as its channel
     * is gone, while another coordinator is connected; the timer's next round that reaches it puts it back.
     */
    private void avoidCoordinatorsWithoutChannel() {
        RegistryService<?> registryService = registry.get();
        List<InetSocketAddress> alive = registryService.aliveLookup(transactionServiceGroup);
        if (alive == null || alive.size() < 2) {
            return;
        }
        Set<String> open = channels.openAddresses();
        List<InetSocketAddress> reachable = alive.stream()
                .filter(address -> open.contains(NetUtil.toStringAddress(address))).toList();
        if (!reachable.isEmpty() && reachable.size() < alive.size()) {
            registryService.refreshAliveLookup(transactionServiceGroup, new ArrayList<>(reachable));
            log.warn("No open channel to the transaction coordinator(s) {}: requests go to {} until a reconnect "
                    + "reaches them", alive.stream().filter(address -> !reachable.contains(address)).toList(),
                    reachable);
        }
    }

    @Override
    public void close() {
        reconnector.shutdownNow();
    }

    /**
     * Attempts follow one another at once while each waits out a silent coordinator, else 1 s apart, growing to 5 s
     * (a coordinator that refuses connections: it is down).
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
}
