package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.OrderpayStack;
import com.orderpay.system.Storefront.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test of the build (tag {@code measurement}, excluded by default): the whole system on a MariaDB
 * at its server default (REPEATABLE READ), under buyers of whom half have no money (so half the wallet branches roll
 * back, most of them empty), run twice side by side: once with every pool following the server's isolation (as main
 * did before the pools pinned theirs), once as shipped (READ COMMITTED pinned by each pool). It prints the InnoDB
 * deadlocks and Seata's fence failures of each run.
 *
 * <pre>./mvnw -B verify -pl system-tests -am -Dtest=IsolationDeadlockMeasurement -Dgroups=measurement
 *     -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false -Dmeasure.buyers=32 -Dmeasure.seconds=40</pre>
 */
@Tag("measurement")
class IsolationDeadlockMeasurement {

    private static final int BUYERS = Integer.getInteger("measure.buyers", 32);
    private static final int SECONDS = Integer.getInteger("measure.seconds", 40);

    record Result(String pools, long deadlocks, long fenceFailures, Map<Integer, Integer> statuses) {
    }

    @Test
    void deadlocksUnderTheServerDefaultIsolationWithAndWithoutPinnedPools() throws Exception {
        Result followingTheServer = run("server default (REPEATABLE READ)", "TRANSACTION_REPEATABLE_READ");
        Result pinned = run("pinned READ COMMITTED", "TRANSACTION_READ_COMMITTED");

        System.out.printf("%nIsolation measurement: %d buyers (half without money) for %d s per run, MariaDB at its "
                + "server default (REPEATABLE READ)%n", BUYERS, SECONDS);
        System.out.printf("| pools | InnoDB deadlocks | fence rollback failures in wallet's log | answers |%n");
        System.out.printf("|---|---|---|---|%n");
        for (Result result : List.of(followingTheServer, pinned)) {
            System.out.printf("| %s | %d | %d | %s |%n", result.pools(), result.deadlocks(), result.fenceFailures(),
                    result.statuses());
        }
        assertThat(pinned.statuses()).containsKey(201);
    }

    private Result run(String pools, String isolation) throws Exception {
        Path home = Files.createTempDirectory("orderpay-isolation-");
        Map<String, String> pin = Map.of("spring.datasource.hikari.transaction-isolation", isolation);
        Map<OrderpayService, Map<String, String>> extra = Map.of(OrderpayService.ORDER, pin, OrderpayService.INVENTORY,
                pin, OrderpayService.WALLET, pin);
        try (OrderpayStack stack = OrderpayStack.start(new OrderpayStack.Settings(home, false,
                EnumSet.of(OrderpayService.INVENTORY, OrderpayService.WALLET, OrderpayService.ORDER,
                        OrderpayService.GATEWAY), "measure-token", extra, null))) {
            Storefront api = new Storefront(stack.baseUrl(OrderpayService.GATEWAY));
            String admin = api.token("measure-admin", "ADMIN", "USER");
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String sku = "ISO-" + i;
                assertThat(api.put("/api/admin/skus/" + sku, admin,
                        Map.of("name", "Item " + i, "price", "1.00", "onHand", 1_000_000)).status()).isEqualTo(201);
                skus.add(sku);
            }
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                String buyer = "iso-buyer-" + i;
                if (i % 2 == 0) {
                    api.post("/api/admin/wallets/" + buyer + "/credits", admin, UUID.randomUUID().toString(),
                            Map.of("amount", "1000000.00"));
                }
                tokens.add(api.token(buyer, "USER"));
            }
            long deadlocksBefore = innodbDeadlocks(stack.dbHostPort());
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(BUYERS);
            long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
            AtomicInteger n = new AtomicInteger();
            for (int i = 0; i < BUYERS; i++) {
                String token = tokens.get(i);
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String sku = skus.get(n.incrementAndGet() % skus.size());
                        Reply reply = api.post("/api/orders", token, UUID.randomUUID().toString(),
                                Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "payNow", true));
                        statuses.merge(reply.status(), 1, Integer::sum);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(SECONDS + 120L, TimeUnit.SECONDS);
            long deadlocks = innodbDeadlocks(stack.dbHostPort()) - deadlocksBefore;
            return new Result(pools, deadlocks, fenceFailures(home.resolve("logs/wallet-service.log")),
                    new TreeMap<>(statuses));
        }
    }

    private static long innodbDeadlocks(String hostPort) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + hostPort
                + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", "root", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) {
            return row.next() ? row.getLong(2) : -1;
        }
    }

    private static long fenceFailures(Path log) throws IOException {
        if (!Files.exists(log)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("fence") && (line.contains("fail") || line.contains("Deadlock")))
                    .count();
        }
    }
}
