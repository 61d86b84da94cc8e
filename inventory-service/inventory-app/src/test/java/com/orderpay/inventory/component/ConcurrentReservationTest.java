package com.orderpay.inventory.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** A hot SKU: the guarded single-statement UPDATE is the only thing standing between 50 buyers and 20 units. */
class ConcurrentReservationTest extends InventoryComponentTest {

    private static final int BUYERS = 50;
    private static final int UNITS_EACH = 2;
    private static final int ON_HAND = 20;

    @Test
    void fiftyConcurrentOrdersForTwentyUnitsSellExactlyTenAndNeverOversell() throws Exception {
        String sku = skuWith(ON_HAND);
        ConcurrentLinkedQueue<Figures> seen = new ConcurrentLinkedQueue<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                seen.add(figures(sku));
                LockSupport.parkNanos(2_000_000);
            }
        }, "figures-sampler");
        sampler.start();

        ExecutorService buyers = Executors.newFixedThreadPool(BUYERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < BUYERS; i++) {
                outcomes.add(buyers.submit(() -> buy(sku, start)));
            }
            start.countDown();
            List<Outcome> results = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }

            List<Outcome> sold = results.stream().filter(o -> o.status() == 200).toList();
            List<Outcome> refused = results.stream().filter(o -> o.status() == 409).toList();
            assertThat(sold).hasSize(ON_HAND / UNITS_EACH);
            assertThat(refused).hasSize(BUYERS - ON_HAND / UNITS_EACH);
            assertThat(refused).allSatisfy(o -> assertThat(o.problemType()).endsWith("/out-of-stock"));

            await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
                assertThat(figures(sku)).isEqualTo(new Figures(0, 0, ON_HAND));
                assertThat(sold).allSatisfy(o -> assertThat(reservationStatuses(o.orderNo())).containsExactly("SOLD"));
            });
            assertThat(refused).allSatisfy(o -> assertThat(reservationStatuses(o.orderNo())).isEmpty());
            assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(quantity), 0) FROM stock_reservation "
                    + "WHERE sku_id = ? AND status = 'SOLD'", Long.class, sku)).isEqualTo(ON_HAND);
        } finally {
            buyers.shutdownNow();
            sampling.set(false);
            sampler.join();
        }

        assertThat(seen).isNotEmpty().allSatisfy(f -> {
            assertThat(f.onHand()).isNotNegative();
            assertThat(f.reserved()).isNotNegative().isLessThanOrEqualTo(f.onHand());
            assertThat(f.sold()).isNotNegative();
            assertThat(f.onHand() + f.sold()).isEqualTo(ON_HAND);
        });
        // the CHECK constraints are there: the database itself refuses an oversold or negative row
        assertThatThrownBy(() -> jdbc.update("UPDATE sku SET reserved = on_hand + 1 WHERE sku_id = ?", sku))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE sku SET on_hand = -1 WHERE sku_id = ?", sku))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(figures(sku)).isEqualTo(new Figures(0, 0, ON_HAND));
    }

    private record Outcome(String orderNo, int status, String problemType) {
    }

    /** One buyer as order-service places it: its own global transaction, committed if the Try succeeded. */
    private Outcome buy(String sku, CountDownLatch start) throws Exception {
        String orderNo = unique("O");
        start.await();
        GlobalTransaction tx = beginGlobal("buyer");
        try {
            HttpResponse<String> response = reserve(tx.getXid(), orderNo, "SALE", new Line(sku, UNITS_EACH));
            if (response.statusCode() == 200) {
                tx.commit();
                return new Outcome(orderNo, 200, null);
            }
            // a TM rolls back when a branch's Try fails (committing would have the TC confirm a Try that never was)
            tx.rollback();
            return new Outcome(orderNo, response.statusCode(), json(response).path("type").asText());
        } finally {
            RootContext.unbind();
        }
    }
}
