package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.FreePorts;
import com.orderpay.devstack.JavaProcess;
import com.orderpay.devstack.SharedInfrastructure;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The coordinator dies (SIGKILL): placements meet Seata's "can not connect to services-server" and are api.md's 503
 * service-unavailable, a clear "retry later", never a 500. Nothing moves, the key is kept, and once the coordinator
 * is back (its sessions are in the database) the retry under the same key places the order once. The coordinator
 * frozen (SIGSTOP: a stalled process, a partition) is the same 503, within the services' time budget for it
 * (orderpay-platform-defaults.properties), well inside the gateway's response timeout.
 */
class CoordinatorOutageTest extends OrderServiceComponentTest {

    @Test
    void withTheCoordinatorDeadAPlacementIsA503MovesNothingAndTheRetryPlacesOnceItIsBack() {
        String sku = skuWith(5, "3.00");
        String user = userWith("30.00");
        String key = key();
        JavaProcess coordinator = SharedInfrastructure.get().coordinator().process();
        int rpcPort = SharedInfrastructure.get().coordinator().rpcPort();
        Reply placed;
        coordinator.kill();
        try {
            Reply first = place(user, key, orderOf(sku, 2, true));
            Reply second = place(user, key, orderOf(sku, 2, true));

            for (Reply reply : new Reply[] {first, second}) {
                assertThat(reply.status()).as(reply.raw()).isEqualTo(503);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.problemCode()).isEqualTo("service-unavailable");
                assertThat(reply.body().path("detail").asText()).startsWith("The transaction coordinator is unavailable");
                assertThat(reply.retryAfter()).isEqualTo("1");
                assertThat(reply.raw()).doesNotContain("Exception", "at org.", "at com.");
            }
            assertThat(orderDb.queryForObject("SELECT state FROM idempotency_record WHERE scope = ? AND "
                    + "idempotency_key = ?", String.class, user, key)).as("kept for the retry").isEqualTo("RETRYABLE");
            assertThat(stock(sku)).isEqualTo(new Stock(5, 0, 5, 0));
            assertThat(ledgerTypes(user)).containsExactly("CREDIT");
        } finally {
            coordinator.start();
            coordinator.awaitReady(Duration.ofSeconds(90), () -> FreePorts.listening(rpcPort));
        }
        // The clients reconnect on their own; until they have, retries are 503s that move nothing either.
        placed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> place(user, key, orderOf(sku, 2, true)), reply -> reply.status() != 503);

        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        assertThat(placed.body().path("status").asText()).isEqualTo("PAID");
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
        assertThat(stock(sku)).isEqualTo(new Stock(3, 0, 3, 2));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
    }

    @Test
    void withTheCoordinatorFrozenAPlacementIsA503WithinTheBudgetAndTheRetryPlacesOnceItThaws() {
        String sku = skuWith(5, "3.00");
        String user = userWith("30.00");
        String key = key();
        JavaProcess coordinator = SharedInfrastructure.get().coordinator().process();
        Reply frozen;
        long waitedMillis;
        coordinator.suspend();
        try {
            long started = System.nanoTime();
            frozen = place(user, key, orderOf(sku, 2, true));
            waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        } finally {
            coordinator.resume();
        }

        assertThat(frozen.status()).as(frozen.raw()).isEqualTo(503);
        assertThat(frozen.problemCode()).isEqualTo("service-unavailable");
        assertThat(frozen.body().path("detail").asText()).startsWith("The transaction coordinator is unavailable");
        // The begin waited one TM request timeout (6 s), not Seata's 30 s: the service answers, not the gateway's
        // own timeout (30 s) while the placement goes on behind it.
        assertThat(waitedMillis).as("answered within the budget").isBetween(5_500L, 15_000L);
        assertThat(orderDb.queryForObject("SELECT state FROM idempotency_record WHERE scope = ? AND "
                + "idempotency_key = ?", String.class, user, key)).as("kept for the retry").isEqualTo("RETRYABLE");
        assertThat(stock(sku)).isEqualTo(new Stock(5, 0, 5, 0));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");

        Reply placed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> place(user, key, orderOf(sku, 2, true)), reply -> reply.status() != 503);

        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
        assertThat(stock(sku)).isEqualTo(new Stock(3, 0, 3, 2));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
    }
}
