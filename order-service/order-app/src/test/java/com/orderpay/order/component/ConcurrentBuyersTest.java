package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many buyers, one scarce SKU: no overselling, not a cent lost or invented. */
class ConcurrentBuyersTest extends OrderServiceComponentTest {

    private static final int BUYERS = 50;
    private static final int UNITS_EACH = 2;
    private static final int UNITS_ON_HAND = 20;

    @Test
    void fiftyBuyersOfTwentyUnitsMakeExactlyTenPaidOrdersAndConserveMoney() throws Exception {
        String sku = skuWith(UNITS_ON_HAND, "3.00");
        List<String> buyers = IntStream.range(0, BUYERS).mapToObj(i -> userWith("10.00")).toList();
        AtomicBoolean racing = new AtomicBoolean(true);
        AtomicLong lowestAvailable = new AtomicLong(Long.MAX_VALUE);
        List<Stock> samples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(BUYERS + 1);
        List<Reply> replies;
        try {
            // Watches the figures while the race runs: they must never show an oversold shelf, even for a moment.
            CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
                while (racing.get()) {
                    Stock now = stock(sku);
                    samples.add(now);
                    lowestAvailable.accumulateAndGet(now.available(), Math::min);
                }
            }, pool);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Reply>> orders = buyers.stream().map(buyer -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return place(buyer, sku, UNITS_EACH, true);
            }, pool)).toList();
            long began = System.nanoTime();
            start.countDown();
            replies = orders.stream().map(CompletableFuture::join).toList();
            System.out.printf("%d concurrent placements answered in %d ms%n", BUYERS,
                    (System.nanoTime() - began) / 1_000_000);
            racing.set(false);
            watcher.join();
        } finally {
            pool.shutdownNow();
        }

        Map<Integer, Long> byStatus = replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(byStatus).as(replies.stream().filter(r -> r.status() != 201 && r.status() != 409)
                .map(Reply::raw).toList().toString()).containsExactlyInAnyOrderEntriesOf(Map.of(201, 10L, 409, 40L));
        assertThat(replies).filteredOn(r -> r.status() == 201)
                .allSatisfy(r -> assertThat(r.body().path("status").asText()).isEqualTo("PAID"));
        assertThat(replies).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.problemCode()).isEqualTo("out-of-stock"));

        assertThat(lowestAvailable.get()).isGreaterThanOrEqualTo(0);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.reserved()).isBetween(0L, s.onHand());
            assertThat(s.onHand() + s.sold()).isEqualTo(UNITS_ON_HAND);
        });
        assertThat(stock(sku)).isEqualTo(new Stock(0, 0, 0, UNITS_ON_HAND));

        Map<String, List<LedgerEntry>> ledgers = buyers.stream()
                .collect(Collectors.toMap(Function.identity(), OrderServiceComponentTest::ledger));
        BigDecimal credits = sum(ledgers, "CREDIT");
        BigDecimal debits = sum(ledgers, "DEBIT");
        BigDecimal available = BigDecimal.ZERO;
        BigDecimal frozen = BigDecimal.ZERO;
        for (String buyer : buyers) {
            Wallet wallet = wallet(buyer);
            available = available.add(wallet.available());
            frozen = frozen.add(wallet.frozen());
        }
        assertThat(debits).isEqualTo(new BigDecimal("60.00"));
        assertThat(credits).isEqualTo(new BigDecimal("500.00"));
        assertThat(frozen).isEqualByComparingTo("0.00");
        assertThat(available.add(frozen).add(debits)).isEqualTo(credits);
        // Each buyer who got an order paid for it once; nobody else paid anything.
        List<String> paidBuyers = buyers.stream().filter(b -> orderStatusesOf(b).contains("PAID")).toList();
        assertThat(paidBuyers).hasSize(10);
        paidBuyers.forEach(b -> assertThat(ledgers.get(b)).extracting(LedgerEntry::type)
                .containsExactly("CREDIT", "FREEZE", "DEBIT"));
        buyers.stream().filter(b -> !paidBuyers.contains(b)).forEach(b -> {
            assertThat(ledgers.get(b)).extracting(LedgerEntry::type).containsExactly("CREDIT");
            assertThat(orderStatusesOf(b)).isSubsetOf("REJECTED");
        });
    }

    private static BigDecimal sum(Map<String, List<LedgerEntry>> ledgers, String type) {
        return ledgers.values().stream().flatMap(List::stream).filter(e -> e.type().equals(type))
                .map(LedgerEntry::amount).reduce(new BigDecimal("0.00"), BigDecimal::add);
    }

    @Test
    void paidOrderLatencyIsMeasured() {
        String sku = skuWith(1000, "1.00");
        String user = userWith("1000.00");
        for (int i = 0; i < 5; i++) {
            assertThat(place(user, sku, 1, true).status()).isEqualTo(201);
        }
        int orders = 30;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            long began = System.nanoTime();
            Reply reply = place(user, sku, 1, true);
            millis.add((System.nanoTime() - began) / 1_000_000);
            assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
            assertThat(reply.body().path("status").asText()).isEqualTo("PAID");
        }
        Collections.sort(millis);
        long p50 = millis.get((int) Math.ceil(0.50 * orders) - 1);
        long p95 = millis.get((int) Math.ceil(0.95 * orders) - 1);
        System.out.printf("Paid order latency over %d sequential orders (in-process order-service, siblings and TC "
                + "on loopback): p50 %d ms, p95 %d ms, max %d ms%n", orders, p50, p95, millis.get(orders - 1));
        assertThat(stock(sku).sold()).isEqualTo(35);
    }
}
