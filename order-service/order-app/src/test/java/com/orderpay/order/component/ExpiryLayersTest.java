package com.orderpay.order.component;

import static com.orderpay.order.component.ExpirySupport.expiredByLayer;
import static com.orderpay.order.component.ExpirySupport.lagMillis;
import static com.orderpay.order.component.ExpirySupport.layerCounts;
import static com.orderpay.order.component.ExpirySupport.placeUnpaid;
import static com.orderpay.order.component.ExpirySupport.statusOf;
import static com.orderpay.order.component.ExpirySupport.summary;
import static com.orderpay.order.component.OrderServiceComponentTest.deadlineState;
import static com.orderpay.order.component.OrderServiceComponentTest.ledgerTypes;
import static com.orderpay.order.component.OrderServiceComponentTest.reservationStatus;
import static com.orderpay.order.component.OrderServiceComponentTest.skuWith;
import static com.orderpay.order.component.OrderServiceComponentTest.stock;
import static com.orderpay.order.component.OrderServiceComponentTest.userWith;
import static com.orderpay.order.component.OrderServiceComponentTest.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.order.component.ExpirySupport.Unpaid;
import com.orderpay.order.component.OrderServiceComponentTest.Stock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each expiry layer alone is enough: an order-service of its own (child JVM) with the other two switched off by
 * properties, {@value #ORDERS} orders with a {@value #PAYMENT_TIMEOUT} timeout, the time from each deadline to the
 * order's EXPIRED status measured and printed.
 */
class ExpiryLayersTest {

    static final String PAYMENT_TIMEOUT = "PT3S";
    static final String SCAN_INTERVAL = "PT1S";
    static final int ORDERS = 5;

    private static Map<String, String> only(String layer) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("orderpay.order.payment-timeout", PAYMENT_TIMEOUT);
        settings.put("orderpay.order.expiry-scan-interval", SCAN_INTERVAL);
        for (String each : ExpirySupport.LAYERS) {
            settings.put("orderpay.order.expiry." + each + ".enabled", String.valueOf(each.equals(layer)));
        }
        return settings;
    }

    /** Places the orders, waits for all to expire, checks what expiry must leave behind; answers the lags. */
    private static List<Long> expireAlone(OrderServiceProcess service, String layer, long maxLagMillis) {
        String sku = skuWith(ORDERS * 2, "2.50");
        String user = userWith("30.00");
        double[] before = expiredByLayer(service);
        List<Unpaid> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(placeUnpaid(service, user, sku, 2));
        }
        // Every hold was taken (each is RELEASED below). The first order's 3 s deadline may pass while the fifth is
        // placed on a slow machine, so the figures are not read whole while deadlines are passing.
        assertThat(orders).allSatisfy(o -> assertThat(reservationStatus(o.orderNo())).isIn("HELD", "RELEASED"));
        assertThat(stock(sku).onHand()).isEqualTo(ORDERS * 2);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                orders.stream().allMatch(o -> "EXPIRED".equals(statusOf(service, o.orderNo()))));
        List<Long> lags = orders.stream().map(o -> lagMillis(service.database(), o.orderNo())).toList();
        double[] after = expiredByLayer(service);
        System.out.printf("Expiry lag, %s layer alone: %s (expired by layer: %s)%n", layer, summary(lags),
                layerCounts(before, after));

        assertThat(lags).allSatisfy(lag -> assertThat(lag).isBetween(0L, maxLagMillis));
        for (int i = 0; i < ExpirySupport.LAYERS.length; i++) {
            assertThat(after[i] - before[i]).as(ExpirySupport.LAYERS[i])
                    .isEqualTo(ExpirySupport.LAYERS[i].equals(layer) ? ORDERS : 0);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                orders.stream().allMatch(o -> "DONE".equals(deadlineState(service.database(), o.orderNo()))));
        assertThat(orders).allSatisfy(o -> assertThat(reservationStatus(o.orderNo())).isEqualTo("RELEASED"));
        assertThat(stock(sku)).isEqualTo(new Stock(ORDERS * 2, 0, ORDERS * 2, 0));
        assertThat(wallet(user)).isEqualTo(wallet("30.00", "0.00"));
        assertThat(ledgerTypes(user)).containsExactly("CREDIT");
        return lags;
    }

    @Test
    void theRedisLayerAloneExpiresEveryOrderWithinAFewPolls() {
        try (OrderServiceProcess service = OrderServiceProcess.start("redis", only("redis"))) {
            // Polled every 250 ms; each expiry then waits on inventory's release, one after another.
            expireAlone(service, "redis", 2_500);
        }
    }

    @Test
    void theTimerAloneExpiresEveryOrderAtItsDeadline() {
        try (OrderServiceProcess service = OrderServiceProcess.start("timer", only("timer"))) {
            expireAlone(service, "timer", 1_000);
        }
    }

    @Test
    void theDatabaseLayerAloneExpiresEveryOrderWithinTheScanIntervalOnOneReplicaAtATime() {
        try (OrderServiceProcess service = OrderServiceProcess.start("db", only("db"))) {
            // Scanned every second after the previous scan ended, each expiry waiting on inventory's release: a scan
            // interval plus the scan's own work, which a slow machine stretches.
            expireAlone(service, "db", 3_000);

            // Another replica holds the scan's lock (as its ShedLock row says): this one leaves the scan to it.
            JdbcTemplate database = service.database();
            String sku = skuWith(1, "2.50");
            String user = userWith("30.00");
            Unpaid order = placeUnpaid(service, user, sku, 1);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> database.update(
                    "UPDATE shedlock SET lock_until = TIMESTAMPADD(SECOND, 6, UTC_TIMESTAMP(3)), "
                            + "locked_at = UTC_TIMESTAMP(3), locked_by = 'another-replica' "
                            + "WHERE name = 'order-payment-deadline-scan' AND lock_until <= UTC_TIMESTAMP(3)") == 1);
            Instant lockedUntil = database.queryForObject(
                    "SELECT lock_until FROM shedlock WHERE name = 'order-payment-deadline-scan'", Timestamp.class)
                    .toInstant();
            assertThat(lockedUntil).isAfter(order.expiresAt().plusSeconds(1));

            // Past the deadline and a scan interval later, still unexpired: this replica did not scan.
            await().until(() -> Instant.now().isAfter(order.expiresAt().plusMillis(1_500)));
            assertThat(statusOf(service, order.orderNo())).isEqualTo("AWAITING_PAYMENT");
            assertThat(database.queryForObject("SELECT locked_by FROM shedlock WHERE name = 'order-payment-deadline-scan'",
                    String.class)).isEqualTo("another-replica");

            // The other replica's lease runs out: this one takes the scan over and expires the order.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "EXPIRED".equals(statusOf(service, order.orderNo())));
            Instant expiredAt = database.queryForObject("SELECT updated_at FROM customer_order WHERE order_no = ?",
                    Timestamp.class, order.orderNo()).toInstant();
            assertThat(expiredAt).isAfterOrEqualTo(lockedUntil);
            assertThat(database.queryForObject("SELECT locked_by FROM shedlock WHERE name = 'order-payment-deadline-scan'",
                    String.class)).isNotEqualTo("another-replica");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "RELEASED".equals(reservationStatus(order.orderNo())));
        }
    }
}
