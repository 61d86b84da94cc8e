package com.orderpay.order.component;

import static com.orderpay.order.component.OrderServiceComponentTest.cancelAt;
import static com.orderpay.order.component.OrderServiceComponentTest.json;
import static com.orderpay.order.component.OrderServiceComponentTest.key;
import static com.orderpay.order.component.OrderServiceComponentTest.ledgerTypes;
import static com.orderpay.order.component.OrderServiceComponentTest.orderOf;
import static com.orderpay.order.component.OrderServiceComponentTest.payAt;
import static com.orderpay.order.component.OrderServiceComponentTest.placeRawAt;
import static com.orderpay.order.component.OrderServiceComponentTest.reservationStatus;
import static com.orderpay.order.component.OrderServiceComponentTest.skuWith;
import static com.orderpay.order.component.OrderServiceComponentTest.stock;
import static com.orderpay.order.component.OrderServiceComponentTest.userWith;
import static com.orderpay.order.component.OrderServiceComponentTest.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.order.component.OrderServiceComponentTest.Reply;
import com.orderpay.order.component.OrderServiceComponentTest.Stock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * order-service dies (SIGKILL) after the coordinator committed and before the Idempotency-Key stored its answer: the
 * worst moment, since the money moved and the client heard nothing. Restarted, the same request under the same key
 * must answer the first outcome, with one order, one debit and the stock sold once.
 *
 * <p>The moment is made with real locks, no hook in the service: the wallet row of the buyer is locked so that the
 * work stops inside its global transaction; the key's row is then locked (it is claimed by now and not answered);
 * the wallet is let go, the transaction commits, and the service's final write of the key waits on the lock. That is
 * when it is killed.
 */
class CrashBeforeTheAnswerIsStoredTest {

    private static OrderServiceProcess service;

    @BeforeAll
    static void startOrderService() {
        service = OrderServiceProcess.start("crash", Map.of());
    }

    @AfterAll
    static void stopOrderService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aPlacementCommittedBeforeTheCrashIsAnsweredToTheRetryAndChargedOnce() throws Exception {
        String sku = skuWith(10, "4.00");
        String user = userWith("100.00");
        String key = key();
        String body = json(orderOf(sku, 2, true));

        crashBetweenEffectAndAnswer(walletOf(user), user, key, () -> placeRawAt(service.baseUrl(), user, key, body),
                () -> orderStatuses(user).contains("PAID"));

        Reply retry = placeRawAt(service.baseUrl(), user, key, body);

        assertThat(retry.status()).as(retry.raw()).isEqualTo(201);
        assertThat(retry.body().path("status").asText()).isEqualTo("PAID");
        assertThat(orderStatuses(user)).containsExactly("PAID");
        assertThat(retry.body().path("orderNo").asText()).isEqualTo(onlyOrderOf(user));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(wallet(user)).isEqualTo(wallet("92.00", "0.00"));
        assertThat(stock(sku)).isEqualTo(new Stock(8, 0, 8, 2));
        // And the answer is stored now: a further retry replays it byte for byte.
        assertThat(placeRawAt(service.baseUrl(), user, key, body).raw()).isEqualTo(retry.raw());
    }

