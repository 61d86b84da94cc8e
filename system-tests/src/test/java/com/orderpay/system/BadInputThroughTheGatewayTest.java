package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.RawHttp;
import com.orderpay.system.Storefront.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public API fed what an attacker or a broken client sends. Every case answers the documented problem+json code,
 * says nothing about the inside (no stack trace, class or SQL), and leaves the stock and the money as they were.
 */
class BadInputThroughTheGatewayTest {

    /** The gateway's HS256 key under the local profile (application.yml): tokens forged with it are "valid". */
    private static final String LOCAL_SECRET = "local-only-orderpay-jwt-secret-never-use-outside-a-laptop-0123456789";

    private static Storefront api;
    private static String admin;
    private static String sku;
    private static String buyer;
    private static String buyerToken;
    private static String othersOrder;

    private JsonNode skuBefore;
    private JsonNode walletBefore;
    private int ledgerBefore;

    @BeforeAll
    static void startSystem() {
        api = RunningSystem.storefront();
        admin = api.token("bad-input-admin", "ADMIN", "USER");
        sku = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        buyer = "buyer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/admin/skus/" + sku, admin, Map.of("name", "Target", "price", "2.50", "onHand", 20))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/admin/wallets/" + buyer + "/credits", admin, key(), Map.of("amount", "100.00"))
                .status()).isEqualTo(200);
        buyerToken = api.token(buyer, "USER");
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/admin/wallets/" + other + "/credits", admin, key(), Map.of("amount", "10.00"));
        // Paid now: an unpaid one would expire during the tests (the system runs with a short payment timeout).
        Reply placed = api.post("/api/orders", api.token(other, "USER"), key(),
                Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "payNow", true));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        othersOrder = placed.body().path("orderNo").asText();
    }

    @BeforeEach
    void snapshot() {
        skuBefore = figures();
        walletBefore = api.read("/api/wallet", buyerToken).body();
        ledgerBefore = ledgerSize();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static JsonNode figures() {
        return api.read("/api/admin/skus/" + sku, admin).body();
    }

    private static int ledgerSize() {
        return api.read("/api/wallet/ledger?limit=100", buyerToken).body().path("entries").size();
    }

    private void assertNothingMoved() {
        assertThat(figures()).as("stock").isEqualTo(skuBefore);
        assertThat(api.read("/api/wallet", buyerToken).body()).as("money").isEqualTo(walletBefore);
        assertThat(ledgerSize()).as("ledger").isEqualTo(ledgerBefore);
    }

    private static void expect(SoftAssertions softly, String what, Reply reply, int status, String code) {
        softly.assertThat(reply.status()).as(what + ": " + reply.raw().body()).isEqualTo(status);
        softly.assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
        softly.assertThat(reply.problemCode()).as(what).isEqualTo(code);
        softly.assertThat(reply.body() == null ? "" : reply.body().path("detail").asText()).as(what + ": no internals")
                .doesNotContain("Exception", "at com.", "at org.", "java.", "SQL", "sql");
    }

    private static Reply order(String token, String idempotencyKey, String json) {
        return api.sendRaw("POST", "/api/orders", token, idempotencyKey, json, Map.of());
    }

    @Test
    void tokensThatAreForgedExpiredUnsignedOrMalformedAre401() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims(buyer, now - 7200, now - 3600), LOCAL_SECRET));
        tokens.put("not yet valid", jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"" + buyer + "\",\"roles\":[\"USER\"],\"iat\":" + now + ",\"nbf\":" + (now + 3600) + ",\"exp\":"
                        + (now + 7200) + "}", LOCAL_SECRET));
        tokens.put("wrongly signed", jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims(buyer, now, now + 3600),
                "another-secret-of-at-least-thirty-two-bytes-000000"));
        tokens.put("alg none", base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(claims(buyer, now, now + 3600))
                + ".");
        tokens.put("alg none, admin", base64("{\"alg\":\"none\"}") + "."
                + base64("{\"sub\":\"x\",\"roles\":[\"ADMIN\"],\"exp\":" + (now + 3600) + "}") + ".");
        tokens.put("garbage", "not.a.jwt");
        tokens.put("empty", "");
        tokens.put("bad subject", jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("a b;DROP", now, now + 3600),
                LOCAL_SECRET));
        SoftAssertions softly = new SoftAssertions();
        tokens.forEach((what, token) -> {
            expect(softly, what + " GET", api.get("/api/wallet", token), 401, "unauthorized");
            expect(softly, what + " POST", order(token, key(), "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}]}"),
                    401, "unauthorized");
        });
        softly.assertAll();
        assertNothingMoved();
    }

    @Test
    void forgedIdentityHeadersAreDroppedAtTheEdge() {
        Map<String, String> forged = Map.of("X-User-Id", "bad-input-admin", "X-User-Roles", "ADMIN",
                "X-Internal-Token", "local-dev-internal-token", "TX_XID", "127.0.0.1:8091:123");
        SoftAssertions softly = new SoftAssertions();
        expect(softly, "credit with forged admin", api.send("POST", "/api/admin/wallets/" + buyer + "/credits",
                buyerToken, key(), Map.of("amount", "1000.00"), forged), 403, "forbidden");
        expect(softly, "someone's order", api.send("GET", "/api/orders/" + othersOrder, buyerToken, null, null, forged),
                404, "not-found");
        expect(softly, "no token, forged headers", api.send("GET", "/api/wallet", null, null, null, forged), 401,
                "unauthorized");
        softly.assertAll();
        assertNothingMoved();
    }

    @Test
    void anotherUsersOrderIsNotFoundWhateverIsAsked() {
        SoftAssertions softly = new SoftAssertions();
        expect(softly, "read", api.get("/api/orders/" + othersOrder, buyerToken), 404, "not-found");
        expect(softly, "pay", api.post("/api/orders/" + othersOrder + "/payment", buyerToken, key(), null), 404,
                "not-found");
        expect(softly, "cancel", api.post("/api/orders/" + othersOrder + "/cancellation", buyerToken, key(), null), 404,
                "not-found");
        expect(softly, "unknown", api.get("/api/orders/O0000000000ZZZZZZZZZZZZZZ", buyerToken), 404, "not-found");
        softly.assertAll();
        assertNothingMoved();
    }

    @Test
    void ordersWithImpossibleContentAre400() {
        String line = "{\"skuId\":\"" + sku + "\",\"quantity\":%s}";
        List<String> tooMany = IntStream.range(0, 51).mapToObj(i -> "{\"skuId\":\"S-" + i + "\",\"quantity\":1}").toList();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("negative quantity", "{\"items\":[" + line.formatted("-1") + "]}");
        bodies.put("zero quantity", "{\"items\":[" + line.formatted("0") + "]}");
        bodies.put("huge quantity", "{\"items\":[" + line.formatted("1001") + "]}");
        bodies.put("overflowing quantity", "{\"items\":[" + line.formatted("99999999999999999999") + "]}");
        bodies.put("fractional quantity", "{\"items\":[" + line.formatted("1.5") + "]}");
        bodies.put("quantity as text", "{\"items\":[" + line.formatted("\"two\"") + "]}");
        bodies.put("no items", "{\"items\":[]}");
        bodies.put("items not a list", "{\"items\":{\"skuId\":\"" + sku + "\"}}");
        bodies.put("too many items", "{\"items\":[" + String.join(",", tooMany) + "]}");
        bodies.put("duplicate SKUs", "{\"items\":[" + line.formatted("1") + "," + line.formatted("2") + "]}");
        bodies.put("payNow not a boolean", "{\"items\":[" + line.formatted("1") + "],\"payNow\":\"yes\"}");
        bodies.put("payNow as text", "{\"items\":[" + line.formatted("1") + "],\"payNow\":\"false\"}");
        bodies.put("a misspelt field", "{\"items\":[" + line.formatted("1") + "],\"paynow\":false}");
        bodies.put("quantity as a numeric string", "{\"items\":[" + line.formatted("\"2\"") + "]}");
        bodies.put("SQL in a SKU id", "{\"items\":[{\"skuId\":\"x' OR '1'='1\",\"quantity\":1}]}");
        bodies.put("SQL comment in a SKU id", "{\"items\":[{\"skuId\":\"SKU-1;DROP TABLE sku;--\",\"quantity\":1}]}");
        bodies.put("control character in a SKU id", "{\"items\":[{\"skuId\":\"SKU\\u0000-1\",\"quantity\":1}]}");
        bodies.put("newline in a SKU id", "{\"items\":[{\"skuId\":\"SKU\\n1\",\"quantity\":1}]}");
        bodies.put("malformed JSON", "{\"items\": [");
        bodies.put("not JSON", "items=1");
        bodies.put("JSON array", "[]");
        bodies.put("empty body", "");
        SoftAssertions softly = new SoftAssertions();
        bodies.forEach((what, body) -> expect(softly, what, order(buyerToken, key(), body), 400, "validation-failed"));
        Reply oversized = order(buyerToken, key(), "{\"items\":[" + line.formatted("1") + "],\"pad\":\""
                + "x".repeat(300 * 1024) + "\"}");
        softly.assertThat(oversized.status()).as("oversized JSON").isEqualTo(413);
        softly.assertThat(oversized.problemCode()).isEqualTo("validation-failed");
        softly.assertAll();
        assertNothingMoved();
    }

    @Test
    void moneyThatIsNotTwoDecimalsInAStringIs400() {
        Map<String, Object> amounts = new LinkedHashMap<>();
        amounts.put("a JSON number", 10.5);
        amounts.put("an integer", 10);
        amounts.put("three decimals", "10.001");
        amounts.put("one decimal", "10.5");
        amounts.put("negative", "-10.00");
        amounts.put("zero", "0.00");
        amounts.put("huge", "100000000000000000000.00");
        amounts.put("exponent", "1E+3");
        amounts.put("text", "ten");
        amounts.put("null", null);
        SoftAssertions softly = new SoftAssertions();
        amounts.forEach((what, amount) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("amount", amount);
            expect(softly, "credit " + what, api.post("/api/admin/wallets/" + buyer + "/credits", admin, key(), body), 400,
                    "validation-failed");
            Map<String, Object> skuBody = new LinkedHashMap<>(Map.of("name", "Target", "onHand", 20));
            skuBody.put("price", amount);
            expect(softly, "price " + what, api.put("/api/admin/skus/" + sku, admin, skuBody), 400, "validation-failed");
        });
        softly.assertAll();
        assertNothingMoved();
    }

    @Test
    void idempotencyKeysAreReplayedRefusedForOtherRequestsAndChecked() {
        String key = key();
        String body = "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}],\"payNow\":true}";
        Reply first = order(buyerToken, key, body);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        JsonNode afterFirst = figures();

        Reply replay = order(buyerToken, key, body);
        Reply conflicting = order(buyerToken, key, body.replace("\"quantity\":1", "\"quantity\":2"));
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(replay.status()).isEqualTo(201);
        softly.assertThat(replay.raw().body()).isEqualTo(first.raw().body());
        expect(softly, "same key, other body", conflicting, 422, "idempotency-key-reuse");
        expect(softly, "no key", order(buyerToken, null, body), 400, "validation-failed");
        expect(softly, "key too long", order(buyerToken, "k".repeat(129), body), 400, "validation-failed");
        softly.assertAll();
        int gateway = RunningSystem.get().port(OrderpayService.GATEWAY);
        for (String badKey : List.of("", " ", "k\u0001ey", "k\u00e9y")) {
            RawHttp.Response refused = RawHttp.send(gateway, "POST", "/api/orders",
                    Map.of("Authorization", "Bearer " + buyerToken, "Idempotency-Key", badKey), body);
            assertThat(refused.status()).as("key [" + badKey + "]: " + refused.body()).isEqualTo(400);
            assertThat(refused.problemCode()).isEqualTo("validation-failed");
        }
        assertThat(figures()).as("one order's stock only").isEqualTo(afterFirst);
    }

    @Test
    void pathsAndMethodsTheApiDoesNotHaveAreProblems() {
        SoftAssertions softly = new SoftAssertions();
        expect(softly, "DELETE an order", api.send("DELETE", "/api/orders/" + othersOrder, buyerToken, null, null,
                Map.of()), 405, "method-not-allowed");
        expect(softly, "PUT the catalogue", api.send("PUT", "/api/skus/" + sku, buyerToken, null, "{}", Map.of()), 405,
                "method-not-allowed");
        expect(softly, "unknown path", api.get("/api/nothing-here", buyerToken), 404, "not-found");
        expect(softly, "traversal", api.sendRaw("GET", "/api/orders/..%2f..%2finternal%2fskus", buyerToken, null, null,
                Map.of()), 400, "validation-failed");
        softly.assertAll();
        assertNothingMoved();
    }

    @Test
    void oversizedHeadersAreA431Problem() {
        int gateway = RunningSystem.get().port(OrderpayService.GATEWAY);
        RawHttp.Response response = RawHttp.send(gateway, "GET", "/api/wallet",
                Map.of("Authorization", "Bearer " + buyerToken, "X-Padding", "p".repeat(16 * 1024)), null);

        assertThat(response.status()).as(response.body()).isEqualTo(431);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("validation-failed");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertNothingMoved();
    }

    @Test
    void floodingAsOneUserIsA429WithRetryAfter() throws Exception {
        String flooder = api.token("flooder-" + UUID.randomUUID().toString().substring(0, 6), "USER");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                replies.add(CompletableFuture.supplyAsync(() -> api.get("/api/wallet", flooder), pool));
            }
            List<Reply> limited = replies.stream().map(CompletableFuture::join).filter(r -> r.status() == 429).toList();

            assertThat(limited).as("some of 400 requests at once are over the limit").isNotEmpty();
            Reply one = limited.get(0);
            assertThat(one.problemCode()).isEqualTo("rate-limited");
            assertThat(one.header("Retry-After")).matches("\\d+");
            assertThat(replies.stream().map(CompletableFuture::join).map(Reply::status)).containsOnly(200, 429);
        } finally {
            pool.shutdown();
        }
        assertNothingMoved();
    }

    private static String claims(String subject, long issuedAt, long expiresAt) {
        return "{\"sub\":\"" + subject + "\",\"roles\":[\"USER\"],\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}";
    }

    private static String jwt(String header, String claims, String secret) {
        String signingInput = base64(header) + "." + base64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
