package com.orderpay.compensation.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.compensation.alerting.AlertEvaluator;
import com.orderpay.compensation.reconciling.Reconciliation;
import com.orderpay.compensation.reconciling.RunContext;
import com.orderpay.devstack.ServiceHop;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * compensation-service in this JVM with its real neighbours: each kind of orphan is made for real, one run repairs or
 * flags them, and the repairs are checked through the owners' APIs along with every invariant. Then the alerts, each
 * at its threshold, one past it, and back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconciliationComponentTest {

    static final Duration GRACE = Duration.ofSeconds(25);
    static final List<String> WEBHOOK = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger WEBHOOK_CALLS = new AtomicInteger();
    static HttpServer webhook;

    @DynamicPropertySource
    static void neighbourhood(DynamicPropertyRegistry registry) throws IOException {
        Neighbours.register(registry, GRACE.toString());
        registry.add("orderpay.reconciliation.page-pause", () -> "PT0S");
        registry.add("orderpay.alerts.pending-orders", () -> "30");
        registry.add("orderpay.alerts.pending-age", () -> "PT1S");
        registry.add("orderpay.alerts.payments-per-user", () -> "3");
        registry.add("orderpay.alerts.amount-per-user", () -> "30.00");
        registry.add("orderpay.alerts.payments-window", () -> "PT12S");
        registry.add("orderpay.alerts.order-success-rate", () -> "75");
        registry.add("orderpay.alerts.payment-success-rate", () -> "75");
        registry.add("orderpay.alerts.success-window", () -> "PT1H");
        registry.add("orderpay.alerts.min-volume", () -> "4");
        registry.add("orderpay.alerts.run-overdue-after", () -> "PT12S");
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // the receiver fails the very first delivery: the sender must retry it
            int status = WEBHOOK_CALLS.getAndIncrement() == 0 ? 500 : 204;
            if (status == 204) {
                WEBHOOK.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
        registry.add("orderpay.alerts.webhook.url",
                () -> "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
        registry.add("orderpay.alerts.webhook.first-backoff", () -> "PT0.2S");
    }

    @LocalServerPort
    int port;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    AlertEvaluator alerts;

    /** The cases of the first run, made once for the whole class. */
    record Cases(String lostConfirmUser, String lostConfirmSku, String lostConfirmOrder, String crashUser,
                 String crashSku, String crashOrder, String vanishedSku, String vanishedOrder, String ghostUser,
                 String ghostOrder, String breachUser, String breachSku, String youngSku, String youngHold,
                 String liveOrder, String runId, String secondRunId) {
    }

    static Cases cases;
    static Exception casesFailed;

    /** Made once: when making them failed, every test that needs them fails with that, without trying again. */
    Cases cases() throws Exception {
        if (casesFailed != null) {
            throw new IllegalStateException("the cases could not be made", casesFailed);
        }
        try {
            return makeCases();
        } catch (Exception | AssertionError e) {
            casesFailed = e instanceof Exception ex ? ex : new IllegalStateException(e);
            throw e;
        }
    }

    Cases makeCases() throws Exception {
        if (cases == null) {
            String vanishedSku = Api.sku(10, "3.00");
            String vanishedOrder = Orphans.holdWhoseOrderVanished(Api.user("1.00"), vanishedSku);
            String ghostUser = Api.user("50.00");
            String ghostOrder = Orphans.debitWithoutOrder(ghostUser, "20.00");
            String breachUser = Api.user("10.00");
            Neighbours.writableDatabase("wallet_db").update(
                    "UPDATE wallet SET available = available + 5.00 WHERE user_id = ?", breachUser);
            String breachSku = Api.sku(10, "1.00");
            Neighbours.writableDatabase("inventory_db").update(
                    "UPDATE sku SET reserved = reserved + 1 WHERE sku_id = ?", breachSku);
            String lostConfirmSku = Api.sku(10, "5.00");
            String lostConfirmUser = Api.user("100.00");
            String lostConfirmOrder = Orphans.committedPlacementWithLostConfirm(lostConfirmUser, lostConfirmSku);
            String crashSku = Api.sku(10, "2.00");
            String crashUser = Api.user("100.00");
            String crashOrder = Orphans.placementCutShortByACrash(crashUser, crashSku);
            Instant oldEnough = Instant.now().plus(GRACE).plusSeconds(2);
            // Younger than the grace period when the run starts: an in-flight look-alike and a live unpaid order.
            String youngSku = Api.sku(10, "1.00");
            while (Instant.now().isBefore(oldEnough.minusSeconds(3))) {
                Thread.sleep(500);
            }
            String youngUser = Api.user("1.00");
            String youngHold = Orphans.holdWhoseOrderVanished(youngUser, youngSku);
            String liveOrder = Api.placed(youngUser, youngSku, 1, false);
            while (Instant.now().isBefore(oldEnough)) {
                Thread.sleep(200);
            }
            // Two operators ask at once, with different keys: one run does the work, both are told its id.
            CompletableFuture<Api.Reply> first = CompletableFuture.supplyAsync(() -> startRun(UUID.randomUUID().toString()));
            CompletableFuture<Api.Reply> second = CompletableFuture.supplyAsync(() -> startRun(UUID.randomUUID().toString()));
            String runId = first.get().body().path("runId").asText();
            assertThat(first.get().status()).isEqualTo(202);
            assertThat(second.get().status()).isEqualTo(202);
            assertThat(second.get().body().path("runId").asText()).isEqualTo(runId);
            awaitRun(runId, "COMPLETED");
            cases = new Cases(lostConfirmUser, lostConfirmSku, lostConfirmOrder, crashUser, crashSku, crashOrder,
                    vanishedSku, vanishedOrder, ghostUser, ghostOrder, breachUser, breachSku, youngSku, youngHold,
                    liveOrder, runId, null);
        }
        return cases;
    }

    Api.Reply startRun(String key) {
        return Api.asAdmin(port, "POST", "/api/admin/reconciliation/runs", null, key);
    }

    JsonNode awaitRun(String runId, String status) {
        JsonNode run = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(
                () -> Api.asAdmin(port, "GET", "/api/admin/reconciliation/runs/" + runId, null, null).body(),
                found -> !"RUNNING".equals(found.path("status").asText()));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo(status);
        return run;
    }

    /**
     * A run shows its end before its replica evaluates the alerts that read it (the evaluation reads the finished
     * row), so what a run changes in alerts is asserted within a few seconds of its end, not at the same instant.
     */
    static void afterItsAlertsAreEvaluated(org.awaitility.core.ThrowingRunnable expectation) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(expectation);
    }

    List<JsonNode> findings(String runId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = Api.asAdmin(port, "GET", "/api/admin/reconciliation/runs/" + runId + "/findings?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), null, null);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("findings").forEach(all::add);
            cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    List<JsonNode> findingsAbout(String runId, String subject) {
        return findings(runId).stream().filter(f -> f.path("subject").asText().equals(subject)).toList();
    }

    List<JsonNode> alertsOf(String rule, String state) {
        Api.Reply page = Api.asAdmin(port, "GET", "/api/admin/alerts?limit=100&state=" + state, null, null);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        page.body().path("alerts").forEach(a -> {
            if (a.path("rule").asText().equals(rule)) {
                found.add(a);
            }
        });
        return found;
    }

    // ---- the first run ----------------------------------------------------------------------------------------

    @Test
    @Order(0)
    void thePoolPinsReadCommittedWhateverTheServerDefault(@Autowired JdbcTemplate ownPool) {
        assertThat(ownPool.queryForObject("SELECT @@global.transaction_isolation", String.class))
                .isEqualTo("REPEATABLE-READ");
        assertThat(ownPool.queryForObject("SELECT @@transaction_isolation", String.class)).isEqualTo("READ-COMMITTED");
    }

    @Test
    @Order(1)
    void aCommittedPlacementWhoseConfirmFailedAndWhoseCoordinatorLostItIsCommittedOnce() throws Exception {
        Cases c = cases();

        assertThat(Api.orderStatus(c.lostConfirmOrder())).isEqualTo("PAID");
        assertThat(Api.ledger(c.lostConfirmUser())).containsExactly("CREDIT 100.00", "FREEZE 10.00", "DEBIT 10.00");
        assertThat(Api.wallet(c.lostConfirmUser())).isEqualTo(Api.wallet("90.00", "0.00"));
        assertThat(Api.stock(c.lostConfirmSku())).isEqualTo(new Api.Stock(8, 0, 2));
        List<JsonNode> findings = findingsAbout(c.runId(), c.lostConfirmOrder());
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("kind").asText()).isEqualTo("ABANDONED_TRANSACTION");
        assertThat(findings.get(0).path("action").asText()).isEqualTo("COMMIT_BRANCHES");
        assertThat(findings.get(0).path("status").asText()).isEqualTo("REPAIRED");
        assertThat(findings.get(0).path("evidence").path("coordinator").asText()).isEqualTo("Finished");
        assertThat(findings.get(0).path("evidence").path("funds").toString()).contains("TRYING");
    }

    @Test
    @Order(2)
    void aPlacementCutShortByACrashOfOrderServiceIsRolledBack() throws Exception {
        Cases c = cases();

        assertThat(Api.reservationStatus(c.crashOrder())).isEqualTo("CANCELLED");
        assertThat(Api.stock(c.crashSku())).isEqualTo(new Api.Stock(10, 0, 0));
        assertThat(Api.wallet(c.crashUser())).isEqualTo(Api.wallet("100.00", "0.00"));
        List<JsonNode> findings = findingsAbout(c.runId(), c.crashOrder());
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("action").asText()).isEqualTo("ROLLBACK_BRANCHES");
        assertThat(findings.get(0).path("status").asText()).isEqualTo("REPAIRED");
        assertThat(findings.get(0).path("evidence").path("order").asText()).isEqualTo("missing");
    }

    @Test
    @Order(3)
    void aHoldWhoseOrderVanishedIsReleased() throws Exception {
        Cases c = cases();

        assertThat(Api.reservationStatus(c.vanishedOrder())).isEqualTo("RELEASED");
        assertThat(Api.stock(c.vanishedSku())).isEqualTo(new Api.Stock(10, 0, 0));
        assertThat(findingsAbout(c.runId(), c.vanishedOrder())).singleElement()
                .satisfies(f -> assertThat(f.path("kind").asText()).isEqualTo("HOLD_WITHOUT_LIVE_ORDER"))
                .satisfies(f -> assertThat(f.path("status").asText()).isEqualTo("REPAIRED"));
    }

    @Test
    @Order(4)
    void aDebitWithoutAnOrderIsRefunded() throws Exception {
        Cases c = cases();

        assertThat(Api.ledger(c.ghostUser())).containsExactly("CREDIT 50.00", "FREEZE 20.00", "DEBIT 20.00",
                "REFUND 20.00");
        assertThat(Api.wallet(c.ghostUser())).isEqualTo(Api.wallet("50.00", "0.00"));
        assertThat(findingsAbout(c.runId(), c.ghostOrder())).singleElement()
                .satisfies(f -> assertThat(f.path("action").asText()).isEqualTo("REFUND"))
                .satisfies(f -> assertThat(f.path("status").asText()).isEqualTo("REPAIRED"));
    }

    @Test
    @Order(5)
    void recordsYoungerThanTheGracePeriodAreLeftAlone() throws Exception {
        Cases c = cases();

        assertThat(Api.reservationStatus(c.youngHold())).isEqualTo("HELD");
        assertThat(Api.orderStatus(c.liveOrder())).isEqualTo("AWAITING_PAYMENT");
        assertThat(Api.reservationStatus(c.liveOrder())).isEqualTo("HELD");
        assertThat(findingsAbout(c.runId(), c.youngHold())).isEmpty();
        assertThat(findingsAbout(c.runId(), c.liveOrder())).isEmpty();
    }

    @Test
    @Order(6)
    void brokenInvariantsAreFlaggedAndAlertedUntilARunFindsThemMended() throws Exception {
        Cases c = cases();

        assertThat(findingsAbout(c.runId(), c.breachUser())).singleElement()
                .satisfies(f -> assertThat(f.path("kind").asText()).isEqualTo("WALLET_LEDGER_MISMATCH"))
                .satisfies(f -> assertThat(f.path("status").asText()).isEqualTo("FLAGGED"));
        assertThat(findingsAbout(c.runId(), c.breachSku())).singleElement()
                .satisfies(f -> assertThat(f.path("kind").asText()).isEqualTo("SKU_FIGURES_MISMATCH"));
        // the breaches found, repaired or not: the debit without an order, the orphaned hold, the wallet, the SKU
        afterItsAlertsAreEvaluated(() -> {
            assertThat(alertsOf(AlertEvaluator.INVARIANT_BREACH, "FIRING")).singleElement()
                    .satisfies(a -> assertThat(a.path("value").asText()).isEqualTo("4"));
            assertThat(alertsOf(AlertEvaluator.UNREPAIRED_FINDINGS, "FIRING")).hasSize(1);
        });
        JsonNode run = Api.asAdmin(port, "GET", "/api/admin/reconciliation/runs/" + c.runId(), null, null).body();
        assertThat(run.path("repaired").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(run.path("flagged").asLong()).isEqualTo(2);

        // A person mends the rows; the next run finds nothing broken and both alerts resolve.
        Neighbours.writableDatabase("wallet_db").update("UPDATE wallet SET available = available - 5.00 WHERE user_id = ?",
                c.breachUser());
        Neighbours.writableDatabase("inventory_db").update("UPDATE sku SET reserved = reserved - 1 WHERE sku_id = ?",
                c.breachSku());
        String next = startRun(UUID.randomUUID().toString()).body().path("runId").asText();
        awaitRun(next, "COMPLETED");

        assertThat(Api.brokenInvariants()).isEmpty();
        afterItsAlertsAreEvaluated(() -> {
            assertThat(alertsOf(AlertEvaluator.INVARIANT_BREACH, "FIRING")).isEmpty();
            assertThat(alertsOf(AlertEvaluator.INVARIANT_BREACH, "RESOLVED")).isNotEmpty();
            assertThat(alertsOf(AlertEvaluator.UNREPAIRED_FINDINGS, "FIRING")).isEmpty();
        });
        // The young hold is old now: this run gives it back; nothing else is left to find.
        assertThat(findings(next)).allSatisfy(f -> {
            assertThat(f.path("subject").asText()).isEqualTo(c.youngHold());
            assertThat(f.path("status").asText()).isEqualTo("REPAIRED");
        });
        // Repairs happened once: a second refund, debit or release would show in the ledgers and figures.
        assertThat(Api.ledger(c.ghostUser())).filteredOn(e -> e.startsWith("REFUND")).hasSize(1);
        assertThat(Api.ledger(c.lostConfirmUser())).filteredOn(e -> e.startsWith("DEBIT")).hasSize(1);
    }

    @Test
    @Order(7)
    void twoRunsAtOnceEvenWithoutTheRunLockHaveOneEffect() throws Exception {
        cases();
        String user = Api.user("40.00");
        String ghost = Orphans.debitWithoutOrder(user, "15.00");
        String sku = Api.sku(5, "1.00");
        String hold = Orphans.holdWhoseOrderVanished(Api.user("1.00"), sku);
        JdbcTemplate compensationDb = Neighbours.writableDatabase("compensation_db");
        List<RunContext> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            // Two replicas that both believe they hold the lock (a lease lost to a long pause): rows of their own.
            String runId = String.format("R%013dtest%d", System.currentTimeMillis(), i);
            compensationDb.update("INSERT INTO reconciliation_run (run_id, trigger_kind, status, started_at, "
                    + "heartbeat_at, finished_at) VALUES (?, 'ON_DEMAND', 'COMPLETED', UTC_TIMESTAMP(3), "
                    + "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))", runId);
            Instant now = Instant.now();
            runs.add(new RunContext(runId, now, now.plusSeconds(1), run -> { }));
        }
        Thread.sleep(1_100);

        CompletableFuture.allOf(runs.stream().map(run -> CompletableFuture.runAsync(() -> reconciliation.execute(run)))
                .toArray(CompletableFuture[]::new)).get();

        assertThat(Api.ledger(user)).containsExactly("CREDIT 40.00", "FREEZE 15.00", "DEBIT 15.00", "REFUND 15.00");
        assertThat(Api.wallet(user)).isEqualTo(Api.wallet("40.00", "0.00"));
        assertThat(Api.reservationStatus(hold)).isEqualTo("RELEASED");
        assertThat(Api.stock(sku)).isEqualTo(new Api.Stock(5, 0, 0));
        assertThat(Api.brokenInvariants()).isEmpty();
        List<String> refunds = runs.stream().flatMap(run -> findingsAbout(run.runId(), ghost).stream())
                .map(f -> f.path("result").asText()).toList();
        assertThat(refunds).isNotEmpty().allSatisfy(result -> assertThat(result).startsWith("refund entry"));
    }

    @Test
    @Order(8)
    void theSameIdempotencyKeyAnswersTheSameRun() {
        String key = UUID.randomUUID().toString();
        Api.Reply first = startRun(key);
        Api.Reply again = startRun(key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("runId").asText()).isEqualTo(first.body().path("runId").asText());
        awaitRun(first.body().path("runId").asText(), "COMPLETED");
        Api.Reply missingKey = Api.asAdmin(port, "POST", "/api/admin/reconciliation/runs", null, null);
        assertThat(missingKey.status()).isEqualTo(400);
        Api.Reply notAdmin = Api.call(port, "GET", "/api/admin/reconciliation/runs", null, ServiceHop.caller("u", "USER"));
        assertThat(notAdmin.status()).isEqualTo(403);
        Api.Reply list = Api.asAdmin(port, "GET", "/api/admin/reconciliation/runs?limit=2", null, null);
        assertThat(list.body().path("runs")).hasSize(2);
        assertThat(list.body().path("nextCursor").isTextual()).isTrue();
    }

    // ---- alerts -----------------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void successRatesAndAFailedRunFirePastTheirThresholdsAndResolve() throws Exception {
        alerts.evaluate(); // the counters' baseline: what happened before does not count
        String user = Api.user("1000.00");
        String sku = Api.sku(1000, "1.00");
        for (int i = 0; i < 3; i++) {
            Api.placed(user, sku, 1, true);
        }
        Neighbours.inventory().process().stop();
        try {
            assertThat(Api.place(user, sku, 1, true).status()).isEqualTo(503);
            alerts.evaluate();
            // 3 of 4 = 75 %: at the threshold, not below it
            assertThat(alertsOf(AlertEvaluator.ORDER_SUCCESS_RATE, "FIRING")).isEmpty();
            assertThat(alertsOf(AlertEvaluator.PAYMENT_SUCCESS_RATE, "FIRING")).isEmpty();

            assertThat(Api.place(user, sku, 1, true).status()).isEqualTo(503);
            alerts.evaluate();
            assertThat(alertsOf(AlertEvaluator.ORDER_SUCCESS_RATE, "FIRING")).singleElement()
                    .satisfies(a -> assertThat(a.path("value").asText()).isEqualTo("60.00"));
            assertThat(alertsOf(AlertEvaluator.PAYMENT_SUCCESS_RATE, "FIRING")).hasSize(1);

            String failing = startRun(UUID.randomUUID().toString()).body().path("runId").asText();
            awaitRun(failing, "FAILED");
            afterItsAlertsAreEvaluated(() -> assertThat(alertsOf(AlertEvaluator.RUN_FAILED, "FIRING")).hasSize(1));
        } finally {
            Neighbours.inventory().restart();
        }
        for (int i = 0; i < 7; i++) {
            Api.placed(user, sku, 1, true);
        }
        alerts.evaluate();
        assertThat(alertsOf(AlertEvaluator.ORDER_SUCCESS_RATE, "FIRING")).isEmpty();
        assertThat(alertsOf(AlertEvaluator.ORDER_SUCCESS_RATE, "RESOLVED")).hasSize(1);
        assertThat(alertsOf(AlertEvaluator.PAYMENT_SUCCESS_RATE, "FIRING")).isEmpty();
        awaitRun(startRun(UUID.randomUUID().toString()).body().path("runId").asText(), "COMPLETED");
        afterItsAlertsAreEvaluated(() -> {
            assertThat(alertsOf(AlertEvaluator.RUN_FAILED, "FIRING")).isEmpty();
            assertThat(alertsOf(AlertEvaluator.RUN_FAILED, "RESOLVED")).hasSize(1);
        });
    }

    @Test
    @Order(11)
    void pendingOrdersFirePastTheirThresholdAndResolve() throws Exception {
        String sku = Api.sku(1000, "1.00");
        long pending = Api.internal(Neighbours.order(), "GET", "/internal/order-stats/pending?createdBefore="
                + Instant.now().plusSeconds(5), null).body().path("pending").asLong();
        List<String[]> placed = new ArrayList<>();
        for (long i = pending; i < 30; i++) {
            String user = Api.user("1.00");
            placed.add(new String[] {user, Api.placed(user, sku, 1, false)});
        }
        Thread.sleep(1_100);
        alerts.evaluate();
        assertThat(alertsOf(AlertEvaluator.PENDING_ORDERS, "FIRING")).isEmpty();

        String user = Api.user("1.00");
        placed.add(new String[] {user, Api.placed(user, sku, 1, false)});
        Thread.sleep(1_100);
        alerts.evaluate();
        assertThat(alertsOf(AlertEvaluator.PENDING_ORDERS, "FIRING")).singleElement()
                .satisfies(a -> assertThat(a.path("value").asText()).isEqualTo("31"));

        for (String[] order : placed.subList(0, 2)) {
            assertThat(Api.asUser(Neighbours.order(), "POST", "/api/orders/" + order[1] + "/cancellation", order[0],
                    null, UUID.randomUUID().toString()).status()).isEqualTo(200);
        }
        alerts.evaluate();
        assertThat(alertsOf(AlertEvaluator.PENDING_ORDERS, "FIRING")).isEmpty();
        assertThat(alertsOf(AlertEvaluator.PENDING_ORDERS, "RESOLVED")).hasSize(1);
        for (String[] order : placed.subList(2, placed.size())) {
            Api.asUser(Neighbours.order(), "POST", "/api/orders/" + order[1] + "/cancellation", order[0], null,
                    UUID.randomUUID().toString());
        }
    }

    @Test
    @Order(12)
    void heavyPayersAndAnOverdueReconciliationFirePastTheirThresholdsAndResolve() throws Exception {
        awaitRun(startRun(UUID.randomUUID().toString()).body().path("runId").asText(), "COMPLETED");
        Instant lastRun = Instant.now();
        String user = Api.user("100.00");
        String sku = Api.sku(100, "10.00");
        for (int i = 0; i < 3; i++) {
            Api.placed(user, sku, 1, true);
        }
        alerts.evaluate();
        // 3 payments and 30.00: at both thresholds, not past them; and the last run is recent
        assertThat(alertsOf(AlertEvaluator.PAYMENTS_PER_USER, "FIRING")).noneMatch(about(user));
        assertThat(alertsOf(AlertEvaluator.AMOUNT_PER_USER, "FIRING")).noneMatch(about(user));
        assertThat(alertsOf(AlertEvaluator.RUN_OVERDUE, "FIRING")).isEmpty();

        Api.placed(user, sku, 1, true);
        Instant lastPayment = Instant.now();
        alerts.evaluate();
        assertThat(alertsOf(AlertEvaluator.PAYMENTS_PER_USER, "FIRING")).filteredOn(about(user)).singleElement()
                .satisfies(a -> assertThat(a.path("value").asText()).isEqualTo("4"));
        assertThat(alertsOf(AlertEvaluator.AMOUNT_PER_USER, "FIRING")).filteredOn(about(user)).singleElement()
                .satisfies(a -> assertThat(a.path("value").asText()).isEqualTo("40.00"));

        // The payments leave their 12 s window (room for four payments and an evaluation on a slow machine); no run
        // completes for 12 s.
        Instant later = max(lastPayment.plusSeconds(13), lastRun.plusSeconds(13));
        while (Instant.now().isBefore(later)) {
            Thread.sleep(500);
        }
        alerts.evaluate();
        assertThat(alertsOf(AlertEvaluator.PAYMENTS_PER_USER, "FIRING")).noneMatch(about(user));
        assertThat(alertsOf(AlertEvaluator.AMOUNT_PER_USER, "FIRING")).noneMatch(about(user));
        assertThat(alertsOf(AlertEvaluator.PAYMENTS_PER_USER, "RESOLVED")).filteredOn(about(user)).hasSize(1);
        assertThat(alertsOf(AlertEvaluator.RUN_OVERDUE, "FIRING")).hasSize(1);

        // A run ends while a scheduled evaluation is under way (it holds the evaluator): the run's own evaluation
        // waits for it, so the scheduled one's stale "overdue" cannot be written after the run resolved it.
        synchronized (alerts) {
            awaitRun(startRun(UUID.randomUUID().toString()).body().path("runId").asText(), "COMPLETED");
            Thread.sleep(500);
            assertThat(alertsOf(AlertEvaluator.RUN_OVERDUE, "FIRING")).hasSize(1);
        }
        afterItsAlertsAreEvaluated(() -> assertThat(alertsOf(AlertEvaluator.RUN_OVERDUE, "FIRING")).isEmpty());
    }

    @Test
    @Order(13)
    void alertsReachTheWebhookDespiteAFailedDeliveryAndAreCountedForPrometheus() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(WEBHOOK)
                .anySatisfy(body -> assertThat(body).contains("\"rule\":\"invariant-breach\"")
                        .contains("\"state\":\"FIRING\""))
                .anySatisfy(body -> assertThat(body).contains("\"rule\":\"invariant-breach\"")
                        .contains("\"state\":\"RESOLVED\"")));
        assertThat(WEBHOOK_CALLS.get()).isGreaterThan(WEBHOOK.size());

        Api.Reply scrape = Api.call(port, "GET", "/actuator/prometheus", null, Map.of());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.raw())
                .contains("orderpay_alerts_raised_total{application=\"compensation-service\",rule=\"invariant-breach\"}")
                .contains("orderpay_alerts_firing")
                .contains("orderpay_reconciliation_findings_total{application=\"compensation-service\","
                        + "kind=\"debit_without_paid_order\",result=\"repaired\"}")
                .contains("orderpay_reconciliation_runs_total");
    }

    @Test
    @Order(14)
    void perUserAlertSubjectsAreComparedExactly() {
        org.springframework.jdbc.core.JdbcTemplate alerts = Neighbours.writableDatabase("compensation_db");
        String insert = "INSERT INTO alert (rule, subject, state, threshold, value, raised_at, last_seen_at) "
                + "VALUES ('case-check', ?, 'FIRING', '1', '2', NOW(3), NOW(3))";
        try {
            alerts.update(insert, "case-user");
            // a firing alert of the same rule for another subject: under a case-insensitive key it was the same one
            assertThat(alerts.update(insert, "CASE-USER")).isEqualTo(1);
        } finally {
            alerts.update("DELETE FROM alert WHERE rule = 'case-check'");
        }
    }

    private static java.util.function.Predicate<JsonNode> about(String subject) {
        return alert -> alert.path("subject").asText().equals(subject);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
