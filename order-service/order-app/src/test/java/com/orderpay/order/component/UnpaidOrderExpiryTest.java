package com.orderpay.order.component;

import static com.orderpay.order.component.ExpirySupport.expiredByLayer;
import static com.orderpay.order.component.ExpirySupport.lagMillis;
import static com.orderpay.order.component.ExpirySupport.layerCounts;
import static com.orderpay.order.component.ExpirySupport.placeUnpaid;
import static com.orderpay.order.component.ExpirySupport.statusOf;
import static com.orderpay.order.component.ExpirySupport.summary;
import static com.orderpay.order.component.OrderServiceComponentTest.cancelAt;
import static com.orderpay.order.component.OrderServiceComponentTest.deadlineState;
import static com.orderpay.order.component.OrderServiceComponentTest.getOrderAt;
import static com.orderpay.order.component.OrderServiceComponentTest.key;
import static com.orderpay.order.component.OrderServiceComponentTest.ledger;
import static com.orderpay.order.component.OrderServiceComponentTest.ledgerTypes;
import static com.orderpay.order.component.OrderServiceComponentTest.payAt;
import static com.orderpay.order.component.OrderServiceComponentTest.reservationStatus;
import static com.orderpay.order.component.OrderServiceComponentTest.skuWith;
import static com.orderpay.order.component.OrderServiceComponentTest.stock;
import static com.orderpay.order.component.OrderServiceComponentTest.userWith;
import static com.orderpay.order.component.OrderServiceComponentTest.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.EmbeddedRedis;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.order.component.ExpirySupport.Unpaid;
import com.orderpay.order.component.OrderServiceComponentTest.LedgerEntry;
import com.orderpay.order.component.OrderServiceComponentTest.Reply;
import com.orderpay.order.component.OrderServiceComponentTest.Stock;
import com.orderpay.order.component.OrderServiceComponentTest.Wallet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Unpaid orders reaching their deadline on an order-service configured as in production (all three expiry layers),
 * only faster: a {@value #PAYMENT_TIMEOUT} payment timeout and a {@value #SCAN_INTERVAL} scan. It runs in a child JVM
 * so that it can crash and start again.
 */
class UnpaidOrderExpiryTest {

    static final String PAYMENT_TIMEOUT = "PT5S";
    static final String SCAN_INTERVAL = "PT1S";
    static final long SCAN_INTERVAL_MILLIS = 1000;

    static final int RACE_ROUNDS = 3;
    static final int ORDERS_PER_ROUND = 20;
    static final int PAYERS_PER_ORDER = 3;

    private static OrderServiceProcess service;

    @BeforeAll
    static void startOrderService() {
        service = OrderServiceProcess.start("all", Map.of(
                "orderpay.order.payment-timeout", PAYMENT_TIMEOUT,
                "orderpay.order.expiry-scan-interval", SCAN_INTERVAL));
    }

    @AfterAll
    static void stopOrderService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anUnpaidOrderExpiresWithinTheScanIntervalGivesItsStockBackAndCanNoLongerBePaidOrCancelled() {
        String sku = skuWith(10, "4.00");
        String user = userWith("20.00");
        double[] before = expiredByLayer(service);

        Unpaid order = placeUnpaid(service, user, sku, 2);

        assertThat(stock(sku)).isEqualTo(new Stock(10, 2, 8, 0));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "EXPIRED".equals(statusOf(service, order.orderNo())));
        long lag = lagMillis(service.database(), order.orderNo());
        System.out.printf("All layers on: order expired %d ms after its deadline (%s)%n", lag,
                layerCounts(before, expiredByLayer(service)));
        // No unpaid order outlives its deadline by more than the scan interval.
        assertThat(lag).isBetween(0L, SCAN_INTERVAL_MILLIS);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(deadlineState(service.database(), order.orderNo())));
        assertThat(reservationStatus(order.orderNo())).isEqualTo("RELEASED");
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(wallet(user)).isEqualTo(wallet("20.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
        // Counted once, by whichever layer won.
        double[] after = expiredByLayer(service);
        assertThat(after[0] + after[1] + after[2] - before[0] - before[1] - before[2]).isEqualTo(1.0);

        Reply payment = payAt(service.baseUrl(), user, order.orderNo(), key());
        Reply cancellation = cancelAt(service.baseUrl(), user, order.orderNo(), null);

        assertThat(payment.status()).as(payment.raw()).isEqualTo(409);
        assertThat(payment.problemCode()).isEqualTo("order-not-payable");
        assertThat(cancellation.status()).as(cancellation.raw()).isEqualTo(409);
        assertThat(cancellation.problemCode()).isEqualTo("order-not-payable");
        assertThat(getOrderAt(service.baseUrl(), user, order.orderNo()).body().path("status").asText())
                .isEqualTo("EXPIRED");
        assertThat(wallet(user)).isEqualTo(wallet("20.00", "0.00"));
        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
    }

    /** Orders whose buyer cannot pay: their payment may claim the order and roll back, even across the deadline. */
    static final Set<Integer> SHORT_OF_MONEY = Set.of(3, 11, 12, 13);

    /**
     * Each round: {@value #ORDERS_PER_ROUND} orders, each paid by {@value #PAYERS_PER_ORDER} threads at instants spread
     * around its deadline (from 400 ms before to 170 ms after, the middle ones right on it) while the timer, Redis and
     * the scan try to expire it. A few buyers are short of money: a payment of theirs that claims the order rolls back
     * and gives the order back, possibly after its deadline, and it must expire all the same.
     */
    @Test
    void paymentsFiredAtTheDeadlineRaceTheExpiryLayersAndEveryOrderHasExactlyOneWinner() throws Exception {
        int paidTotal = 0;
        int expiredTotal = 0;
        int refusedTotal = 0;
        int rolledBackTotal = 0;
        double[] before = expiredByLayer(service);
        List<Long> paidMarginsMillis = new ArrayList<>();
        ScheduledExecutorService payers = Executors.newScheduledThreadPool(ORDERS_PER_ROUND * PAYERS_PER_ORDER);
        ExecutorService placers = Executors.newFixedThreadPool(5);
        try {
            for (int round = 1; round <= RACE_ROUNDS; round++) {
                String sku = skuWith(ORDERS_PER_ROUND, "3.00");
                List<String> users = IntStream.range(0, ORDERS_PER_ROUND)
                        .mapToObj(i -> userWith(SHORT_OF_MONEY.contains(i) ? "2.00" : "10.00")).toList();
                List<Unpaid> orders = users.stream()
                        .map(user -> CompletableFuture.supplyAsync(() -> placeUnpaid(service, user, sku, 1), placers))
                        .toList().stream().map(CompletableFuture::join).toList();

                List<List<CompletableFuture<Reply>>> payments = new ArrayList<>();
                for (int k = 0; k < orders.size(); k++) {
                    Unpaid order = orders.get(k);
                    long offsetMillis = -400 + 30L * k;
                    List<CompletableFuture<Reply>> attempts = new ArrayList<>();
                    for (int j = 0; j < PAYERS_PER_ORDER; j++) {
                        Instant at = order.expiresAt().plusMillis(offsetMillis + 5L * (j - 1));
                        CompletableFuture<Reply> reply = new CompletableFuture<>();
                        payers.schedule(() -> {
                            try {
                                reply.complete(payAt(service.baseUrl(), order.userId(), order.orderNo(), key()));
                            } catch (RuntimeException e) {
                                reply.completeExceptionally(e);
                            }
                        }, Math.max(0, Duration.between(Instant.now(), at).toMillis()), TimeUnit.MILLISECONDS);
                        attempts.add(reply);
                    }
                    payments.add(attempts);
                }
                List<List<Reply>> replies = payments.stream()
                        .map(attempts -> attempts.stream().map(CompletableFuture::join).toList()).toList();

                // Never stuck: every order settles as PAID or EXPIRED, its deadline row closed.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                        orders.stream().allMatch(o -> "DONE".equals(deadlineState(service.database(), o.orderNo()))));
                int paid = 0;
                BigDecimal credits = BigDecimal.ZERO;
                BigDecimal debits = BigDecimal.ZERO;
                BigDecimal heldByWallets = BigDecimal.ZERO;
                for (int k = 0; k < orders.size(); k++) {
                    Unpaid order = orders.get(k);
                    String status = statusOf(service, order.orderNo());
                    List<Reply> attempts = replies.get(k);
                    long successes = attempts.stream().filter(r -> r.status() == 200).count();
                    boolean shortOfMoney = SHORT_OF_MONEY.contains(k);
                    assertThat(attempts).as("round %d order %s: %s", round, order.orderNo(),
                                    attempts.stream().map(Reply::raw).toList())
                            .allSatisfy(r -> {
                                if (r.status() != 200) {
                                    assertThat(r.status()).isEqualTo(409);
                                    assertThat(r.problemCode()).isIn(shortOfMoney
                                            ? List.of("order-not-payable", "insufficient-balance")
                                            : List.of("order-not-payable"));
                                }
                            });
                    rolledBackTotal += (int) attempts.stream()
                            .filter(r -> r.status() == 409 && r.problemCode().equals("insufficient-balance")).count();
                    List<LedgerEntry> entries = ledger(order.userId());
                    Wallet wallet = wallet(order.userId());
                    if (status.equals("PAID")) {
                        paid++;
                        paidMarginsMillis.add(lagMillis(service.database(), order.orderNo()));
                        assertThat(successes).as("round %d order %s", round, order.orderNo()).isEqualTo(1);
                        assertThat(reservationStatus(order.orderNo())).isEqualTo("SOLD");
                        assertThat(entries).extracting(LedgerEntry::type).containsExactly("CREDIT", "FREEZE", "DEBIT");
                        assertThat(entries.get(2)).isEqualTo(new LedgerEntry("DEBIT", new BigDecimal("3.00"),
                                order.orderNo()));
                        assertThat(wallet).isEqualTo(wallet("7.00", "0.00"));
                    } else {
                        assertThat(status).as("round %d order %s", round, order.orderNo()).isEqualTo("EXPIRED");
                        assertThat(successes).isZero();
                        assertThat(reservationStatus(order.orderNo())).isEqualTo("RELEASED");
                        // The expiry won (or the payment could not be made): the wallet was never touched.
                        assertThat(entries).extracting(LedgerEntry::type).containsExactly("CREDIT");
                        assertThat(wallet).isEqualTo(wallet(shortOfMoney ? "2.00" : "10.00", "0.00"));
                    }
                    refusedTotal += (int) (attempts.size() - successes);
                    for (LedgerEntry entry : entries) {
                        if (entry.type().equals("CREDIT")) {
                            credits = credits.add(entry.amount());
                        } else if (entry.type().equals("DEBIT")) {
                            debits = debits.add(entry.amount());
                        }
                    }
                    heldByWallets = heldByWallets.add(wallet.available()).add(wallet.frozen());
                }
                // Not a cent lost or invented: what the wallets hold plus what was debited is what was credited.
                assertThat(heldByWallets.add(debits)).isEqualTo(credits);
                // by value: a round that no payment won has debited BigDecimal.ZERO, not 0.00
                assertThat(debits).isEqualByComparingTo(new BigDecimal("3.00").multiply(BigDecimal.valueOf(paid)));
                assertThat(stock(sku)).isEqualTo(new Stock(ORDERS_PER_ROUND - paid, 0, ORDERS_PER_ROUND - paid, paid));
                paidTotal += paid;
                expiredTotal += orders.size() - paid;
                System.out.printf("Race round %d: %d orders, %d paid, %d expired%n", round, orders.size(), paid,
                        orders.size() - paid);
            }
        } finally {
            payers.shutdownNow();
            placers.shutdownNow();
        }
        System.out.printf("Pay-vs-expiry race: %d rounds x %d orders x %d payers: %d paid, %d expired, %d payment "
                        + "attempts refused (%d of them insufficient-balance after claiming the order and rolling "
                        + "back); expiries by layer: %s; paid orders settled %s relative to their deadline%n",
                RACE_ROUNDS, ORDERS_PER_ROUND, PAYERS_PER_ORDER, paidTotal, expiredTotal, refusedTotal, rolledBackTotal,
                layerCounts(before, expiredByLayer(service)), summary(paidMarginsMillis));
        // Both sides won somewhere, or the race was not a race.
        assertThat(paidTotal).isPositive();
        assertThat(expiredTotal).isPositive();
        double[] after = expiredByLayer(service);
        assertThat(after[0] + after[1] + after[2] - before[0] - before[1] - before[2]).isEqualTo(expiredTotal);
    }

    @Test
    void withRedisDownAndOrderServiceCrashedTheDatabaseLayerAloneStillExpiresEveryOrder() {
        String sku = skuWith(20, "2.00");
        String user = userWith("50.00");
        EmbeddedRedis redis = SharedInfrastructure.get().redis();
        JdbcTemplate database = service.database();
        List<Unpaid> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(placeUnpaid(service, user, sku, 1));
        }
        double[] afterRestart;
        try {
            redis.stop();
            for (int i = 0; i < 4; i++) {
                long began = System.nanoTime();
                orders.add(placeUnpaid(service, user, sku, 1));
                // Placing never waits on Redis.
                assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(2_500);
            }
            // A crash before the first deadline: the in-process timers die with it.
            service.kill();
            assertThat(orders).allSatisfy(o -> assertThat(statusOf(service, o.orderNo())).isEqualTo("AWAITING_PAYMENT"));

            // Starts without Redis, and its scan picks up where the dead process left off.
            service.restart();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    orders.stream().allMatch(o -> "DONE".equals(deadlineState(database, o.orderNo()))));
            afterRestart = expiredByLayer(service);
            assertThat(afterRestart).containsExactly(0, orders.size(), 0);
        } finally {
            redis.start();
        }
        List<Long> lags = orders.stream().map(o -> lagMillis(database, o.orderNo())).toList();
        System.out.printf("Redis down and order-service killed before the deadlines: the database layer expired all %d "
                + "orders after the restart, %s after their deadlines%n", orders.size(), summary(lags));
        assertThat(orders).allSatisfy(o -> {
            assertThat(statusOf(service, o.orderNo())).isEqualTo("EXPIRED");
            assertThat(reservationStatus(o.orderNo())).isEqualTo("RELEASED");
        });
        assertThat(stock(sku)).isEqualTo(new Stock(20, 0, 20, 0));
        assertThat(wallet(user)).isEqualTo(wallet("50.00", "0.00"));

        // Redis back, and as if it had kept the old deadlines: the Redis layer takes them and finds nothing to do.
        String key = "orderpay:test:all:payment-deadlines";
        for (Unpaid order : orders) {
            ExpirySupport.redis(redis.port(), "ZADD", key, String.valueOf(order.expiresAt().toEpochMilli()),
                    order.orderNo());
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> ExpirySupport.redis(redis.port(), "ZCARD", key).equals(":0"));
        assertThat(expiredByLayer(service)).containsExactly(afterRestart);
        assertThat(stock(sku)).isEqualTo(new Stock(20, 0, 20, 0));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");

        // And the service is whole again: a new order, paid, then another one, expired.
        Unpaid paidOne = placeUnpaid(service, user, sku, 1);
        Reply payment = payAt(service.baseUrl(), user, paidOne.orderNo(), key());
        assertThat(payment.status()).as(payment.raw()).isEqualTo(200);
        Unpaid expiring = placeUnpaid(service, user, sku, 1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(deadlineState(database, expiring.orderNo())));
        assertThat(statusOf(service, expiring.orderNo())).isEqualTo("EXPIRED");
        assertThat(stock(sku)).isEqualTo(new Stock(19, 0, 19, 1));
    }
}
