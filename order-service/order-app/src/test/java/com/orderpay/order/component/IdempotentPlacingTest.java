package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** One Idempotency-Key, one effect. */
class IdempotentPlacingTest extends OrderServiceComponentTest {

    @Test
    void aReplayAnswersTheFirstResponseAndPlacesNothingMore() {
        String sku = skuWith(10, "2.00");
        String user = userWith("100.00");
        String key = key();

        Reply first = place(user, key, orderOf(sku, 1, true));
        Reply replay = place(user, key, orderOf(sku, 1, true));

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(stock(sku)).isEqualTo(new Stock(9, 0, 9, 1));
        assertThat(wallet(user)).isEqualTo(wallet("98.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndChangesNothing() {
        String sku = skuWith(10, "2.00");
        String user = userWith("100.00");
        String key = key();

        Reply first = place(user, key, orderOf(sku, 1, true));
        Reply reuse = place(user, key, orderOf(sku, 2, true));

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(reuse.status()).as(reuse.raw()).isEqualTo(422);
        assertThat(reuse.problemCode()).isEqualTo("idempotency-key-reuse");
        assertThat(stock(sku)).isEqualTo(new Stock(9, 0, 9, 1));
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
    }

    @Test
    void aRefusalIsReplayedTooEvenOnceItWouldSucceed() {
        String sku = skuWith(1, "2.00");
        String user = userWith("100.00");
        String key = key();

        Reply refused = place(user, key, orderOf(sku, 2, true));
        // Restocked meanwhile: a new request would succeed, a replay of the refused one must not.
        send("PUT", neighbours().inventory().baseUrl() + "/api/admin/skus/" + sku, "admin", "ADMIN", Map.of(),
                json(Map.of("name", "Item " + sku, "price", "2.00", "onHand", 5)));
        Reply replay = place(user, key, orderOf(sku, 2, true));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.raw()).isEqualTo(refused.raw());
        assertThat(stock(sku)).isEqualTo(new Stock(5, 0, 5, 0));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
    }

    @Test
    void twoConcurrentRequestsWithOneKeyHaveOneEffect() throws Exception {
        String sku = skuWith(10, "2.00");
        String user = userWith("100.00");
        String key = key();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Reply>> replies = List.of(
                    CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return place(user, key, orderOf(sku, 1, true));
                    }, pool),
                    CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return place(user, key, orderOf(sku, 1, true));
                    }, pool));
            start.countDown();
            List<Reply> done = replies.stream().map(CompletableFuture::join).toList();

            assertThat(done).extracting(Reply::status).contains(201);
            String orderNo = done.stream().filter(r -> r.status() == 201).findFirst().orElseThrow()
                    .body().path("orderNo").asText();
            // The other one either waited for nothing (409 in flight) or came after and got the replay.
            assertThat(done).allSatisfy(reply -> {
                if (reply.status() == 201) {
                    assertThat(reply.body().path("orderNo").asText()).isEqualTo(orderNo);
                } else {
                    assertThat(reply.status()).as(reply.raw()).isEqualTo(409);
                    assertThat(reply.problemCode()).isEqualTo("idempotency-key-in-flight");
                }
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(stock(sku)).isEqualTo(new Stock(9, 0, 9, 1));
        assertThat(wallet(user)).isEqualTo(wallet("98.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
