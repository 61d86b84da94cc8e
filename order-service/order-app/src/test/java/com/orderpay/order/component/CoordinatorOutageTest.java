package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.FreePorts;
import com.orderpay.devstack.JavaProcess;
import com.orderpay.devstack.SharedInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The coordinator dies (SIGKILL): placements meet Seata's "can not connect to services-server" and are api.md's 503
 * service-unavailable, a clear "retry later", never a 500. Nothing moves, the key is kept, and once the coordinator
 * is back (its sessions are in the database) the retry under the same key places the order once.
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
}
