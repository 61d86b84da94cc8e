package com.orderpay.compensation.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.SharedInfrastructure;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How a run's time and memory grow with the number of orders, and whether a run slows the order path. Not part of
 * the default build (minutes of loading); run it with
 * {@code ./mvnw -B -pl compensation-service/compensation-app -am verify -Dcompensation.scale=true
 * -Dtest=ReconciliationScaleTest -Dsurefire.failIfNoSpecifiedTests=false} (sizes with
 * {@code -Dcompensation.scale.sizes=10000,50000,100000}); the figures are printed as {@code SCALE ...} lines.
 * <p>
 * The history is bulk-loaded as consistent rows (paid orders with their sold reservation lines, debited freezes with
 * their ledger entries, wallets and SKUs whose figures match), written straight into the owners' databases: there is
 * no bulk API, and placing 100,000 orders through the services takes about an hour on this machine. The run itself
 * reads them only through the owners' APIs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfSystemProperty(named = "compensation.scale", matches = "true")
class ReconciliationScaleTest {

    private static final int USERS = 1_000;
    private static final int SKUS = 100;
    private static final int CLIENTS = 8;
    private static final String PREFIX = "S" + UUID.randomUUID().toString().substring(0, 6);

    @DynamicPropertySource
    static void neighbourhood(DynamicPropertyRegistry registry) {
        Neighbours.register(registry, "PT21S");
        // the run time as configured (default page pause), or another: -Dcompensation.scale.page-pause=PT0S
        registry.add("orderpay.reconciliation.page-pause", () -> System.getProperty("compensation.scale.page-pause",
                "PT0.02S"));
    }

    @LocalServerPort
    int port;

