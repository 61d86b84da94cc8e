package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.EmbeddedMariaDb;
import com.orderpay.devstack.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MariaDB frozen (SIGSTOP: the kernel still takes its connections and reads its requests, nothing answers) under
 * buyers' and readers' load: every request is answered within the gateway's response timeout (30 s), each statement
 * giving up after the driver's socket timeout (5 s, orderpay-platform-defaults.properties), not after the freeze.
 * Without that timeout a statement sent on a connection in use (one the pool does not validate first) waited as long
 * as the database was silent (probe round 5: 45 s, past the gateway's 30 s, its key in flight). After the thaw every
 * order settles: what was sold was paid, once.
 */
class DatabaseFrozenTest extends OrderServiceComponentTest {

    /** Longer than a read's bound below: a read that waited for the thaw would be answered after it. */
    private static final Duration FROZEN = Duration.ofSeconds(20);
    private static final int BUYERS = 4;

    private static java.util.List<java.util.Map<String, Object>> coordinatorSessions() {
        EmbeddedMariaDb database = SharedInfrastructure.get().mariaDb();
        try (java.sql.Connection seata = java.sql.DriverManager.getConnection(database.jdbcUrl("seata_db"),
                database.username(), database.password());
                java.sql.ResultSet rows = seata.createStatement().executeQuery(
                        "SELECT xid, status, transaction_name, begin_time FROM global_table")) {
            java.util.List<java.util.Map<String, Object>> sessions = new ArrayList<>();
            while (rows.next()) {
                sessions.add(java.util.Map.of("xid", rows.getString(1), "status", rows.getInt(2),
                        "name", String.valueOf(rows.getString(3)), "began", rows.getLong(4)));
            }
            return sessions;
        } catch (java.sql.SQLException e) {
            return java.util.List.of(java.util.Map.of("error", e.toString()));
        }
    }

    record Attempt(String what, long startedMillis, long waitedMillis, Reply reply) {
    }

    @Test
    void withTheDatabaseFrozenUnderLoadEveryPlacementIsAnsweredWithinTheStatementTimeoutAndEveryOrderSettles()
            throws Exception {
        String sku = skuWith(1_000, "3.00");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            users.add(userWith("3000.00"));
        }
        EmbeddedMariaDb database = SharedInfrastructure.get().mariaDb();
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2 * BUYERS);
        long loadStarted = System.nanoTime();
        // Until 2 s after the thaw; set once the database is frozen.
        java.util.concurrent.atomic.AtomicLong loadEnds = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        List<Future<?>> buyers = new ArrayList<>();
        for (String user : users) {
            // A buyer places orders; a reader lists them, back to back, so that some statement is on the wire on a
            // connection in use (one the pool does not check first) when the database stops answering.
            for (String what : List.of("place", "list")) {
                buyers.add(pool.submit(() -> {
                    while (System.nanoTime() < loadEnds.get()) {
                        long started = System.nanoTime();
                        Reply reply = what.equals("place") ? place(user, key(), orderOf(sku, 1, true))
                                : listOrders(user, "");
                        attempts.add(new Attempt(what, TimeUnit.NANOSECONDS.toMillis(started - loadStarted),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), reply));
                        if (what.equals("place") && reply.status() == 201) {
                            acknowledged.add(reply.body().path("orderNo").asText());
                        }
                    }
                    return null;
                }));
            }
        }
        // Frozen once the load runs: every buyer and every reader has been answered at least twice.
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> List.of("place",
                    "list").stream().allMatch(what -> attempts.stream().filter(attempt -> attempt.what().equals(what))
                    .count() >= 2L * BUYERS));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            loadEnds.set(0);
            pool.shutdownNow();
            throw e;
        }
        long frozenAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStarted);
        database.suspend();
        loadEnds.set(System.nanoTime() + FROZEN.plusSeconds(2).toNanos());
        CompletableFuture<Void> thawed = CompletableFuture.runAsync(database::resume,
                CompletableFuture.delayedExecutor(FROZEN.toMillis(), TimeUnit.MILLISECONDS));
        try {
            for (Future<?> buyer : buyers) {
                buyer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            thawed.join();
            pool.shutdownNow();
        }
        attempts.stream().filter(attempt -> attempt.waitedMillis() >= 2_000).forEach(attempt -> System.out.printf(
                "%s at %6d ms: %d after %5d ms%n", attempt.what(), attempt.startedMillis(), attempt.reply().status(),
                attempt.waitedMillis()));

        assertThat(attempts).as("requests in flight when the database froze").anyMatch(attempt ->
                attempt.startedMillis() < frozenAt
                        && attempt.startedMillis() + attempt.waitedMillis() > frozenAt + 1_000);
        // A read is one statement: on the wire when the database froze, it gives up after the socket timeout (5 s),
        // else the pool gives up finding a live connection (10 s).
        assertThat(attempts.stream().filter(attempt -> attempt.what().equals("list"))).as("the longest read")
                .allSatisfy(attempt -> assertThat(attempt.waitedMillis()).isLessThan(15_000L));
        // A placement caught mid-way meets several waits (its branch registration at the coordinator, which keeps its
        // sessions in this database: 6 s; the rollback: 6 s; finding whether its Try ran: the pool's 10 s; its key's
        // mark: 1 s), each bounded: answered by the service, never left to the gateway's 30 s.
        assertThat(attempts).as("the longest wait").allSatisfy(attempt ->
                assertThat(attempt.waitedMillis()).isLessThan(30_000L));
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.reply().status()).as(attempt.reply().raw()).isIn(200, 201, 202, 503);
            assertThat(attempt.reply().raw()).doesNotContain("Exception", "at org.", "at com.");
        });
        assertThat(attempts).as("some refused while frozen").anyMatch(attempt -> attempt.reply().status() == 503
                && attempt.what().equals("list"));

        // Settled: nothing undecided, every acknowledged order paid, and what was sold was paid, once.
        try {
            // The coordinator keeps its sessions in the frozen database too: one whose phase two its store cut short
            // stays Committing or Rollbacking until its retry job takes it, 30 s after its begin (retry-dead-threshold;
            // Seata's default, 130 s, fits the last order settling 75-100 s after the thaw seen before).
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> users.stream()
                    .flatMap(user -> orderStatusesOf(user).stream()).noneMatch(s -> s.equals("PLACING")
                            || s.equals("PAYING")) && stock(sku).reserved() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Not settled: " + stock(sku) + ", undecided orders "
                    + orderDb.queryForList("SELECT order_no, status, placed_xid FROM customer_order WHERE status IN "
                    + "('PLACING', 'PAYING') AND user_id IN (?, ?, ?, ?)", users.toArray()) + ", the coordinator's "
                    + "sessions " + coordinatorSessions(), e);
        }
        long paid = 0;
        for (String user : users) {
            long paidOfUser = orderStatusesOf(user).stream().filter("PAID"::equals).count();
            assertThat(ledgerTypes(user).stream().filter("DEBIT"::equals).count()).as(user + ": one debit per paid "
                    + "order").isEqualTo(paidOfUser);
            paid += paidOfUser;
        }
        assertThat(orderDb.queryForList("SELECT status FROM customer_order WHERE order_no IN ("
                + String.join(",", Collections.nCopies(acknowledged.size(), "?")) + ")", String.class,
                acknowledged.toArray())).as("every order answered 201").hasSize(acknowledged.size())
                .containsOnly("PAID");
        assertThat(stock(sku)).isEqualTo(new Stock(1_000 - paid, 0, 1_000 - paid, paid));
    }
}
