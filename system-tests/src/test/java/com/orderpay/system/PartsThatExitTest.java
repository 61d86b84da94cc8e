package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.OrderpayStack;
import com.orderpay.system.Storefront.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The local run's supervision, as an SRE tries it: one part of each kind is killed from outside, all at once
 * ({@code kill -9} of whatever listens on its port: a service, the coordinator, Redis, MariaDB), and each comes back
 * by itself on the same port, after which an order is placed and paid through the gateway. With the supervision off a killed part stays
 * down.
 */
class PartsThatExitTest {

    private static final Duration BACK_WITHIN = Duration.ofSeconds(180);

    @Test
    void aKilledPartComesBackOnItsPortAndTheSystemTakesOrdersAgain() throws Exception {
        OrderpayStack stack = RunningSystem.get();
        Storefront api = RunningSystem.storefront();
        String admin = api.token("restarts-admin", "ADMIN", "USER");
        String sku = "RESTART-" + UUID.randomUUID().toString().substring(0, 8);
        String buyer = "restarts-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/admin/skus/" + sku, admin, Map.of("name", "Phoenix", "price", "2.00", "onHand", 10))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/admin/wallets/" + buyer + "/credits", admin, key(), Map.of("amount", "20.00"))
                .status()).isEqualTo(200);
        String token = api.token(buyer, "USER");

        Map<String, Integer> parts = new java.util.LinkedHashMap<>();
        parts.put("wallet-service", stack.port(OrderpayService.WALLET));
        parts.put("seata-server (TC)", stack.coordinator().rpcPort());
        parts.put("Redis", Sockets.port(stack.redisHostPort()));
        parts.put("MariaDB", Sockets.port(stack.dbHostPort()));
        try (AutoCloseable restarts = stack.restartPartsThatExit(Duration.ofMillis(500))) {
            // All at once: they come back in parallel, those that need the database retrying until it is back.
            Map<String, Long> killed = new java.util.LinkedHashMap<>();
            parts.forEach((name, port) -> killed.put(name,
                    Sockets.listener(port).orElseThrow(() -> new AssertionError(name + " is not listening"))));
            for (long pid : killed.values()) {
                killNine(pid);
            }
            parts.forEach((name, port) -> await(name + " back on port " + port).atMost(BACK_WITHIN)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> Sockets.listener(port).stream().anyMatch(pid -> pid != killed.get(name))));
            await("wallet-service ready again").atMost(BACK_WITHIN)
                    .until(() -> api.get("/api/wallet", token).status() == 200);
            // Clients reconnect to the coordinator and the database on their own; the order is retried under its key.
            String orderKey = key();
            Map<String, Object> order = Map.of("items", List.of(Map.of("skuId", sku, "quantity", 2)), "payNow", true);
            await("an order placed and paid after every restart").atMost(BACK_WITHIN).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        Reply placed = api.post("/api/orders", token, orderKey, order);
                        // While a part is still coming back: 202 (undecided), 409 key-in-flight, 429, 502-504; never a
                        // 500, never a refusal of the order itself.
                        boolean retryable = List.of(202, 429, 502, 503, 504).contains(placed.status())
                                || "idempotency-key-in-flight".equals(placed.problemCode());
                        assertThat(placed.status() == 201 || retryable).as(placed.status() + " " + placed.raw().body())
                                .isTrue();
                        return placed.status() == 201 && "PAID".equals(placed.body().path("status").asText());
                    });
            assertThat(api.get("/api/wallet", token).body().path("available").asText()).isEqualTo("16.00");
        }

        // Supervision off: a killed service stays down (then the test brings it back for the rest of the suite).
        int walletPort = stack.port(OrderpayService.WALLET);
        long wallet = Sockets.listener(walletPort).orElseThrow();
        killNine(wallet);
        Thread.sleep(3_000);
        assertThat(Sockets.listener(walletPort)).as("nothing listens on the killed wallet-service's port").isEmpty();
        stack.restart(OrderpayService.WALLET);
    }

    private static void killNine(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
