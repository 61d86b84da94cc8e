package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Stock cannot be hoarded without money: one user holds at most 10 unpaid orders and 500 units in them (the
 * defaults), even when the placements arrive all at once. Refused ones reserve nothing.
 */
class UnpaidLimitsTest extends OrderServiceComponentTest {

    @Test
    void theEleventhUnpaidOrderIsRefusedUntilOneIsPaid() {
        String sku = skuWith(100, "1.00");
        String user = userWith("5.00");
        List<String> placed = IntStream.range(0, 10).mapToObj(i -> place(user, sku, 1, false))
                .map(reply -> reply.body().path("orderNo").asText()).toList();
        assertThat(placed).doesNotContain("");

        Reply eleventh = place(user, sku, 1, false);

        assertThat(eleventh.status()).as(eleventh.raw()).isEqualTo(409);
        assertThat(eleventh.problemCode()).isEqualTo("too-many-unpaid-orders");
        assertThat(eleventh.body().path("unpaidOrders").asLong()).isEqualTo(10);
        assertThat(stock(sku)).isEqualTo(new Stock(100, 10, 90, 0));
        // A pay-now order is not held without money: never limited.
        assertThat(place(user, sku, 1, true).status()).isEqualTo(201);

        assertThat(pay(user, placed.get(0)).status()).isEqualTo(200);
        assertThat(place(user, sku, 1, false).status()).isEqualTo(201);
    }

    @Test
    void unitsHeldUnpaidAreLimitedToo() {
        String sku = skuWith(2000, "0.01");
        String user = userWith("1.00");
        assertThat(place(user, sku, 400, false).status()).isEqualTo(201);

        Reply tooMany = place(user, sku, 101, false);

        assertThat(tooMany.status()).as(tooMany.raw()).isEqualTo(409);
        assertThat(tooMany.problemCode()).isEqualTo("too-many-unpaid-orders");
        assertThat(tooMany.body().path("unitsHeld").asLong()).isEqualTo(400);
        assertThat(place(user, sku, 100, false).status()).isEqualTo(201);
        assertThat(stock(sku)).isEqualTo(new Stock(2000, 500, 1500, 0));
    }

    @Test
    void placementsArrivingAllAtOnceStillStopAtTheLimit() {
        String sku = skuWith(100, "1.00");
        String user = userWith("1.00");
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<CompletableFuture<Reply>> replies = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> place(user, sku, 1, false), pool)).toList();
            List<Integer> statuses = replies.stream().map(CompletableFuture::join).map(Reply::status).toList();

            assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(10);
            assertThat(statuses).containsOnly(201, 409);
            assertThat(replies.stream().map(CompletableFuture::join).filter(r -> r.status() == 409)
                    .map(Reply::problemCode)).containsOnly("too-many-unpaid-orders");
        } finally {
            pool.shutdown();
        }
        assertThat(orderDb.queryForObject("SELECT COUNT(*) FROM customer_order WHERE user_id = ? AND status = "
                + "'AWAITING_PAYMENT'", Integer.class, user)).isEqualTo(10);
        assertThat(stock(sku)).isEqualTo(new Stock(100, 10, 90, 0));
    }
}
