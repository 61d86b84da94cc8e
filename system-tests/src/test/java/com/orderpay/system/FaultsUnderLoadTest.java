package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.OrderpayStack;
import com.orderpay.system.LoadOfBuyers.Buyer;
import com.orderpay.system.LoadOfBuyers.History;
import com.orderpay.system.LoadOfBuyers.Op;
import com.orderpay.system.Storefront.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Faults under load (Jepsen's bank test, for orders): buyers shop through the gateway while, in turn, each part of the
 * system is killed (SIGKILL) and restarted, a participant is restarted as a deploy does (SIGTERM, graceful), a
 * participant (and, in the full form, the coordinator) is frozen (SIGSTOP) past every timeout, and the link to a participant turns slower than the caller's timeout. After each fault the
 * system is left to settle (the coordinator's retries, the expiry, holds given back); then the databases are audited
 * against architecture.md's invariants and against what every client was told, and at the end one reconciliation run
 * has the last word. It runs last in this module, on the suite's own system (it kills its parts).
 *
 * <p>The short form (the default, in the build's tests) takes the faults of each kind once with a few buyers for a
 * few seconds. The full form is a separate command:
 * <pre>./mvnw -B verify -pl system-tests -am -Djib.skip=true -Dtest=FaultsUnderLoadTest
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfaults.form=full -Dfaults.buyers=64 -Dfaults.seconds=60</pre>
 * Its report goes to {@code system-tests/target/fault-report.md}; {@code -Dfaults.only=<names>} takes some faults
 * only, {@code -Dfaults.down-seconds=<n>} keeps a killed part down longer.
 */
@Order(Integer.MAX_VALUE)
class FaultsUnderLoadTest {

    private static final boolean FULL = "full".equals(System.getProperty("faults.form"));
    private static final int BUYERS = Integer.getInteger("faults.buyers", FULL ? 64 : 8);
    /** Load around each fault: half before it, half after it is over. */
    private static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("faults.seconds", FULL ? 60 : 6));
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(FULL ? 300 : 120);
    private static final long STOCK = 1_000_000;

    /** One fault: what is done to the stack between the two halves of the load. */
    record Fault(String name, Consumer<OrderpayStack> inject) {
    }

    record Outcome(String fault, int buyers, Map<String, Long> answers, long attempts, long retried,
                   Duration longestWait, List<LoadOfBuyers.Attempt> serverErrors, long noAnswer, Duration settledIn,
                   SystemAudit.Unsettled lingering, List<String> broken, List<String> contradicted) {
    }

    private static List<Fault> faults() {
        // How long a killed part stays down before it is restarted (-Dfaults.down-seconds).
        Duration down = Duration.ofSeconds(Integer.getInteger("faults.down-seconds", FULL ? 10 : 2));
        Duration frozen = Duration.ofSeconds(FULL ? 40 : 8);
        List<Fault> all = List.of(
                // The coordinator first: its in-doubt transactions take longest to finish, while the rest goes on.
                new Fault("kill the Seata TC", stack -> stack.killAndRestartCoordinator(down)),
                new Fault("kill order-service", stack -> killAndRestart(stack, OrderpayService.ORDER, down)),
                new Fault("kill wallet-service", stack -> killAndRestart(stack, OrderpayService.WALLET, down)),
                new Fault("kill inventory-service", stack -> killAndRestart(stack, OrderpayService.INVENTORY, down)),
                // A deploy or a node drain: SIGTERM, the graceful shutdown under load, then the new process.
                new Fault("restart inventory-service (SIGTERM)", stack -> {
                    stack.stop(OrderpayService.INVENTORY);
                    stack.restart(OrderpayService.INVENTORY);
                }),
                new Fault("restart wallet-service (SIGTERM)", stack -> {
                    stack.stop(OrderpayService.WALLET);
                    stack.restart(OrderpayService.WALLET);
                }),
                // Every client's connection cut at once; each retries under its key against the new process.
                new Fault("kill the gateway", stack -> killAndRestart(stack, OrderpayService.GATEWAY, down)),
                new Fault("kill compensation-service", stack -> killAndRestart(stack, OrderpayService.COMPENSATION, down)),
                new Fault("kill Redis", stack -> stack.killAndRestartRedis(down)),
                new Fault("kill MariaDB", stack -> stack.killAndRestartDatabase(down)),
                // Frozen longer than Feign's read timeout (5 s) and, in the full form, than the TC's phase-two RPC.
                new Fault("freeze wallet-service", stack -> {
                    stack.freeze(OrderpayService.WALLET);
                    pause(frozen);
                    stack.thaw(OrderpayService.WALLET);
                }),
                // The coordinator frozen longer than the services' request timeout for it (6 s), so begins fail
                // (503) and commits lose their answer (202) while the coordinator holds their sessions; in the full
                // form also past the 15 s after which Seata's clients drop a silent channel with what it carried.
                new Fault("freeze the Seata TC", stack -> {
                    stack.coordinator().process().suspend();
                    pause(frozen);
                    stack.coordinator().process().resume();
                }),
                // Slower than Feign's read timeout (5 s), both ways, on the TM's link to a participant.
                new Fault("slow link to inventory-service", stack -> {
                    stack.link(OrderpayService.INVENTORY).delay(Duration.ofSeconds(7));
                    pause(frozen);
                    stack.link(OrderpayService.INVENTORY).delay(Duration.ZERO);
                }));
        String only = System.getProperty("faults.only");
        if (only != null && !only.isBlank()) {
            List<String> wanted = Arrays.asList(only.split(","));
            return all.stream().filter(f -> wanted.stream().anyMatch(f.name()::contains)).toList();
        }
        // The short form takes one fault of each kind: a service killed (the TM, whose crash recovery is the subtlest),
        // the coordinator, Redis and the database killed, a participant frozen, a slow link and a participant
        // restarted as a deploy does. The full form takes every part.
        List<String> shortForm = List.of("kill order-service", "kill the Seata TC", "kill Redis", "kill MariaDB",
                "freeze wallet-service", "slow link to inventory-service", "restart inventory-service (SIGTERM)");
        return FULL ? all : all.stream().filter(f -> shortForm.contains(f.name())).toList();
    }

    @Test
    void everyPartKilledFrozenOrSlowedUnderLoadLosesNothingAndLeavesNothingStuck() throws Exception {
        OrderpayStack stack = RunningSystem.get();
        Storefront api = RunningSystem.storefront();
        String admin = api.token("fault-admin", "ADMIN", "USER");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String skuPrefix = "FAULT-" + run + "-";
        String userPrefix = "fault-" + run + "-";
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String sku = skuPrefix + i;
            Map<String, Object> body = Map.of("name", "Faulty " + i, "price", (1 + i) + ".25", "onHand", STOCK);
            assertThat(paced(() -> api.put("/api/admin/skus/" + sku, admin, body)).status()).isEqualTo(201);
            skus.add(sku);
        }
        List<Buyer> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            String user = userPrefix + i;
            // One buyer in eight is nearly broke: its payments are refused and its wallet branches roll back empty.
            String amount = i % 8 == 7 ? "3.00" : "100000.00";
            String creditKey = UUID.randomUUID().toString();
            assertThat(paced(() -> api.post("/api/admin/wallets/" + user + "/credits", admin, creditKey,
                    Map.of("amount", amount))).status()).isEqualTo(200);
            buyers.add(new Buyer(user, api.token(user, "USER")));
        }
        History history = new History();
        LoadOfBuyers load = new LoadOfBuyers(api, buyers, skus, history);
        SystemAudit audit = new SystemAudit(stack.dbHostPort(), userPrefix, skuPrefix, STOCK);
        List<Outcome> outcomes = new ArrayList<>();

        for (Fault fault : faults()) {
            load.start(fault.name());
            pause(LOAD.dividedBy(2));
            fault.inject().accept(stack);
            pause(LOAD.dividedBy(2));
            load.stop();
            // The full form lets every fault settle and audits it alone; the short form goes on at once and lets
            // the last settling and the final audit judge them all, which keeps it short.
            outcomes.add(FULL ? settleAndAudit(fault.name(), history.of(fault.name()), audit)
                    : outcome(fault.name(), history.of(fault.name()), null, null, null, null));
            System.out.printf("Fault '%s' done: %s%n", fault.name(), outcomes.get(outcomes.size() - 1));
        }
        Outcome last = settleAndAudit("all faults", history.all(), audit);

        // The last word: a reconciliation run over everything, once the traffic is older than its grace period.
        pause(Duration.parse(RunningSystem.RECONCILIATION_GRACE).plusSeconds(2));
        JsonNode reconciliation = reconcile(api, admin);
        SystemAudit.View finalView = audit.view();
        List<String> broken = finalView.broken();
        List<String> contradicted = audit.contradictedAnswers(history.all());
        String report = report(outcomes, last, reconciliation, broken, contradicted, finalView.unsettled());
        Path file = Path.of("target", "fault-report.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);

        assertThat(reconciliation.path("run").path("status").asText()).as(report).isEqualTo("COMPLETED");
        assertThat(finalView.unsettled().none()).as("nothing left undecided\n" + report).isTrue();
        assertThat(broken).as("invariants after reconciliation\n" + report).isEmpty();
        assertThat(contradicted).as("every answer a client got is reflected in the data\n" + report).isEmpty();
        for (Outcome outcome : outcomes) {
            assertThat(outcome.serverErrors()).as(outcome.fault() + ": a fault is a 503, never a 500").isEmpty();
            assertThat(outcome.attempts()).as(outcome.fault() + ": the load ran").isPositive();
            // Every answer is the system's own, given before the gateway's response timeout (30 s) would cut a request
            // off while its work goes on behind it: the services' budgets for the coordinator (6 s a request, two
            // tries of a commit), their siblings (Feign, 5 s) and the database stay under it.
            assertThat(outcome.longestWait()).as(outcome.fault() + ": answered before the gateway's timeout\n" + report)
                    .isLessThan(Duration.ofSeconds(30));
            if (outcome.broken() != null) {
                // The full form audits each fault once it settled. None of these faults loses the coordinator's store,
                // so the coordinator and expiry alone must leave every invariant holding; reconciliation is the last word.
                assertThat(outcome.broken()).as(outcome.fault() + ": invariants once settled\n" + report).isEmpty();
            }
        }
        assertThat(outcomes.stream().mapToLong(o -> o.answers().getOrDefault("2xx", 0L)).sum())
                .as("orders and payments got through around the faults").isPositive();
    }

    /** Waits until nothing is left undecided (or gives up), then audits the invariants and the clients' answers. */
    private static Outcome settleAndAudit(String fault, List<Op> ops, SystemAudit audit) {
        long started = System.nanoTime();
        SystemAudit.View view = audit.view();
        SystemAudit.Unsettled atFirst = view.unsettled();
        while (!view.unsettled().none() && System.nanoTime() - started < SETTLE_WITHIN.toNanos()) {
            pause(Duration.ofMillis(500));
            view = audit.view();
        }
        // The invariants are judged in the very snapshot that found nothing undecided.
        return outcome(fault, ops, Duration.ofNanos(System.nanoTime() - started), atFirst, view, audit);
    }

    /** What the clients got; with an audit when {@code audit} is given. */
    private static Outcome outcome(String fault, List<Op> ops, Duration settledIn, SystemAudit.Unsettled atFirst,
            SystemAudit.View view, SystemAudit audit) {
        Map<String, Long> answers = new TreeMap<>();
        for (Op op : ops) {
            String answer = op.succeeded() ? "2xx" : op.status() < 0 ? "no answer" : op.status() + " " + op.code();
            answers.merge(answer, 1L, Long::sum);
        }
        long attempts = ops.stream().mapToLong(op -> op.attempts().size()).sum();
        long retried = ops.stream().filter(op -> op.attempts().size() > 1).count();
        Duration longestWait = Duration.ofMillis(ops.stream().flatMap(op -> op.attempts().stream())
                .mapToLong(LoadOfBuyers.Attempt::millis).max().orElse(0));
        List<LoadOfBuyers.Attempt> errors = ops.stream().flatMap(op -> op.attempts().stream())
                .filter(a -> a.status() >= 500 && a.status() != 503).toList();

        long noAnswer = ops.stream().filter(op -> op.status() < 0).count();
        List<String> broken = view == null ? null : new ArrayList<>(view.broken());
        if (view != null && !view.unsettled().none()) {
            broken.add(0, "not settled after " + settledIn.toSeconds() + " s: " + view.unsettled().describe());
        }
        return new Outcome(fault, ops.stream().map(Op::buyer).collect(Collectors.toSet()).size(), answers, attempts,
                retried, longestWait, errors, noAnswer, settledIn, atFirst, broken,
                audit == null ? null : audit.contradictedAnswers(ops));
    }

    private static JsonNode reconcile(Storefront api, String admin) {
        Reply started = api.post("/api/admin/reconciliation/runs", admin, UUID.randomUUID().toString(), null);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        String runId = started.body().path("runId").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode run = api.get("/api/admin/reconciliation/runs/" + runId, admin).body();
        while ("RUNNING".equals(run.path("status").asText()) && System.nanoTime() < deadline) {
            pause(Duration.ofSeconds(1));
            run = api.get("/api/admin/reconciliation/runs/" + runId, admin).body();
        }
        JsonNode findings = api.get("/api/admin/reconciliation/findings?runId=" + runId + "&limit=100", admin).body();
        return Storefront.JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("run", run)
                .set("findings", findings.path("findings"));
    }

    private static String report(List<Outcome> outcomes, Outcome last, JsonNode reconciliation, List<String> broken,
            List<String> contradicted, SystemAudit.Unsettled unsettled) {
        StringBuilder out = new StringBuilder();
        out.append("# Faults under load (").append(FULL ? "full" : "short").append(" form: ").append(BUYERS)
                .append(" buyers, ").append(LOAD.toSeconds()).append(" s of load around each fault)\n\n");
        out.append("| fault | operations | answers (final, after the client's retries) | retried | longest wait for an "
                + "answer | 5xx other than 503 | no answer | settled in | invariants after settling | answers contradicted |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<Outcome> rows = new ArrayList<>(outcomes);
        rows.add(last);
        for (Outcome o : rows) {
            long operations = o.answers().values().stream().mapToLong(Long::longValue).sum();
            out.append("| ").append(o.fault()).append(" | ").append(operations).append(" | ")
                    .append(o.answers().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(o.retried()).append(" | ")
                    .append(String.format("%.1f s", o.longestWait().toMillis() / 1000.0)).append(" | ")
                    .append(o.serverErrors().isEmpty() ? "0" : o.serverErrors().size() + " " + o.serverErrors())
                    .append(" | ")
                    .append(o.noAnswer()).append(" | ")
                    .append(o.settledIn() == null ? "(at the end)"
                            : String.format("%.1f s", o.settledIn().toMillis() / 1000.0)
                            + (o.lingering().none() ? "" : " (" + o.lingering().describe() + ")"))
                    .append(" | ").append(o.broken() == null ? "(at the end)" : o.broken().isEmpty() ? "hold"
                            : String.join("; ", o.broken()))
                    .append(" | ").append(o.contradicted() == null ? "(at the end)" : o.contradicted().isEmpty() ? "none"
                            : String.join("; ", o.contradicted()))
                    .append(" |\n");
        }
        JsonNode run = reconciliation.path("run");
        Map<String, Long> findings = new LinkedHashMap<>();
        reconciliation.path("findings").forEach(f -> findings.merge(f.path("kind").asText() + " "
                + f.path("status").asText(), 1L, Long::sum));
        out.append("\nReconciliation run ").append(run.path("runId").asText()).append(": ")
                .append(run.path("status").asText()).append(", ").append(run.path("checked").asLong())
                .append(" records checked, ").append(run.path("repaired").asLong()).append(" repaired, ")
                .append(run.path("flagged").asLong()).append(" flagged ").append(findings).append('\n');
        out.append("\nAfter it: ").append(unsettled.none() ? "nothing undecided" : unsettled.toString()).append("; ")
                .append(broken.isEmpty() ? "every invariant holds" : "BROKEN: " + broken).append("; ")
                .append(contradicted.isEmpty() ? "every answer reflected" : "CONTRADICTED: " + contradicted)
                .append('\n');
        return out.toString();
    }

    /** The operator's setup runs at the pace the gateway's per-user limit allows. */
    private static Reply paced(java.util.function.Supplier<Reply> request) {
        Reply reply = request.get();
        while (reply.status() == 429) {
            pause(Duration.ofSeconds(Long.parseLong(reply.header("Retry-After"))));
            reply = request.get();
        }
        return reply;
    }

    private static void killAndRestart(OrderpayStack stack, OrderpayService service, Duration down) {
        stack.kill(service);
        pause(down);
        stack.restart(service);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
