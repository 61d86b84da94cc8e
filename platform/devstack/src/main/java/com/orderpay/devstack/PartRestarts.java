package com.orderpay.devstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a part of a running stack again when it exits by itself (a crash, an out-of-memory kill, an operator's
 * {@code kill -9}), on its port and data, as Kubernetes does for a pod's container ({@code restartPolicy: Always}).
 * Without it a killed order-service would leave every unpaid order of the local run past its deadline for good.
 *
 * <p>A part is looked at every half second; it is started again after {@code delay}, then after twice as long each
 * time it fails to come back (up to a minute, like Kubernetes' back-off). Parts that die together come back in
 * parallel, each on a thread of its own. A port that another process listens on by
 * then (someone started their own build of the service there) is left to that process. Parts stopped on purpose
 * ({@link OrderpayStack#close()}, the fault suite's kills) are never restarted. In {@link #reportOnly} form (the local
 * run's {@code ORDERPAY_RESTART_POLICY=Never}) a part that exits is logged, once, and left down.
 */
final class PartRestarts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartRestarts.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);
    private static final Duration LONGEST_BACK_OFF = Duration.ofMinutes(1);

    /** One supervised part: how to tell that it exited by itself, and how to start it again (ready when it returns). */
    interface Part {
        String name();

        int port();

        /** A description of how it ended (e.g. its exit code) when it exited by itself; empty while it runs. */
        Optional<String> exited();

        void startAgain();
    }

    private final List<Part> parts;
    /** How long after an exit a part is started again; null when exits are only reported. */
    private final Duration delay;
    private final Thread watcher;
    private final ExecutorService restarters = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "orderpay-part-restart");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Set<String> leftToAnother = ConcurrentHashMap.newKeySet();
    private final Set<String> reportedDown = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PartRestarts(List<Part> parts, Duration delay) {
        this.parts = List.copyOf(parts);
        this.delay = delay;
        this.watcher = new Thread(this::watch, "orderpay-part-restarts");
        this.watcher.setDaemon(true);
    }

    static PartRestarts watch(List<Part> parts, Duration delay) {
        PartRestarts restarts = new PartRestarts(parts, delay);
        restarts.watcher.start();
        return restarts;
    }

    /** Parts that exit are logged and left down: without it a dead part would go unnoticed until a request fails. */
    static PartRestarts reportOnly(List<Part> parts) {
        PartRestarts reports = new PartRestarts(parts, null);
        reports.watcher.start();
        return reports;
    }

    private void watch() {
        while (!closed) {
            for (Part part : parts) {
                if (closed) {
                    return;
                }
                if (delay == null) {
                    Optional<String> how = part.exited();
                    if (how.isEmpty()) {
                        reportedDown.remove(part.name());
                    } else if (reportedDown.add(part.name())) {
                        log.error("{} exited ({}); it stays down, as parts are not restarted in this run "
                                + "(ORDERPAY_RESTART_POLICY=Never): its log says why", part.name(), how.get());
                    }
                } else if (!restarting.contains(part.name())) {
                    part.exited().ifPresent(how -> {
                        restarting.add(part.name());
                        try {
                            restarters.execute(() -> {
                                try {
                                    bringBack(part, how);
                                } finally {
                                    restarting.remove(part.name());
                                }
                            });
                        } catch (java.util.concurrent.RejectedExecutionException closing) {
                            restarting.remove(part.name());
                        }
                    });
                }
            }
            if (!pause(LOOK_EVERY)) {
                return;
            }
        }
    }

    private void bringBack(Part part, String how) {
        if (FreePorts.listening(part.port())) {
            if (leftToAnother.add(part.name())) {
                log.warn("{} exited ({}); another process listens on its port {}, so it is left to that one",
                        part.name(), how, part.port());
            }
            return;
        }
        leftToAnother.remove(part.name());
        int failed = failures.getOrDefault(part.name(), 0);
        Duration wait = backOff(failed);
        log.warn("{} exited ({}); starting it again on port {} in {} ms", part.name(), how, part.port(), wait.toMillis());
        // Ctrl-C reaches the children too: a part that exits because the whole run is stopping is not restarted.
        if (!pause(wait) || closed || part.exited().isEmpty() || FreePorts.listening(part.port())) {
            return;
        }
        long started = System.nanoTime();
        try {
            part.startAgain();
            failures.remove(part.name());
            log.info("{} is back on port {} ({} ms)", part.name(), part.port(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            failures.put(part.name(), failed + 1);
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            log.error("{} did not come back: {}; next try in {} ms (its log says why)", part.name(), reason,
                    backOff(failed + 1).toMillis());
        }
    }

    private Duration backOff(int failed) {
        Duration wait = delay.multipliedBy(1L << Math.min(failed, 16));
        return wait.compareTo(LONGEST_BACK_OFF) > 0 ? LONGEST_BACK_OFF : wait;
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** No part is restarted from now on; a restart under way is abandoned (its part is stopped by the caller). */
    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        restarters.shutdownNow();
        try {
            watcher.join(Duration.ofSeconds(5).toMillis());
            restarters.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
