package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A sibling that is down: 503, nothing half-done, and the circuit spares it while it is down. */
class SiblingOutageTest extends OrderServiceComponentTest {

    @Test
    void walletDownIs503WithNothingMovedAndTheRetryWorksOnceItIsBack() {
        String sku = skuWith(10, "1.00");
        String user = userWith("10.00");
        String key = key();
        CircuitBreaker walletCircuit = circuitBreakers.circuitBreaker("wallet-service");
        try {
            neighbours().stop(neighbours().wallet());

            Reply whileDown = place(user, key, orderOf(sku, 2, true));

            assertThat(whileDown.status()).as(whileDown.raw()).isEqualTo(503);
            assertThat(whileDown.contentType()).startsWith("application/problem+json");
            assertThat(whileDown.problemCode()).isEqualTo("service-unavailable");
            assertThat(whileDown.body().path("detail").asText()).as("names what is down")
                    .startsWith("wallet-service is unavailable");
            assertThat(whileDown.retryAfter()).isEqualTo("1");
            // The inventory Try had reserved the stock; the coordinator cancelled it.
            assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
            assertThat(orderStatusesOf(user)).isSubsetOf("REJECTED");

            // Paying later needs no wallet.
            Reply payLater = place(user, sku, 1, false);
            assertThat(payLater.status()).as(payLater.raw()).isEqualTo(201);
            assertThat(payLater.body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");

            // Enough failures open the wallet's circuit: callers get 503 at once, still with nothing moved.
            for (int i = 0; i < 12 && walletCircuit.getState() != CircuitBreaker.State.OPEN; i++) {
                assertThat(place(user, sku, 1, true).status()).isEqualTo(503);
            }
            assertThat(walletCircuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            Reply shortCircuited = place(user, sku, 1, true);
            assertThat(shortCircuited.status()).isEqualTo(503);
            assertThat(shortCircuited.body().path("detail").asText()).contains("circuit is open");
            assertThat(shortCircuited.retryAfter()).isEqualTo("1");
            assertThat(stock(sku)).isEqualTo(new Stock(10, 1, 9, 0));
        } finally {
            neighbours().restart(neighbours().wallet());
        }
        assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");

        // A 503 released the key: the client's retry runs for real once the circuit lets calls through again.
        AtomicReference<Reply> retry = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            retry.set(place(user, key, orderOf(sku, 2, true)));
            return retry.get().status() != 503;
        });

        assertThat(retry.get().status()).as(retry.get().raw()).isEqualTo(201);
        assertThat(retry.get().body().path("status").asText()).isEqualTo("PAID");
        assertThat(stock(sku)).isEqualTo(new Stock(8, 1, 7, 2));
        assertThat(wallet(user)).isEqualTo(wallet("8.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(orderStatusesOf(user)).containsExactlyInAnyOrder("AWAITING_PAYMENT", "PAID");

        // A few successful calls through the half-open circuit close it again.
        for (int i = 0; i < 3 && walletCircuit.getState() != CircuitBreaker.State.CLOSED; i++) {
            assertThat(place(user, sku, 1, true).status()).isEqualTo(201);
        }
        assertThat(walletCircuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
