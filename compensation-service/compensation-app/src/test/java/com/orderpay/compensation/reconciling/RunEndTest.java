package com.orderpay.compensation.reconciling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.orderpay.compensation.alerting.AlertEvaluator;
import com.orderpay.compensation.config.ReconciliationProperties;
import com.orderpay.compensation.persistence.RunEntity;
import com.orderpay.compensation.persistence.RunMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A run that fails because the database went down cannot write its end at that moment either (probe round 4: the row
 * stayed RUNNING for the whole lease, every request for a run was answered with the dead one, and it was finally closed
 * as "its replica stopped"). The run's own database outage is simulated at the one line that writes its end.
 */
class RunEndTest {

    private static final RuntimeException DATABASE_DOWN =
            new DataAccessResourceFailureException("Communications link failure");

    private final RunMapper runs = mock(RunMapper.class);
    private final Reconciliation reconciliation = mock(Reconciliation.class);
    private final AlertEvaluator alerts = mock(AlertEvaluator.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ReconciliationRuns subject;

    @AfterEach
    void stop() {
        if (subject != null) {
            subject.stop();
        }
    }

    @Test
    void aRunThatFailedWithTheDatabaseDownRecordsItsRealCauseOnceTheDatabaseIsBack() {
        subject = runsWithLease(Duration.ofMinutes(2));
        doThrow(new IllegalStateException("A dependency failed (WalletClient#lookupFreezes(List) answered 503)"))
                .when(reconciliation).execute(any());
        when(runs.finish(anyString(), anyString(), any(), anyLong(), anyLong(), anyLong(), any()))
                .thenThrow(DATABASE_DOWN).thenThrow(DATABASE_DOWN).thenReturn(1);

        String runId = subject.request(ReconciliationRuns.Trigger.ON_DEMAND, "ops");

        // Two failed writes (1 s, then 2 s apart), then the third lands: FAILED, with the cause that failed the run.
        verify(runs, timeout(10_000).times(3)).finish(eq(runId), eq("FAILED"), any(), anyLong(), anyLong(), anyLong(),
                contains("WalletClient#lookupFreezes"));
    }

    @Test
    void aRunWhoseEndCannotBeWrittenWithinTheLeaseStopsTryingAndLeavesItsThreadToTheNextRun() throws Exception {
        subject = runsWithLease(Duration.ofSeconds(4));
        when(runs.finish(anyString(), anyString(), any(), anyLong(), anyLong(), anyLong(), any()))
                .thenThrow(DATABASE_DOWN);

        String first = subject.request(ReconciliationRuns.Trigger.SCHEDULED, null);
        // Tries at 0, 1 and 3 s: the next wait (4 s) would pass the 4 s lease, so it stops after three.
        verify(runs, timeout(10_000).times(3))
                .finish(eq(first), eq("COMPLETED"), any(), anyLong(), anyLong(), anyLong(), any());
        Thread.sleep(ReconciliationRuns.FIRST_END_RETRY.multipliedBy(5).toMillis());
        verify(runs, times(3)).finish(eq(first), anyString(), any(), anyLong(), anyLong(), anyLong(), any());

        // The next run (once the row is marked abandoned) gets the thread at once.
        String second = subject.request(ReconciliationRuns.Trigger.ON_DEMAND, "ops");
        assertThat(second).isNotEqualTo(first);
        verify(reconciliation, timeout(2_000).times(2)).execute(any());
    }

    @Test
    void aRunningRowIsAnsweredWhileItsHeartbeatIsFreshAndTakenOverAsAbandonedOnceItIsOlderThanTheLease() {
        subject = runsWithLease(Duration.ofMinutes(2));
        RunEntity running = new RunEntity();
        running.runId = "R0000000000001aaaaaaaaaaaa";
        running.status = "RUNNING";
        running.heartbeatAt = Instant.now().minusSeconds(60);
        when(runs.findRunning()).thenReturn(running);

        assertThat(subject.request(ReconciliationRuns.Trigger.ON_DEMAND, "ops")).isEqualTo(running.runId);
        verify(runs, never()).failAbandoned(anyString(), any(), any(), anyString());

        running.heartbeatAt = Instant.now().minusSeconds(121);
        when(runs.failAbandoned(eq(running.runId), eq(running.heartbeatAt), any(), anyString())).thenReturn(1);
        String next = subject.request(ReconciliationRuns.Trigger.ON_DEMAND, "ops");

        assertThat(next).isNotEqualTo(running.runId);
        // Not "its replica stopped" only: a live replica that could not write the run's end leaves such a row too.
        verify(runs).failAbandoned(eq(running.runId), eq(running.heartbeatAt), any(),
                contains("its replica stopped, or could not record the run's end"));
        verify(runs).insertRunning(eq(next), eq("ON_DEMAND"), eq("ops"), any());
    }

    @Test
    void aRunThatEndsAfterAnotherReplicaMarkedItAbandonedLeavesItFailedAndIsNotCountedTwice() throws Exception {
        subject = runsWithLease(Duration.ofMinutes(2));
        // Not verify(alerts, timeout(..)): evaluateAfterRun is synchronized, and with inline mocks that verify holds the
        // mock's monitor while it polls, so a run that had not reached it yet waited past the timeout (CI, stop 26;
        // mockito/mockito#2500).
        CountDownLatch alertsEvaluated = new CountDownLatch(1);
        doAnswer(invocation -> {
            alertsEvaluated.countDown();
            return null;
        }).when(alerts).evaluateAfterRun();
        // Its end was written past the lease (the database was back late), just after another replica's request
        // marked the row abandoned and counted it failed: the write matches no RUNNING row.
        when(runs.finish(anyString(), anyString(), any(), anyLong(), anyLong(), anyLong(), any())).thenReturn(0);

        String runId = subject.request(ReconciliationRuns.Trigger.SCHEDULED, null);

        verify(runs, timeout(5_000)).finish(eq(runId), eq("COMPLETED"), any(), anyLong(), anyLong(), anyLong(), any());
        assertThat(alertsEvaluated.await(10, TimeUnit.SECONDS)).as("alerts evaluated after the run").isTrue();
        assertThat(registry.find(ReconciliationRuns.RUNS).counters()).as("runs counted by how they ended").isEmpty();
    }

    private ReconciliationRuns runsWithLease(Duration lease) {
        when(runs.insertRunning(anyString(), anyString(), any(), any())).thenReturn(1);
        when(runs.finish(anyString(), anyString(), any(), anyLong(), anyLong(), anyLong(), any())).thenReturn(1);
        ReconciliationProperties properties = new ReconciliationProperties(false, Duration.ofMinutes(5),
                Duration.ofMinutes(2), 200, lease, Duration.ZERO);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("alerts", alerts);
        return new ReconciliationRuns(runs, reconciliation, properties, beans.getBeanProvider(AlertEvaluator.class),
                registry, Clock.systemUTC());
    }
}
