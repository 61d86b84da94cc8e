package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import com.orderpay.devstack.JavaProcess;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.platform.coordinator.CoordinatorChannels;
import com.orderpay.platform.coordinator.CoordinatorGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The coordinator dies (SIGKILL): placements meet Seata's "can not connect to services-server" and are api.md's 503
 * service-unavailable, a clear "retry later", never a 500. Nothing moves, the key is kept, and once the coordinator
 * is back (its sessions are in the database) the retry under the same key places the order once. The coordinator
 * frozen (SIGSTOP: a stalled process, a partition) is the same 503, within the services' time budget for it
 * (orderpay-platform-defaults.properties), well inside the gateway's response timeout, for every request however
 * many wait for it.
 */
class CoordinatorOutageTest extends OrderServiceComponentTest {

    @Autowired
    MeterRegistry meters;

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

    /**
     * Buyers keep placing (each retrying its own key) through a freeze longer than the 15 s after which Seata's client
     * drops the silent channel and reconnects. Before the drop a placement waits one TM request timeout (6 s); after
     * it, every placement is answered at once while a background thread reconnects. Without that every placement
     * queued on the client's reconnect lock, the k-th for about k x 6 s (probe round 4: 55 s, past the gateway's
     * 30 s, its key still in flight).
     */
    /** Past the drop (15 s without a read; heartbeats are 5 s apart), then a reconnect or two (6 s each). */
    private static final int FROZEN_SECONDS = 22;

    @Test
    void withTheCoordinatorFrozenPlacementsAre503sWithinTheBudgetNotQueuedAndTheRetriesPlaceOnceItThaws()
            throws Exception {
        int buyers = 6;
        String sku = skuWith(buyers * 2L, "3.00");
        List<String> users = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            users.add(userWith("30.00"));
            keys.add(key());
        }
        record Attempt(int buyer, long startedMillis, long waitedMillis, Reply reply) {
        }
        assertThat(meters.get(CoordinatorGate.CONNECTED).gauge().value()).as("connected, before").isEqualTo(1);
        // The channels by address, as the gate reads them to keep a silent one of several coordinators out of the pick.
        CoordinatorChannels channels = new CoordinatorChannels("orderpay_tx_group");
        assertThat(channels.openAddresses()).as("open, before")
                .containsExactly(SharedInfrastructure.get().coordinator().address());
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        JavaProcess coordinator = SharedInfrastructure.get().coordinator().process();
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        long frozenAt = System.nanoTime();
        coordinator.suspend();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                int buyer = i;
                running.add(pool.submit(() -> {
                    while (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - frozenAt) < FROZEN_SECONDS) {
                        long started = System.nanoTime();
                        Reply reply = place(users.get(buyer), keys.get(buyer), orderOf(sku, 2, true));
                        attempts.add(new Attempt(buyer, TimeUnit.NANOSECONDS.toMillis(started - frozenAt),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), reply));
                        Thread.sleep(250);
                    }
                    return null;
                }));
            }
            for (Future<?> buyer : running) {
                buyer.get(120, TimeUnit.SECONDS);
            }
            assertThat(meters.get(CoordinatorGate.CONNECTED).gauge().value()).as("connected, while frozen").isZero();
            assertThat(channels.openAddresses()).as("open, while frozen").isEmpty();
            // The participants dropped their channels too: a Try (a call carrying an XID, made on their own ports)
            // is refused at once, not queued on their own reconnect lock (6 s each) while order-service waits 5 s.
            String xid = "127.0.0.1:8091:" + System.nanoTime();
            String reserve = "{\"orderNo\":\"" + unique("GATE") + "\",\"purpose\":\"SALE\",\"lines\":[{\"skuId\":\""
                    + sku + "\",\"quantity\":1}]}";
            String freeze = "{\"orderNo\":\"" + unique("GATE") + "\",\"userId\":\"" + users.get(0)
                    + "\",\"amount\":\"1.00\"}";
            for (Map.Entry<String, String> tryCall : Map.of(
                    neighbours().inventory().baseUrl() + "/internal/stock-reservations", reserve,
                    neighbours().wallet().baseUrl() + "/internal/wallet-freezes", freeze).entrySet()) {
                long started = System.nanoTime();
                Reply refused = send("POST", tryCall.getKey(), null, null, Map.of("TX_XID", xid), tryCall.getValue());
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(waited).as(tryCall.getKey() + " answered at once: " + refused.raw()).isLessThan(1_000L);
                assertThat(refused.status()).as(tryCall.getKey() + ": " + refused.raw()).isEqualTo(503);
                assertThat(refused.body().path("detail").asText())
                        .startsWith("The transaction coordinator is unavailable");
            }
        } finally {
            coordinator.resume();
            pool.shutdownNow();
        }
        attempts.stream().filter(attempt -> attempt.waitedMillis() >= 1_000).forEach(attempt -> System.out.printf(
                "buyer %d at %6d ms: %d after %5d ms%n", attempt.buyer(), attempt.startedMillis(),
                attempt.reply().status(), attempt.waitedMillis()));
        System.out.printf("%d attempts, %d answered within 1 s%n", attempts.size(),
                attempts.stream().filter(attempt -> attempt.waitedMillis() < 1_000).count());

        for (Attempt attempt : attempts) {
            Reply reply = attempt.reply();
            assertThat(reply.status()).as(reply.raw()).isEqualTo(503);
            assertThat(reply.problemCode()).isEqualTo("service-unavailable");
            assertThat(reply.body().path("detail").asText()).startsWith("The transaction coordinator is unavailable");
        }
        // Before the drop: the begin waited one TM request timeout (6 s), not Seata's 30 s.
        assertThat(attempts.stream().filter(attempt -> attempt.startedMillis() < 1_000))
                .hasSize(buyers).allSatisfy(first -> assertThat(first.waitedMillis()).isBetween(5_500L, 15_000L));
        // After it (15 s without a read, at the latest): no channel, so every placement is answered at once while a
        // background thread reconnects; none waits behind a reconnect, which holds Seata's lock for 6 s each.
        assertThat(attempts.stream().filter(attempt -> attempt.startedMillis() > 16_000))
                .as("answered at once once the channel is gone").isNotEmpty()
                .allSatisfy(attempt -> assertThat(attempt.waitedMillis()).isLessThan(1_000L));
        assertThat(attempts).as("the longest wait, well inside the gateway's 30 s").allSatisfy(attempt ->
                assertThat(attempt.waitedMillis()).isLessThan(15_000L));
        for (int i = 0; i < buyers; i++) {
            assertThat(orderDb.queryForObject("SELECT state FROM idempotency_record WHERE scope = ? AND "
                    + "idempotency_key = ?", String.class, users.get(i), keys.get(i)))
                    .as("kept for the retry").isEqualTo("RETRYABLE");
            assertThat(ledgerTypes(users.get(i))).containsExactly("CREDIT");
        }
        assertThat(stock(sku)).isEqualTo(new Stock(buyers * 2L, 0, buyers * 2L, 0));

        for (int i = 0; i < buyers; i++) {
            String user = users.get(i);
            String key = keys.get(i);
            Reply placed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> place(user, key, orderOf(sku, 2, true)), reply -> reply.status() != 503);
            assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
            assertThat(orderStatusesOf(user)).containsExactly("PAID");
            assertThat(ledgerTypes(user)).containsExactly("CREDIT", "FREEZE", "DEBIT");
        }
        assertThat(stock(sku)).isEqualTo(new Stock(0, 0, 0, buyers * 2L));
        assertThat(meters.get(CoordinatorGate.CONNECTED).gauge().value()).as("connected, thawed").isEqualTo(1);
    }
}
