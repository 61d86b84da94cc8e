package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.JavaProcess;
import com.orderpay.devstack.SharedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The coordinator commits but its answer never reaches order-service. The client must not be told "retry" with its
 * Idempotency-Key freed, or its retry would place, and charge, a second order; and it is told within the services'
 * time budget for the coordinator, not after the gateway gave up.
 */
class LostCommitAnswerTest extends OrderServiceComponentTest {

    @Test
    void aCommitWhoseAnswerIsLostKeepsTheKeySoTheRetryChargesOnce() throws Exception {
        String sku = skuWith(10, "4.00");
        String user = userWith("100.00");
        String key = key();
        Map<String, Object> body = orderOf(sku, 1, true);
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        JavaProcess coordinator = infrastructure.coordinator().process();
        JdbcTemplate wallet = neighbours().readOnlyDatabaseOf(neighbours().wallet());
        JdbcTemplate seata = neighbours().readOnlyDatabase("seata_db");
        ExecutorService client = Executors.newSingleThreadExecutor();
        Reply first;
        try (Connection lock = DriverManager.getConnection(infrastructure.mariaDb().jdbcUrl("order_db"),
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password());
             Statement statement = lock.createStatement()) {
            // The order's own Try registers its branch, then waits on this lock: the moment to freeze the coordinator.
            statement.execute("LOCK TABLES customer_order WRITE");
            Future<Reply> placing = client.submit(() -> place(user, key, body));
            String xid = await().atMost(Duration.ofSeconds(30)).until(
                    () -> wallet.queryForList("SELECT xid FROM funds_freeze WHERE user_id = ?", String.class, user),
                    xids -> !xids.isEmpty()).get(0);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> seata.queryForObject("SELECT COUNT(*) FROM branch_table WHERE xid = ?", Integer.class, xid),
                    branches -> branches == 3);
            coordinator.suspend();
            try {
                statement.execute("UNLOCK TABLES");
                long committing = System.nanoTime();
                first = placing.get(60, TimeUnit.SECONDS);
                // Two commit requests of 6 s each (the services' budget), not Seata's five of 30 s: the answer comes
                // from order-service before the gateway's response timeout (30 s) would have cut it off, and before
                // Seata's client drops the silent channel (15 s) with the commit the coordinator has not read yet.
                // The stopwatch also holds the order's own Try, released by the unlock, and the reads after the
                // commit: on a slow machine those take seconds, so the bound is two tries' 12 s plus slack, short of
                // a third try's 18 s.
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committing))
                        .as("answered within the budget").isBetween(11_000L, 17_500L);
            } finally {
                // The commit request waited in the coordinator's socket: now it is taken, and phase two runs.
                coordinator.resume();
            }
        } finally {
            client.shutdownNow();
        }

        assertThat(first.status()).as(first.raw()).isEqualTo(202);
        assertThat(first.body().path("status").asText()).isEqualTo("PLACING");
        String orderNo = first.body().path("orderNo").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> getOrder(user, orderNo).body().path("status").asText(),
                "PAID"::equals);

        Reply retry = place(user, key, body);

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(stock(sku)).isEqualTo(new Stock(9, 0, 9, 1));
        assertThat(List.of(first.status(), retry.status())).doesNotContain(503);

        // The frozen coordinator dropped every client's channel as idle once it thawed: the participants reconnect on
        // their own, and a new order is placed again soon, not only the one that was in flight.
        long thawed = System.nanoTime();
        String next = skuWith(1, "1.00");
        Reply again = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> place(user, key(), orderOf(next, 1, true)), reply -> reply.status() == 201);
        System.out.printf("After the coordinator thawed, the next order was placed in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - thawed));
        assertThat(again.body().path("status").asText()).isEqualTo("PAID");
    }
}
