package com.orderpay.compensation.reconciling;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run under way: its id, the moment that separates settled records from possibly in-flight ones
 * ({@code cutoff} = start minus the grace period), and its counts. {@link #pageDone()} is called after every page
 * and heartbeats the run, so that another replica sees it alive.
 */
public class RunContext {

    /** Called after each page with the counts so far. */
    public interface Heartbeat {
        void beat(RunContext run);
    }

    private final String runId;
    private final Instant startedAt;
    private final Instant cutoff;
    private final Heartbeat heartbeat;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong repaired = new AtomicLong();
    private final AtomicLong flagged = new AtomicLong();

    public RunContext(String runId, Instant startedAt, Instant cutoff, Heartbeat heartbeat) {
        this.runId = runId;
        this.startedAt = startedAt;
        this.cutoff = cutoff;
        this.heartbeat = heartbeat;
    }

    public String runId() {
        return runId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Records changed after this are too young to judge: left alone. */
    public Instant cutoff() {
        return cutoff;
    }

    /** Whether a record last changed at {@code updatedAt} is younger than the grace period. */
    public boolean young(Instant updatedAt) {
        return updatedAt != null && updatedAt.isAfter(cutoff);
    }

    public void checked(long records) {
        checked.addAndGet(records);
    }

    void repaired() {
        repaired.incrementAndGet();
    }

    void flagged() {
        flagged.incrementAndGet();
    }

    public void pageDone() {
        heartbeat.beat(this);
    }

    public long checked() {
        return checked.get();
    }

    public long repairedCount() {
        return repaired.get();
    }

    public long flaggedCount() {
        return flagged.get();
    }
}
