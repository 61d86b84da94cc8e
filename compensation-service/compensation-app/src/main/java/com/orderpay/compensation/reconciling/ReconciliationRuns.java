package com.orderpay.compensation.reconciling;

import com.orderpay.compensation.alerting.AlertEvaluator;
import com.orderpay.compensation.config.ReconciliationProperties;
import com.orderpay.compensation.persistence.RunEntity;
import com.orderpay.compensation.persistence.RunMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Starts runs, one at a time across replicas: the run's own row is the lock (compensation_db admits one RUNNING row),
 * heartbeated after every page; a row whose replica stopped heartbeating for the lease is marked FAILED before a new
 * run starts. Asking while a run is under way answers that run. Runs execute on their own thread, never on a
 * request's.
 */
@Service
public class ReconciliationRuns {

    public static final String RUNS = "orderpay.reconciliation.runs";
    public static final String DURATION = "orderpay.reconciliation.run.duration";
    private static final Logger log = LoggerFactory.getLogger(ReconciliationRuns.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The first wait before a run's end is written again; it doubles up to {@link #LONGEST_END_RETRY}. */
    static final Duration FIRST_END_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_END_RETRY = Duration.ofSeconds(5);

    /** Who asked for a run. */
    public enum Trigger {
        SCHEDULED, ON_DEMAND
    }

    private final RunMapper runs;
    private final Reconciliation reconciliation;
    private final ReconciliationProperties properties;
    private final ObjectProvider<AlertEvaluator> alerts;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "reconciliation-run");
        thread.setDaemon(true);
        return thread;
    });

    public ReconciliationRuns(RunMapper runs, Reconciliation reconciliation, ReconciliationProperties properties,
            ObjectProvider<AlertEvaluator> alerts, MeterRegistry registry, Clock clock) {
        this.runs = runs;
        this.reconciliation = reconciliation;
        this.properties = properties;
        this.alerts = alerts;
        this.registry = registry;
        this.clock = clock;
    }

    /** @return the id of the run that will do the work: a new one, or the one already running */
    public String request(Trigger trigger, String requestedBy) {
        for (int attempt = 0; attempt < 3; attempt++) {
            RunEntity running = runs.findRunning();
            if (running != null && !abandoned(running)) {
                // The run keeps whoever started it; this request's operator is in the audit log line.
                log.info("A {} run was asked for{} while run {} is under way: answered with that run", trigger,
                        requestedBy == null ? "" : " by " + requestedBy, running.runId);
                return running.runId;
            }
            Instant now = clock.instant();
            String runId = newRunId(now);
            try {
                runs.insertRunning(runId, trigger.name(), requestedBy, now);
            } catch (DuplicateKeyException e) {
                continue; // another replica started one between our look and our insert: answer that one
            }
            log.info("Reconciliation run {} ({}) started", runId, trigger);
            executor.submit(() -> execute(runId, now));
            return runId;
        }
        throw new IllegalStateException("Could not start or find a reconciliation run");
    }

    /** Whether any run started within the last {@code interval} (on any replica): the schedule skips then. */
    public boolean ranWithin(Duration interval) {
        Instant last = runs.lastStartedAt();
        return last != null && last.isAfter(clock.instant().minus(interval));
    }

    private boolean abandoned(RunEntity running) {
        Instant now = clock.instant();
        if (running.heartbeatAt.plus(properties.lease()).isAfter(now)) {
            return false;
        }
        String why = "abandoned: no heartbeat since " + running.heartbeatAt
                + " (its replica stopped, or could not record the run's end for the lease)";
        if (runs.failAbandoned(running.runId, running.heartbeatAt, now, why) == 1) {
            log.error("Run {} was abandoned (last heartbeat {}: its replica stopped, or could not record its end); "
                    + "marked FAILED", running.runId, running.heartbeatAt);
            count("failed");
        }
        return true;
    }

    private void execute(String runId, Instant startedAt) {
        RunContext run = new RunContext(runId, startedAt, startedAt.minus(properties.grace()), context -> {
            runs.heartbeat(runId, clock.instant(), context.checked(), context.repairedCount(), context.flaggedCount());
            pause();
        });
        Timer.Sample sample = Timer.start(registry);
        String status = "COMPLETED";
        String failure = null;
        try {
            reconciliation.execute(run);
        } catch (RuntimeException | Error e) {
            status = "FAILED";
            failure = e.toString().length() > 1000 ? e.toString().substring(0, 1000) : e.toString();
            log.error("Reconciliation run {} failed after {} records", runId, run.checked(), e);
        }
        EndRecord end = recordEnd(runId, status, run, failure);
        if (end == EndRecord.NOT_WRITTEN) {
            return;
        }
        if (end == EndRecord.ALREADY_ABANDONED) {
            // Whoever marked it abandoned counted it failed; the record keeps that, and this run is not counted twice.
            log.warn("Reconciliation run {} ended {} ({} records checked, {} repaired, {} flagged), but its record had "
                    + "been marked abandoned meanwhile and stays FAILED", runId, status, run.checked(),
                    run.repairedCount(), run.flaggedCount());
            evaluateAlerts(runId);
            return;
        }
        sample.stop(Timer.builder(DURATION).description("How long a reconciliation run takes").register(registry));
        count(status.toLowerCase(Locale.ROOT));
        log.info("Reconciliation run {} {}: {} records checked, {} repaired, {} flagged", runId, status, run.checked(),
                run.repairedCount(), run.flaggedCount());
        evaluateAlerts(runId);
    }

    private void evaluateAlerts(String runId) {
        try {
            alerts.ifAvailable(AlertEvaluator::evaluateAfterRun);
        } catch (RuntimeException e) {
            log.warn("Alert evaluation after run {} failed: {}", runId, e.toString());
        }
    }

    /** How the end of a run went into its record. */
    enum EndRecord {
        WRITTEN,
        /** The row was no longer RUNNING: another replica had marked it abandoned (heartbeat older than the lease). */
        ALREADY_ABANDONED,
        NOT_WRITTEN
    }

    /**
     * Writes the run's end, with its real cause. The database that failed the run (or any outage at this line) may be
     * down for a while: until the end is written the row stays RUNNING, and every request for a run is answered with
     * this one. So the write is tried again, 1 s later, then twice as long each time up to 5 s, for as long as the
     * lease: a database back within it gets the true status within seconds. Past the lease the row is left to be
     * marked abandoned by the next request, and this thread is free for the run that request starts.
     *
     * @return whether the end was written, found the row already marked abandoned, or could not be written
     */
    private EndRecord recordEnd(String runId, String status, RunContext run, String failure) {
        long giveUpAt = System.nanoTime() + properties.lease().toNanos();
        Duration wait = FIRST_END_RETRY;
        while (true) {
            try {
                int ended = runs.finish(runId, status, clock.instant(), run.checked(), run.repairedCount(),
                        run.flaggedCount(), failure);
                return ended == 1 ? EndRecord.WRITTEN : EndRecord.ALREADY_ABANDONED;
            } catch (RuntimeException e) {
                if (System.nanoTime() + wait.toNanos() > giveUpAt) {
                    log.error("Reconciliation run {} ended {} but its end could not be recorded within the lease ({}); "
                            + "it will be marked abandoned: {}", runId, status, properties.lease(), e.toString());
                    return EndRecord.NOT_WRITTEN;
                }
                log.warn("Reconciliation run {} ended {}; recording its end failed, trying again in {} ms: {}", runId,
                        status, wait.toMillis(), e.toString());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EndRecord.NOT_WRITTEN;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_END_RETRY) > 0 ? LONGEST_END_RETRY : wait.multipliedBy(2);
        }
    }

    /** Yields to the order path between pages (orderpay.reconciliation.page-pause). */
    private void pause() {
        if (properties.pagePause().isZero()) {
            return;
        }
        try {
            Thread.sleep(properties.pagePause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reconciliation run interrupted", e);
        }
    }

    private void count(String status) {
        Counter.builder(RUNS).description("Reconciliation runs by how they ended").tag("status", status)
                .register(registry).increment();
    }

    /** Sorts by start time (for newest-first listing), unguessable after it. */
    private static String newRunId(Instant now) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return "R" + String.format("%013d", now.toEpochMilli()) + HexFormat.of().formatHex(random);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