    @Test
    void aPaymentCommittedBeforeTheCrashIsAnsweredToTheRetryAndChargedOnce() throws Exception {
        String sku = skuWith(10, "5.00");
        String user = userWith("30.00");
        Reply placed = placeRawAt(service.baseUrl(), user, key(), json(orderOf(sku, 3, false)));
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        String orderNo = placed.body().path("orderNo").asText();
        String key = key();

        crashBetweenEffectAndAnswer(walletOf(user), user, key, () -> payAt(service.baseUrl(), user, orderNo, key),
                () -> orderStatuses(user).contains("PAID"));

        Reply retry = payAt(service.baseUrl(), user, orderNo, key);

        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.body().path("status").asText()).isEqualTo("PAID");
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(wallet(user)).isEqualTo(wallet("15.00", "0.00"));
        assertThat(stock(sku)).isEqualTo(new Stock(7, 0, 7, 3));
        assertThat(reservationStatus(orderNo)).isEqualTo("SOLD");
        // Another key is another request: the order is paid, so that one is refused and charges nothing.
        Reply other = payAt(service.baseUrl(), user, orderNo, key());
        assertThat(other.status()).isEqualTo(409);
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
    }

    @Test
    void aCancellationMadeBeforeTheCrashIsAnsweredToTheRetryAndReleasesTheHoldOnce() throws Exception {
        String sku = skuWith(10, "1.00");
        String user = userWith("10.00");
        Reply placed = placeRawAt(service.baseUrl(), user, key(), json(orderOf(sku, 4, false)));
        String orderNo = placed.body().path("orderNo").asText();
        String key = key();

        crashBetweenEffectAndAnswer(
                new Blocker("inventory_db", "SELECT * FROM stock_reservation WHERE order_no = ? FOR UPDATE", orderNo),
                user, key, () -> cancelAt(service.baseUrl(), user, orderNo, key),
                () -> orderStatuses(user).contains("CANCELLED") && "RELEASED".equals(reservationStatus(orderNo)));

        Reply retry = cancelAt(service.baseUrl(), user, orderNo, key);

        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
    }

    /** A row lock in a sibling's database that holds the request's work up before its effect. */
    record Blocker(String database, String lockSql, String parameter) {
    }

    /** The buyer's wallet row: a freeze (placing or paying) waits on it inside its global transaction. */
    private static Blocker walletOf(String user) {
        return new Blocker("wallet_db", "SELECT * FROM wallet WHERE user_id = ? FOR UPDATE", user);
    }

    /**
     * Sends the request, lets its effect commit, and SIGKILLs order-service while its answer to the key waits on a
     * lock; then restarts it. The client's connection dies with the process.
     *
     * @param effectDone true once the effect is visible in the databases
     */
    private void crashBetweenEffectAndAnswer(Blocker blocker, String user, String key, Supplier<Reply> request,
            Supplier<Boolean> effectDone) throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (Connection workLock = lockingConnection(infrastructure, blocker.database());
             Connection keyLock = lockingConnection(infrastructure, "order_db_crash")) {
            // 1. Hold the work up before its effect (it has claimed the key by then).
            lockRow(workLock, blocker.lockSql(), blocker.parameter());
            CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return request.get();
                } catch (RuntimeException connectionDied) {
                    return null;
                }
            }, client);
            // 2. The key is claimed (IN_FLIGHT, no answer yet): hold its row so that the answer cannot be written.
            JdbcTemplate orderDb = service.database();
            await().atMost(Duration.ofSeconds(30)).until(() -> orderDb.queryForObject(
                    "SELECT COUNT(*) FROM idempotency_record WHERE scope = ? AND idempotency_key = ?", Integer.class,
                    user, key) == 1);
            lockRow(keyLock, "SELECT * FROM idempotency_record WHERE scope = ? AND idempotency_key = ? FOR UPDATE",
                    user, key);
            assertThat(state(orderDb, user, key)).isEqualTo("IN_FLIGHT");
            // 3. Let the work go: its effect commits; the key's answer then waits on our lock.
            workLock.rollback();
            await().atMost(Duration.ofSeconds(60)).until(effectDone::get);
            await().atMost(Duration.ofSeconds(30)).until(() -> !answersWaitingOnTheKey(orderDb).isEmpty());
            // 4. The crash. Its last statement is already at the database, waiting: the database would finish it
            //    after the process died, so its session goes too (the process died before that write got out).
            List<Long> sessions = answersWaitingOnTheKey(orderDb);
            service.kill();
            sessions.forEach(session -> orderDb.execute("KILL " + session));
            keyLock.rollback();
            assertThat(first.get()).as("the client of the killed process heard nothing").isNull();
            assertThat(state(orderDb, user, key)).as("no answer was stored").isEqualTo("IN_FLIGHT");
        } finally {
            client.shutdownNow();
            if (!service.alive()) {
                service.restart();
            }
        }
        // The same instance, restarted, knows nothing of its own can still be running: the key is retryable at once.
        assertThat(state(service.database(), user, key)).isEqualTo("RETRYABLE");
    }

    private static String state(JdbcTemplate orderDb, String user, String key) {
        return orderDb.queryForObject("SELECT state FROM idempotency_record WHERE scope = ? AND idempotency_key = ?",
                String.class, user, key);
    }

    private static Connection lockingConnection(SharedInfrastructure infrastructure, String database) throws SQLException {
        Connection connection = DriverManager.getConnection(infrastructure.mariaDb().jdbcUrl(database),
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password());
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setAutoCommit(false);
        return connection;
    }

    private static void lockRow(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeQuery().close();
        }
    }

    /** The database sessions whose write of a key's answer waits on the test's lock. */
    private static List<Long> answersWaitingOnTheKey(JdbcTemplate database) {
        return database.queryForList("SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX "
                + "WHERE trx_state = 'LOCK WAIT' AND trx_query LIKE '%idempotency_record%'", Long.class);
    }

    private static List<String> orderStatuses(String user) {
        return service.database().queryForList("SELECT status FROM customer_order WHERE user_id = ?", String.class,
                user);
    }

    private static String onlyOrderOf(String user) {
        return service.database().queryForObject("SELECT order_no FROM customer_order WHERE user_id = ?", String.class,
                user);
    }
}
