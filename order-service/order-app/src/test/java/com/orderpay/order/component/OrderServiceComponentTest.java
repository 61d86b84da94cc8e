package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.order.component.OrderpayNeighbours.Sibling;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * order-service in this JVM, its real neighbours around it ({@link OrderpayNeighbours}), driven over HTTP the
 * way the gateway drives it (internal token and identity headers). Every subclass has this same configuration,
 * so they share one Spring context. Fixtures go through the siblings' admin APIs; checks read their APIs or,
 * read-only, their databases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Metrics are exported as in production (tests switch exporters off by default).
@AutoConfigureObservability
abstract class OrderServiceComponentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String PAYMENT_TIMEOUT = "PT10M";
    static final String SCAN_INTERVAL = "PT1S";

    @DynamicPropertySource
    static void neighbourhood(DynamicPropertyRegistry registry) {
        OrderpayNeighbours.get().orderServiceProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("orderpay.order.payment-timeout", () -> PAYMENT_TIMEOUT);
        // Holds not released at once are retried by the scan: soon, in these tests.
        registry.add("orderpay.order.expiry-scan-interval", () -> SCAN_INTERVAL);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate orderDb;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    static OrderpayNeighbours neighbours() {
        return OrderpayNeighbours.get();
    }

    /**
     * Each test starts with order-service's circuits to its siblings closed and empty: an outage a previous test made
     * (and saw end) does not refuse the next test's first calls for the rest of the open state, nor its burst while
     * probing (a half-open circuit admits 3 calls), nor count that test's failures in the next one's window. Recovery
     * after an outage is asserted by the outage tests themselves.
     */
    @BeforeEach
    void circuitsNotLeftOpenByAnEarlierTest() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() ->
                circuitBreakers.getAllCircuitBreakers().stream()
                        .noneMatch(breaker -> breaker.getState() == CircuitBreaker.State.OPEN));
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    record Reply(int status, JsonNode body, String contentType, String raw, String retryAfter) {

        String problemCode() {
            String type = body.path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    String orderUrl(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static Reply send(String method, String url, String userId, String roles, Map<String, String> headers,
            String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-Internal-Token", SharedInfrastructure.INTERNAL_TOKEN);
        if (userId != null) {
            request.header("X-User-Id", userId).header("X-User-Roles", roles);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = raw == null || raw.isBlank() || !contentType.contains("json") ? JSON.nullNode()
                    : JSON.readTree(raw);
            return new Reply(response.statusCode(), json, contentType, raw,
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /api/orders} as a user, with an Idempotency-Key unless it is null. */
    Reply placeRaw(String userId, String idempotencyKey, String body) {
        return placeRawAt(orderUrl(""), userId, idempotencyKey, body);
    }

    static Reply placeRawAt(String baseUrl, String userId, String idempotencyKey, String body) {
        Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
        return send("POST", baseUrl + "/api/orders", userId, "USER", headers, body);
    }

    /** A pay-later (or pay-now) order of one SKU placed on the order-service at {@code baseUrl}. */
    static Reply placeAt(String baseUrl, String userId, String skuId, int quantity, boolean payNow) {
        return placeRawAt(baseUrl, userId, key(), json(orderOf(skuId, quantity, payNow)));
    }

    /** {@code POST /api/orders/{orderNo}/payment} with this Idempotency-Key. */
    static Reply payAt(String baseUrl, String userId, String orderNo, String idempotencyKey) {
        return send("POST", baseUrl + "/api/orders/" + orderNo + "/payment", userId, "USER",
                Map.of("Idempotency-Key", idempotencyKey), null);
    }

    /** {@code POST /api/orders/{orderNo}/cancellation}, with an Idempotency-Key unless it is null. */
    static Reply cancelAt(String baseUrl, String userId, String orderNo, String idempotencyKey) {
        return send("POST", baseUrl + "/api/orders/" + orderNo + "/cancellation", userId, "USER",
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey), null);
    }

    static Reply getOrderAt(String baseUrl, String userId, String orderNo) {
        return send("GET", baseUrl + "/api/orders/" + orderNo, userId, "USER", Map.of(), null);
    }

    Reply pay(String userId, String orderNo, String idempotencyKey) {
        return payAt(orderUrl(""), userId, orderNo, idempotencyKey);
    }

    Reply pay(String userId, String orderNo) {
        return pay(userId, orderNo, key());
    }

    Reply cancel(String userId, String orderNo) {
        return cancelAt(orderUrl(""), userId, orderNo, null);
    }

    Reply place(String userId, String idempotencyKey, Map<String, Object> body) {
        return placeRaw(userId, idempotencyKey, json(body));
    }

    static Map<String, Object> orderOf(String skuId, int quantity, boolean payNow) {
        return Map.of("items", List.of(Map.of("skuId", skuId, "quantity", quantity)), "payNow", payNow);
    }

    Reply place(String userId, String skuId, int quantity, boolean payNow) {
        return place(userId, key(), orderOf(skuId, quantity, payNow));
    }

    Reply getOrder(String userId, String orderNo) {
        return send("GET", orderUrl("/api/orders/" + orderNo), userId, "USER", Map.of(), null);
    }

    Reply listOrders(String userId, String query) {
        return send("GET", orderUrl("/api/orders" + query), userId, "USER", Map.of(), null);
    }

    // ---- fixtures, through the siblings' admin APIs ---------------------------------------------------------

    /** A new SKU on inventory-service's shelf. */
    static String skuWith(long onHand, String price) {
        String skuId = unique("SKU");
        Reply reply = send("PUT", neighbours().inventory().baseUrl() + "/api/admin/skus/" + skuId, "admin", "ADMIN",
                Map.of(), json(Map.of("name", "Item " + skuId, "price", price, "onHand", onHand)));
        assertThat(reply.status()).as("create SKU: %s", reply.raw()).isIn(200, 201);
        return skuId;
    }

    /** A user with this much in their wallet (wallet-service's top-up). */
    static String userWith(String amount) {
        String userId = unique("u");
        credit(userId, amount);
        return userId;
    }

    static void credit(String userId, String amount) {
        Reply reply = send("POST", neighbours().wallet().baseUrl() + "/api/admin/wallets/" + userId + "/credits",
                "admin", "ADMIN", Map.of("Idempotency-Key", key()), json(Map.of("amount", amount)));
        assertThat(reply.status()).as("credit: %s", reply.raw()).isIn(200, 201);
    }

    // ---- checks, through the siblings' APIs -----------------------------------------------------------------

    record Stock(long onHand, long reserved, long available, long sold) {
    }

    static Stock stock(String skuId) {
        Reply reply = send("GET", neighbours().inventory().baseUrl() + "/internal/skus?ids=" + skuId, null, null,
                Map.of(), null);
        assertThat(reply.status()).as("stock: %s", reply.raw()).isEqualTo(200);
        JsonNode sku = reply.body().get(0);
        return new Stock(sku.path("onHand").asLong(), sku.path("reserved").asLong(), sku.path("available").asLong(),
                sku.path("sold").asLong());
    }

    /** The status of the order's stock reservation in inventory (TRYING, HELD, SELLING, SOLD, CANCELLED, RELEASED). */
    static String reservationStatus(String orderNo) {
        Reply reply = send("GET", neighbours().inventory().baseUrl() + "/internal/stock-reservations/" + orderNo, null,
                null, Map.of(), null);
        assertThat(reply.status()).as("reservation: %s", reply.raw()).isEqualTo(200);
        return reply.body().path("status").asText();
    }

    /** The state of the order's payment_deadline row (PENDING, RELEASING, DONE), or null without one. */
    static String deadlineState(JdbcTemplate orderDatabase, String orderNo) {
        List<String> states = orderDatabase.queryForList("SELECT state FROM payment_deadline WHERE order_no = ?",
                String.class, orderNo);
        return states.isEmpty() ? null : states.get(0);
    }

    record Wallet(BigDecimal available, BigDecimal frozen) {
    }

    static Wallet wallet(String userId) {
        Reply reply = send("GET", neighbours().wallet().baseUrl() + "/internal/wallets/" + userId, null, null,
                Map.of(), null);
        assertThat(reply.status()).as("wallet: %s", reply.raw()).isEqualTo(200);
        return new Wallet(new BigDecimal(reply.body().path("available").asText()),
                new BigDecimal(reply.body().path("frozen").asText()));
    }

    static Wallet wallet(String available, String frozen) {
        return new Wallet(new BigDecimal(available), new BigDecimal(frozen));
    }

    record LedgerEntry(String type, BigDecimal amount, String orderNo) {
    }

    /** The user's whole ledger, oldest first. */
    static List<LedgerEntry> ledger(String userId) {
        List<LedgerEntry> entries = new ArrayList<>();
        String cursor = null;
        do {
            Reply reply = send("GET", neighbours().wallet().baseUrl() + "/api/wallet/ledger?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), userId, "USER", Map.of(), null);
            assertThat(reply.status()).as("ledger: %s", reply.raw()).isEqualTo(200);
            for (JsonNode entry : reply.body().path("entries")) {
                entries.add(new LedgerEntry(entry.path("type").asText(), new BigDecimal(entry.path("amount").asText()),
                        entry.path("orderNo").isMissingNode() || entry.path("orderNo").isNull() ? null
                                : entry.path("orderNo").asText()));
            }
            cursor = reply.body().path("nextCursor").isTextual() ? reply.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        java.util.Collections.reverse(entries);
        return entries;
    }

    static List<String> ledgerTypes(String userId) {
        return ledger(userId).stream().map(LedgerEntry::type).toList();
    }

    /** Fence rows (status 1 tried, 2 committed, 3 rolled back, 4 suspended) of a global transaction, by database. */
    Map<String, List<Integer>> fenceStatusesByDatabase(String xid) {
        Map<String, List<Integer>> byDatabase = new LinkedHashMap<>();
        byDatabase.put("order_db", fenceStatuses(orderDb, xid));
        for (Sibling sibling : List.of(neighbours().inventory(), neighbours().wallet())) {
            byDatabase.put(sibling.database(), fenceStatuses(neighbours().readOnlyDatabaseOf(sibling), xid));
        }
        return byDatabase;
    }

    private static List<Integer> fenceStatuses(JdbcTemplate db, String xid) {
        return db.queryForList("SELECT status FROM tcc_fence_log WHERE xid = ? ORDER BY branch_id", Integer.class, xid);
    }

    String placedXidOf(String orderNo) {
        return orderDb.queryForObject("SELECT placed_xid FROM customer_order WHERE order_no = ?", String.class, orderNo);
    }

    List<String> orderStatusesOf(String userId) {
        return orderDb.queryForList("SELECT status FROM customer_order WHERE user_id = ?", String.class, userId);
    }
}
