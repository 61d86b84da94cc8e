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
        send("POST", neighbours().inventory().baseUrl() + "/api/admin/skus/" + sku + "/restock", "admin", "ADMIN",
                Map.of("Idempotency-Key", key()), json(Map.of("quantity", 4)));
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

    /**
     * The key's record is gone (purged after its retention, or lost with its database's backup) but the order it
     * placed is not: the order's own unique key (user, Idempotency-Key) refuses a second live order, and the retry is
     * answered with the first one. Another body under that old key is a reuse, never a second order.
     */
    @Test
    void anOrderOutlivesItsKeysRecordAndStillRefusesASecondOneUnderTheSameKey() {
        String sku = skuWith(10, "2.00");
        String user = userWith("100.00");
        String key = key();
        Reply first = place(user, key, orderOf(sku, 1, true));
        assertThat(first.status()).isEqualTo(201);
        orderDb.update("DELETE FROM idempotency_record WHERE scope = ? AND idempotency_key = ?", user, key);

        Reply again = place(user, key, orderOf(sku, 1, true));
        orderDb.update("DELETE FROM idempotency_record WHERE scope = ? AND idempotency_key = ?", user, key);
        Reply other = place(user, key, orderOf(sku, 3, true));

        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.body().path("orderNo").asText()).isEqualTo(first.body().path("orderNo").asText());
        assertThat(other.status()).as(other.raw()).isEqualTo(422);
        assertThat(other.problemCode()).isEqualTo("idempotency-key-reuse");
        // The refused attempts' Trys never recorded an order; their stock and money went back with the rollback.
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
        assertThat(stock(sku)).isEqualTo(new Stock(9, 0, 9, 1));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT", "FREEZE", "UNFREEZE", "FREEZE",
                "UNFREEZE");
        assertThat(wallet(user)).isEqualTo(wallet("98.00", "0.00"));
    }

    /** A key whose first attempt failed with a 5xx is kept, and the retry under it runs (resumed) and places once. */
    @Test
    void aKeyWhoseFirstAttemptFailedIsRetriedAndPlacesOnce() {
        String sku = skuWith(10, "2.00");
        String user = userWith("100.00");
        String key = key();
        neighbours().stop(neighbours().wallet());
        Reply failed;
        try {
            failed = place(user, key, orderOf(sku, 1, true));
        } finally {
            neighbours().restart(neighbours().wallet());
        }
        assertThat(failed.status()).as(failed.raw()).isEqualTo(503);
        assertThat(orderDb.queryForObject("SELECT state FROM idempotency_record WHERE scope = ? AND idempotency_key = ?",
                String.class, user, key)).isEqualTo("RETRYABLE");

        Reply retry = place(user, key, orderOf(sku, 1, true));

        assertThat(retry.status()).as(retry.raw()).isEqualTo(201);
        assertThat(orderStatusesOf(user)).containsExactly("PAID");
        assertThat(stock(sku)).isEqualTo(new Stock(9, 0, 9, 1));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
    }

    /**
     * An attempt cut off between its order's own Try and the global commit (order-service killed; probe round 3, F6)
     * leaves its order PLACING and its key without an answer; the coordinator rolls that transaction back on its
     * timeout. A retry meanwhile must not answer "PLACING" for good: it is a 503 that keeps the key retryable, and once
     * the order is REJECTED the retry places the order afresh, as the README says. The state the crash leaves is set
     * here in the database (the crash itself lands in that window about once in thirty tries).
     */
    @Test
    void aRetryWaitsWhileItsEarlierOrderIsUndecidedAndPlacesAfreshOnceThatOneIsRolledBack() {
        String sku = skuWith(10, "2.00");
        String user = userWith("100.00");
        String key = key();
        Map<String, Object> body = orderOf(sku, 1, true);
        String cutOff = place(user, key, body).body().path("orderNo").asText();
        orderDb.update("UPDATE customer_order SET status = 'PLACING' WHERE order_no = ?", cutOff);
        orderDb.update("UPDATE idempotency_record SET state = 'RETRYABLE', owner = NULL, response_status = NULL, "
                + "response_type = NULL, response_body = NULL WHERE scope = ? AND idempotency_key = ?", user, key);

        Reply undecided = place(user, key, body);

        assertThat(undecided.status()).as(undecided.raw()).isEqualTo(503);
        assertThat(undecided.problemCode()).isEqualTo("service-unavailable");
        assertThat(undecided.retryAfter()).isEqualTo("1");
        assertThat(undecided.body().path("detail").asText()).startsWith("Order " + cutOff + ", placed by an earlier "
                + "attempt with this Idempotency-Key, is still being decided");
        assertThat(orderDb.queryForObject("SELECT state FROM idempotency_record WHERE scope = ? AND idempotency_key = ?",
                String.class, user, key)).isEqualTo("RETRYABLE");

        // The coordinator's rollback, as the order's Cancel records it.
        orderDb.update("UPDATE customer_order SET status = 'REJECTED' WHERE order_no = ?", cutOff);
        Reply afresh = place(user, key, body);

        assertThat(afresh.status()).as(afresh.raw()).isEqualTo(201);
        assertThat(afresh.body().path("status").asText()).isEqualTo("PAID");
        assertThat(afresh.body().path("orderNo").asText()).isNotEqualTo(cutOff);
        assertThat(orderStatusesOf(user)).containsExactlyInAnyOrder("REJECTED", "PAID");
        assertThat(place(user, key, body).raw()).as("and that answer is the key's now").isEqualTo(afresh.raw());
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
