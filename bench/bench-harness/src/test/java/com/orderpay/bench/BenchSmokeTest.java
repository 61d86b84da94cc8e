package com.orderpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.devstack.ProjectLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness itself, briefly: it starts the system with the baseline behind the gateway, drives every
 * scenario and the open model for a few seconds, checks the invariants through the API and by a reconciliation run,
 * and writes its report. A measurement is not a test: no figure is asserted, only that it works and nothing broke.
 */
class BenchSmokeTest {

    @Test
    void drivesEveryScenarioBrieflyAndEveryInvariantHolds(@TempDir Path out) throws Exception {
        Path root = ProjectLayout.detect().root();
        String[] args = {"--smoke", "--open-rates", "2,4", "--out", out.toString()};
        Report report = Bench.run(BenchOptions.parse(args, root), root, String.join(" ", args));

        assertThat(report.results()).extracting(RunResult::label)
                .containsExactly("spread", "hot", "pay-later", "mix", "baseline", "spread (open)");
        assertThat(report.results()).allSatisfy(run -> {
            assertThat(run.ordersDoneOverall()).as(run.label() + ": orders completed").isPositive();
            assertThat(run.invariants().broken()).as(run.label() + ": invariants").isEmpty();
        });
        // An order is several statements and at least one commit in MariaDB, whichever the flow. Per order needs
        // orders in the few measured seconds: on a loaded machine the first scenario's cold orders may all finish
        // outside them (its figures are then undefined, and the report says so), so only such windows are judged.
        List<RunResult> measured = report.results().stream().filter(run -> run.ordersDone() > 0).toList();
        assertThat(measured).as("scenarios that completed orders in their measured seconds").hasSizeGreaterThanOrEqualTo(4);
        assertThat(measured).allSatisfy(run -> {
            assertThat(run.databasePerOrder("Questions")).as(run.label() + ": statements per order").isGreaterThan(1);
            assertThat(run.databasePerOrder("Com_commit")).as(run.label() + ": commits per order").isGreaterThanOrEqualTo(1);
        });
        // Every process of the system is metered, the coordinator too (whichever way the launcher started it).
        assertThat(report.results().get(0).cpuSeconds()).containsKeys("mariadb", "redis", "seata-server (TC)",
                "gateway", "order-service", "inventory-service", "wallet-service", "compensation-service",
                "bench-baseline", "load generator (harness JVM)");
        assertThat(report.invariantsHeld()).as("every invariant, and the reconciliation run found nothing").isTrue();
        assertThat(report.summaryLine()).startsWith("orderpay bench:").contains("invariants held");
        assertThat(out.resolve("report.md")).isNotEmptyFile().content().contains("## Database work per order")
                .contains("| no order for ms |");
        assertThat(out.resolve("summary.txt")).isNotEmptyFile();
        assertThat(out.resolve("latency-over-time-current.png")).isNotEmptyFile();
        assertThat(out.resolve("throughput-vs-rate.png")).isNotEmptyFile();
        assertThat(Arrays.asList(out.toFile().list())).contains("p99-vs-rate.png");
    }
}