    @Test
    void runTimeAndMemoryGrowWithTheOrdersAndTheOrderPathKeepsItsPace() throws Exception {
        int[] sizes = java.util.Arrays.stream(System.getProperty("compensation.scale.sizes", "10000,50000,100000")
                .split(",")).mapToInt(Integer::parseInt).toArray();
        seedUsersAndSkus();
        int loaded = 0;
        for (int size : sizes) {
            long began = System.nanoTime();
            load(loaded, size);
            System.out.printf("SCALE loaded %d orders (to %d) in %d s%n", size - loaded, size,
                    (System.nanoTime() - began) / 1_000_000_000);
            loaded = size;
            Thread.sleep(22_000); // older than the grace period
            measureRun(size);
        }
        List<String> skuIds = new ArrayList<>();
        List<String> buyers = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            skuIds.add(Api.sku(1_000_000, "1.00"));
            buyers.add(Api.user("1000000.00"));
        }
        placeFor(Duration.ofSeconds(20), buyers, skuIds, null); // warm-up: JIT, pools, caches
        double before = placeFor(Duration.ofSeconds(30), buyers, skuIds, null);
        String runId = Api.asAdmin(port, "POST", "/api/admin/reconciliation/runs", null, UUID.randomUUID().toString())
                .body().path("runId").asText();
        double during = placeFor(Duration.ofSeconds(60), buyers, skuIds, runId);
        awaitCompleted(runId);
        double after = placeFor(Duration.ofSeconds(30), buyers, skuIds, null);
        System.out.printf("SCALE place-order throughput (8 clients, each its own buyer and SKU, pay now): %.1f orders/s before, %.1f orders/s while "
                + "a run over %d orders was in progress, %.1f orders/s after%n", before, during, loaded, after);
        assertThat(Api.brokenInvariants()).isEmpty();
    }

    private void measureRun(int orders) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = usedHeap();
        long began = System.nanoTime();
        String runId = Api.asAdmin(port, "POST", "/api/admin/reconciliation/runs", null, UUID.randomUUID().toString())
                .body().path("runId").asText();
        JsonNode run = awaitCompleted(runId);
        long millis = (System.nanoTime() - began) / 1_000_000;
        String oldGen = heap.stream().filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .map(pool -> pool.getPeakUsage().getUsed() / 1024 / 1024 + " MB").findFirst().orElse("?");
        System.gc();
        System.out.printf("SCALE run over %d orders: %d ms, %d records checked, %d repaired, %d flagged; heap in use "
                        + "%d MB before, %d MB after (GC'd); peak old generation %s%n", orders, millis,
                run.path("checked").asLong(), run.path("repaired").asLong(), run.path("flagged").asLong(),
                before / 1024 / 1024, usedHeap() / 1024 / 1024, oldGen);
        assertThat(run.path("flagged").asLong()).isZero();
    }

    private JsonNode awaitCompleted(String runId) {
        JsonNode run = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(
                () -> Api.asAdmin(port, "GET", "/api/admin/reconciliation/runs/" + runId, null, null).body(),
                found -> !"RUNNING".equals(found.path("status").asText()));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("COMPLETED");
        return run;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Pay-now orders from {@value #CLIENTS} client threads (each its own buyer and SKU) for {@code time}, or, given a run, only while that run is in progress (at
     * most {@code time}); orders per second.
     */
    private double placeFor(Duration time, List<String> buyers, List<String> skuIds, String runId) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong placed = new AtomicLong();
        long began = System.nanoTime();
        long end = began + time.toNanos();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            String buyer = buyers.get(t);
            String skuId = skuIds.get(t);
            work.add(threads.submit(() -> {
                while (!stop.get() && System.nanoTime() < end) {
                    if (Api.place(buyer, skuId, 1, true).status() == 201) {
                        placed.incrementAndGet();
                    }
                }
            }));
        }
        while (System.nanoTime() < end && !stop.get()) {
            Thread.sleep(200);
            if (runId != null) {
                String status = Api.asAdmin(port, "GET", "/api/admin/reconciliation/runs/" + runId, null, null).body()
                        .path("status").asText();
                stop.set(!"RUNNING".equals(status));
            }
        }
        stop.set(true);
        for (Future<?> f : work) {
            f.get();
        }
        threads.shutdown();
        double seconds = (System.nanoTime() - began) / 1e9;
        if (runId != null) {
            System.out.printf("SCALE measured for %.1f s while the run was in progress%n", seconds);
        }
        return placed.get() / seconds;
    }

    // ---- bulk load: consistent rows, as the services would have written them --------------------------------

    private static String user(int i) {
        return PREFIX + "-u" + i;
    }

    private static String sku(int i) {
        return PREFIX + "-sku" + i;
    }

    private static Connection connect(String database) throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        Connection connection = DriverManager.getConnection(infrastructure.mariaDb().jdbcUrl(database)
                + "&rewriteBatchedStatements=true", infrastructure.mariaDb().username(),
                infrastructure.mariaDb().password());
        connection.setAutoCommit(false);
        return connection;
    }

    private static void seedUsersAndSkus() throws Exception {
        try (Connection wallet = connect("wallet_db");
             PreparedStatement w = wallet.prepareStatement(
                     "INSERT INTO wallet (user_id, available, frozen) VALUES (?, 1000000.00, 0.00)");
             PreparedStatement l = wallet.prepareStatement("INSERT INTO wallet_ledger_entry (user_id, type, amount, "
                     + "credit_reference, created_at) VALUES (?, 'CREDIT', 1000000.00, 'scale', UTC_TIMESTAMP(3))")) {
            for (int i = 0; i < USERS; i++) {
                w.setString(1, user(i));
                w.addBatch();
                l.setString(1, user(i));
                l.addBatch();
            }
            w.executeBatch();
            l.executeBatch();
            wallet.commit();
        }
        try (Connection inventory = connect("inventory_db");
             PreparedStatement s = inventory.prepareStatement("INSERT INTO sku (sku_id, name, price, on_hand, reserved, "
                     + "sold) VALUES (?, 'scale', 1.00, 10000000, 0, 0)")) {
            for (int i = 0; i < SKUS; i++) {
                s.setString(1, sku(i));
                s.addBatch();
            }
            s.executeBatch();
            inventory.commit();
        }
    }

    /** Orders {@code from} (inclusive) to {@code to} (exclusive): each paid now, one line of 1-3 units at 1.00. */
    private static void load(int from, int to) throws Exception {
        Timestamp at = Timestamp.from(Instant.now().minusSeconds(600));
        try (Connection order = connect("order_db"); Connection inventory = connect("inventory_db");
             Connection wallet = connect("wallet_db");
             PreparedStatement o = order.prepareStatement("INSERT INTO customer_order (order_no, user_id, status, "
                     + "total, pay_now, created_at, updated_at, placed_xid) VALUES (?, ?, 'PAID', ?, TRUE, ?, ?, ?)");
             PreparedStatement oi = order.prepareStatement("INSERT INTO order_item (order_no, sku_id, quantity, "
                     + "unit_price) VALUES (?, ?, ?, 1.00)");
             PreparedStatement r = inventory.prepareStatement("INSERT INTO stock_reservation (order_no, sku_id, "
                     + "quantity, purpose, status, try_xid, created_at, updated_at) VALUES (?, ?, ?, 'SALE', 'SOLD', ?, ?, ?)");
             PreparedStatement f = wallet.prepareStatement("INSERT INTO funds_freeze (id, xid, branch_id, order_no, "
                     + "user_id, amount, status, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, 'DEBITED', ?, ?)");
             PreparedStatement l = wallet.prepareStatement("INSERT INTO wallet_ledger_entry (user_id, type, amount, "
                     + "order_no, freeze_id, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            long[] sold = new long[SKUS];
            BigDecimal[] spent = new BigDecimal[USERS];
            java.util.Arrays.fill(spent, BigDecimal.ZERO);
            for (int i = from; i < to; i++) {
                String orderNo = String.format("%s-O%09d", PREFIX, i);
                String xid = "scale:" + orderNo;
                int units = 1 + i % 3;
                int u = i % USERS;
                int s = i % SKUS;
                BigDecimal amount = BigDecimal.valueOf(units).setScale(2);
                o.setString(1, orderNo);
                o.setString(2, user(u));
                o.setBigDecimal(3, amount);
                o.setTimestamp(4, at);
                o.setTimestamp(5, at);
                o.setString(6, xid);
                o.addBatch();
                oi.setString(1, orderNo);
                oi.setString(2, sku(s));
                oi.setInt(3, units);
                oi.addBatch();
                r.setString(1, orderNo);
                r.setString(2, sku(s));
                r.setInt(3, units);
                r.setString(4, xid);
                r.setTimestamp(5, at);
                r.setTimestamp(6, at);
                r.addBatch();
                long freezeId = 1_000_000_000L + i;
                f.setLong(1, freezeId);
                f.setString(2, xid);
                f.setString(3, orderNo);
                f.setString(4, user(u));
                f.setBigDecimal(5, amount);
                f.setTimestamp(6, at);
                f.setTimestamp(7, at);
                f.addBatch();
                for (String type : List.of("FREEZE", "DEBIT")) {
                    l.setString(1, user(u));
                    l.setString(2, type);
                    l.setBigDecimal(3, amount);
                    l.setString(4, orderNo);
                    l.setLong(5, freezeId);
                    l.setTimestamp(6, at);
                    l.addBatch();
                }
                sold[s] += units;
                spent[u] = spent[u].add(amount);
                if ((i - from) % 2_000 == 1_999 || i == to - 1) {
                    o.executeBatch();
                    oi.executeBatch();
                    order.commit();
                    r.executeBatch();
                    inventory.commit();
                    f.executeBatch();
                    l.executeBatch();
                    wallet.commit();
                }
            }
            try (PreparedStatement skuFigures = inventory.prepareStatement(
                    "UPDATE sku SET on_hand = on_hand - ?, sold = sold + ? WHERE sku_id = ?");
                 PreparedStatement walletFigures = wallet.prepareStatement(
                         "UPDATE wallet SET available = available - ? WHERE user_id = ?")) {
                for (int s = 0; s < SKUS; s++) {
                    skuFigures.setLong(1, sold[s]);
                    skuFigures.setLong(2, sold[s]);
                    skuFigures.setString(3, sku(s));
                    skuFigures.addBatch();
                }
                skuFigures.executeBatch();
                inventory.commit();
                for (int u = 0; u < USERS; u++) {
                    walletFigures.setBigDecimal(1, spent[u]);
                    walletFigures.setString(2, user(u));
                    walletFigures.addBatch();
                }
                walletFigures.executeBatch();
                wallet.commit();
            }
        }
    }
}
