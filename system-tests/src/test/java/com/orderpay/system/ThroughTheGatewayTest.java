package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.system.Storefront.Reply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storefront's and the operator's view: everything through the gateway, on the whole system started as the
 * run command starts it.
 */
class ThroughTheGatewayTest {

    private static Storefront api;
    private static String admin;

    @BeforeAll
    static void startSystem() {
        api = RunningSystem.storefront();
        admin = api.token("ops-admin", "ADMIN", "USER");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static void createSku(String skuId, String price, long onHand) {
        Reply reply = api.put("/api/admin/skus/" + skuId, admin, Map.of("name", "Item " + skuId, "price", price,
                "onHand", onHand));
        assertThat(reply.status()).as(reply.raw().body()).isIn(200, 201);
    }

    private static void credit(String userId, String amount) {
        Reply reply = api.post("/api/admin/wallets/" + userId + "/credits", admin, key(), Map.of("amount", amount));
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    }

    private static Reply order(String token, String skuId, int quantity) {
        return api.post("/api/orders", token, key(),
                Map.of("items", List.of(Map.of("skuId", skuId, "quantity", quantity)), "payNow", true));
    }

    private static long available(String skuId) {
        Reply reply = api.get("/api/skus/" + skuId, admin);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body().path("available").asLong();
    }

    private static JsonNode wallet(String token) {
        Reply reply = api.get("/api/wallet", token);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        return reply.body();
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemCode()).isEqualTo(code);
        assertThat(reply.body().path("title").asText()).isNotBlank();
        assertThat(reply.body().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void adminSetsUpAndUserPaysAnOrderThroughTheGateway() {
        String sku = unique("SKU");
        String user = unique("buyer");
        createSku(sku, "12.50", 10);
        credit(user, "100.00");
        String token = api.token(user, "USER");

        Reply placed = order(token, sku, 2);

        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        assertThat(placed.body().path("status").asText()).isEqualTo("PAID");
        assertThat(placed.body().path("total").asText()).isEqualTo("25.00");
        assertThat(placed.body().path("userId").asText()).isEqualTo(user);
        assertThat(placed.body().path("items").get(0).path("unitPrice").asText()).isEqualTo("12.50");
        String orderNo = placed.body().path("orderNo").asText();

        Reply read = api.get("/api/orders/" + orderNo, token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("status").asText()).isEqualTo("PAID");
        assertThat(available(sku)).isEqualTo(8);
        JsonNode wallet = wallet(token);
        assertThat(wallet.path("available").asText()).isEqualTo("75.00");
        assertThat(wallet.path("frozen").asText()).isEqualTo("0.00");
        Reply ledger = api.get("/api/wallet/ledger?limit=10", token);
        List<String> types = new ArrayList<>();
        ledger.body().path("entries").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactlyInAnyOrder("CREDIT", "FREEZE", "DEBIT");
        Reply listed = api.get("/api/orders?limit=5", token);
        assertThat(listed.body().path("orders").get(0).path("orderNo").asText()).isEqualTo(orderNo);
    }

    @Test
    void outOfStockMovesNothing() {
        String sku = unique("SKU");
        String user = unique("buyer");
        createSku(sku, "1.00", 3);
        credit(user, "50.00");
        String token = api.token(user, "USER");

        assertProblem(order(token, sku, 4), 409, "out-of-stock");

        assertThat(available(sku)).isEqualTo(3);
        assertThat(wallet(token).path("available").asText()).isEqualTo("50.00");
        assertThat(wallet(token).path("frozen").asText()).isEqualTo("0.00");
    }

    @Test
    void insufficientBalanceGivesTheStockBack() {
        String sku = unique("SKU");
        String user = unique("buyer");
        createSku(sku, "30.00", 5);
        credit(user, "29.99");
        String token = api.token(user, "USER");

        assertProblem(order(token, sku, 1), 409, "insufficient-balance");

        assertThat(available(sku)).isEqualTo(5);
        assertThat(wallet(token).path("available").asText()).isEqualTo("29.99");
        assertThat(wallet(token).path("frozen").asText()).isEqualTo("0.00");
    }

    @Test
    void concurrentBuyersSellOutExactlyAndMoneyIsConserved() throws Exception {
        String sku = unique("HOT");
        createSku(sku, "3.00", 20);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String user = unique("crowd" + i);
            credit(user, "10.00");
            tokens.add(api.token(user, "USER"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (String token : tokens) {
            replies.add(pool.submit(() -> {
                go.await();
                return order(token, sku, 2);
            }));
        }
        go.countDown();
        List<Reply> outcomes = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            outcomes.add(reply.get());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(r -> r.status() == 201).hasSize(10)
                .allSatisfy(r -> assertThat(r.body().path("status").asText()).isEqualTo("PAID"));
        assertThat(outcomes).filteredOn(r -> r.status() == 409).hasSize(40)
                .allSatisfy(r -> assertThat(r.problemCode()).isEqualTo("out-of-stock"));
        assertThat(available(sku)).isZero();
        BigDecimal total = BigDecimal.ZERO;
        for (String token : tokens) {
            JsonNode wallet = wallet(token);
            assertThat(wallet.path("frozen").asText()).isEqualTo("0.00");
            total = total.add(new BigDecimal(wallet.path("available").asText()));
        }
        // 50 x 10.00 credited, 10 orders x 2 units x 3.00 debited: not a cent more, not a cent less.
        assertThat(total).isEqualByComparingTo("440.00");
    }

    @Test
    void replayWithTheSameKeyReturnsTheFirstResponseAndChargesOnce() {
        String sku = unique("SKU");
        String user = unique("buyer");
        createSku(sku, "5.00", 10);
        credit(user, "20.00");
        String token = api.token(user, "USER");
        String key = key();
        Map<String, Object> body = Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "payNow", true);

        Reply first = api.post("/api/orders", token, key, body);
        Reply replay = api.post("/api/orders", token, key, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(wallet(token).path("available").asText()).isEqualTo("15.00");
        assertThat(available(sku)).isEqualTo(9);

        Reply reuse = api.post("/api/orders", token, key,
                Map.of("items", List.of(Map.of("skuId", sku, "quantity", 2)), "payNow", true));
        assertProblem(reuse, 422, "idempotency-key-reuse");
        assertThat(available(sku)).isEqualTo(9);
    }

    @Test
    void noTokenIs401AndAUserOnAdminPathsIs403() {
        assertProblem(api.get("/api/orders", null), 401, "unauthorized");
        assertProblem(api.get("/api/wallet", "not-a-jwt"), 401, "unauthorized");

        String user = api.token(unique("user"), "USER");
        assertProblem(api.put("/api/admin/skus/X-1", user, Map.of("name", "x", "price", "1.00", "onHand", 1)), 403,
                "forbidden");
        assertProblem(api.post("/api/admin/wallets/someone/credits", user, key(), Map.of("amount", "1.00")), 403,
                "forbidden");
    }

    @Test
    void forgedIdentityHeadersAreIgnored() {
        String sku = unique("SKU");
        String victim = unique("victim");
        createSku(sku, "2.00", 5);
        credit(victim, "10.00");
        String victimToken = api.token(victim, "USER");
        String orderNo = order(victimToken, sku, 1).body().path("orderNo").asText();

        String mallory = api.token(unique("mallory"), "USER");
        Map<String, String> forged = Map.of("X-User-Id", victim, "X-User-Roles", "ADMIN", "X-Internal-Token", "guess");
        Reply theirOrder = api.send("GET", "/api/orders/" + orderNo, mallory, null, null, forged);
        Reply theirWallet = api.send("GET", "/api/wallet", mallory, null, null, forged);
        Reply adminPath = api.send("PUT", "/api/admin/skus/" + sku, mallory, null,
                Map.of("name", "pwned", "price", "0.01", "onHand", 0), forged);

        assertProblem(theirOrder, 404, "not-found");
        assertThat(theirWallet.body().path("available").asText()).isEqualTo("0.00");
        assertThat(theirWallet.body().path("userId").asText()).isNotEqualTo(victim);
        assertProblem(adminPath, 403, "forbidden");
        assertThat(available(sku)).isEqualTo(4);
    }

    @Test
    void internalEndpointsAreNotReachableThroughTheGateway() {
        String token = api.token(unique("user"), "USER");
        Reply reply = api.send("GET", "/internal/skus?ids=SKU-1", admin, null, null,
                Map.of("X-Internal-Token", "system-test-token"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(api.post("/internal/wallet-freezes", token, null,
                Map.of("orderNo", "O-1", "userId", "u", "amount", "1.00")).status()).isEqualTo(404);
    }

    @Test
    void badInputIsA400ProblemAndChangesNothing() {
        String sku = unique("SKU");
        createSku(sku, "1.00", 5);
        String token = api.token(unique("buyer"), "USER");

        Reply malformed = api.sendRaw("POST", "/api/orders", token, key(), "{\"items\": [", Map.of());
        Reply negative = api.post("/api/orders", token, key(),
                Map.of("items", List.of(Map.of("skuId", sku, "quantity", -1))));
        Reply noKey = api.post("/api/orders", token, null, Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1))));
        Reply floatMoney = api.put("/api/admin/skus/" + sku, admin, "{\"name\":\"x\",\"price\":1.5,\"onHand\":5}");

        assertProblem(malformed, 400, "validation-failed");
        assertProblem(negative, 400, "validation-failed");
        assertThat(negative.body().path("errors").toString()).contains("quantity");
        assertProblem(noKey, 400, "validation-failed");
        assertProblem(floatMoney, 400, "validation-failed");
        assertThat(available(sku)).isEqualTo(5);
    }

    @Test
    void requestIdIsEchoedOrGenerated() {
        String token = api.token(unique("user"), "USER");
        Reply echoed = api.send("GET", "/api/wallet", token, null, null, Map.of("X-Request-Id", "req-e2e-42"));
        Reply generated = api.get("/api/wallet", token);

        assertThat(echoed.header("X-Request-Id")).isEqualTo("req-e2e-42");
        assertThat(generated.header("X-Request-Id")).isNotBlank();
    }
}
