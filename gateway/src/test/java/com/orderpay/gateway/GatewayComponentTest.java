package com.orderpay.gateway;

import static com.orderpay.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.gateway.support.GatewayClient;
import com.orderpay.gateway.support.GatewayClient.Reply;
import com.orderpay.gateway.support.RecordingDownstream;
import com.orderpay.gateway.support.RecordingDownstream.Received;
import com.orderpay.gateway.support.TestRedis;
import com.orderpay.gateway.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import com.orderpay.devstack.RawHttp;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on a real port with a real Redis, in front of in-test HTTP servers standing in for the four
 * services (found through the static discovery list, {@code lb://<service>}), which record what they receive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderpay.jwt.secret=" + TestTokens.SECRET,
        "orderpay.identity.internal-token=" + SharedInfrastructure.INTERNAL_TOKEN,
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        "orderpay.gateway.max-request-body=64KB"})
@AutoConfigureObservability
// The dev-token endpoint exists under the local profile only, which is never a default: asked for here.
@ActiveProfiles("local")
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class GatewayComponentTest {

    private static final RecordingDownstream ORDERS = RecordingDownstream.start("order-service");
    private static final RecordingDownstream INVENTORY = RecordingDownstream.start("inventory-service");
    private static final RecordingDownstream WALLET = RecordingDownstream.start("wallet-service");
    private static final RecordingDownstream OPERATIONS = RecordingDownstream.start("compensation-service");
    private static final List<RecordingDownstream> SERVICES = List.of(ORDERS, INVENTORY, WALLET, OPERATIONS);
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", ORDERS::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.inventory-service[0].uri", INVENTORY::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.wallet-service[0].uri", WALLET::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.compensation-service[0].uri", OPERATIONS::baseUrl);
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        SERVICES.forEach(RecordingDownstream::clear);
        gateway = new GatewayClient(port);
    }

    @AfterAll
    static void stopServices() {
        SERVICES.forEach(RecordingDownstream::close);
    }

    @Test
    void validTokenReachesTheServiceWithTheVerifiedIdentity() {
        Reply reply = gateway.get("/api/orders/o-1?status=PAID", TestTokens.user("alice"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("service").asText()).isEqualTo("order-service");
        Received seen = ORDERS.last();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.path()).isEqualTo("/api/orders/o-1");
        assertThat(seen.query()).isEqualTo("status=PAID");
        assertThat(seen.header("X-User-Id")).isEqualTo("alice");
        assertThat(seen.header("X-User-Roles")).isEqualTo("USER");
        assertThat(seen.header("X-Internal-Token")).isEqualTo(SharedInfrastructure.INTERNAL_TOKEN);
        assertThat(seen.hasHeader("Authorization")).as("the bearer token stays at the edge").isFalse();
    }

    @Test
    void adminRolesArePassedCommaSeparated() {
        gateway.get("/api/admin/alerts?since=2026-01-01T00:00:00Z", TestTokens.admin("root_1"));

        Received seen = OPERATIONS.last();
        assertThat(seen.header("X-User-Id")).isEqualTo("root_1");
        assertThat(seen.header("X-User-Roles")).isEqualTo("ADMIN,USER");
    }

    @Test
    void clientSentIdentityInternalAndTransactionHeadersNeverReachTheService() {
        Reply reply = gateway.post("/api/orders", TestTokens.user("alice"), "{\"items\":[{\"skuId\":\"SKU-1\",\"quantity\":2}]}",
                "X-User-Id", "mallory",
                "X-User-Roles", "ADMIN",
                "X-Internal-Token", "forged-internal-token",
                "X-User-Email", "mallory@example.com",
                "TX_XID", "127.0.0.1:8091:4242",
                "Idempotency-Key", "k-123");

        assertThat(reply.status()).isEqualTo(200);
        Received seen = ORDERS.last();
        assertThat(seen.headers().get("x-user-id")).containsExactly("alice");
        assertThat(seen.headers().get("x-user-roles")).containsExactly("USER");
        assertThat(seen.headers().get("x-internal-token")).containsExactly(SharedInfrastructure.INTERNAL_TOKEN);
        assertThat(seen.hasHeader("X-User-Email")).isFalse();
        assertThat(seen.hasHeader("TX_XID")).as("a client must not join a Seata transaction").isFalse();
        assertThat(seen.header("Idempotency-Key")).isEqualTo("k-123");
        assertThat(seen.body()).isEqualTo("{\"items\":[{\"skuId\":\"SKU-1\",\"quantity\":2}]}");
    }

    @Test
    void everyPublicPathGoesToItsService() {
        String admin = TestTokens.admin("ops");
        Map<String, RecordingDownstream> routes = new java.util.LinkedHashMap<>();
        routes.put("GET /api/orders", ORDERS);
        routes.put("POST /api/orders/o-1/payment", ORDERS);
        routes.put("GET /api/skus", INVENTORY);
        routes.put("GET /api/skus/SKU-1", INVENTORY);
        routes.put("PUT /api/admin/skus/SKU-1", INVENTORY);
        routes.put("POST /api/admin/skus/SKU-1/restock", INVENTORY);
        routes.put("GET /api/wallet", WALLET);
        routes.put("GET /api/wallet/ledger", WALLET);
        routes.put("POST /api/admin/wallets/u1/credits", WALLET);
        routes.put("POST /api/admin/reconciliation/runs", OPERATIONS);
        routes.put("GET /api/admin/reconciliation/findings", OPERATIONS);
        routes.put("GET /api/admin/alerts", OPERATIONS);
        routes.put("GET /api/admin/orders", ORDERS);
        routes.put("GET /api/admin/orders/o-1", ORDERS);
        routes.put("GET /api/admin/skus", INVENTORY);
        routes.put("GET /api/admin/skus/SKU-1/holds", INVENTORY);
        routes.put("GET /api/admin/stock-reservations/o-1", INVENTORY);
        routes.put("GET /api/admin/wallets/u1", WALLET);
        routes.put("GET /api/admin/wallets/u1/ledger", WALLET);
        routes.put("GET /api/admin/funds-freezes/o-1", WALLET);
        routes.put("GET /api/admin/metrics/overview", OPERATIONS);

        routes.forEach((route, service) -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            Reply reply = switch (method) {
                case "GET" -> gateway.get(path, admin);
                case "PUT" -> gateway.put(path, admin, "{}");
                default -> gateway.post(path, admin, "{}");
            };
            assertThat(reply.status()).as(route).isEqualTo(200);
            assertThat(service.last().path()).as(route).isEqualTo(path);
            assertThat(service.last().method()).as(route).isEqualTo(method);
        });
        assertThat(SERVICES.stream().mapToInt(s -> s.received().size()).sum()).isEqualTo(routes.size());
    }

    @Test
    void theConsoleAndTheShopAreServedWithoutATokenAndSignInWithDevTokensLocally() {
        for (String page : List.of("/console/", "/shop/")) {
            Reply reply = gateway.get(page, null);
            assertThat(reply.status()).as(page).isEqualTo(200);
            assertThat(reply.header("Content-Type")).startsWith("text/html");
            assertThat(reply.body()).contains("/ui/orderpay.js").contains("/webjars/alpinejs/dist/cdn.min.js");
            // Only its own scripts run, nothing frames it; locally no identity provider to call.
            assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'",
                    "script-src 'self' 'unsafe-eval';", "connect-src 'self';", "frame-src 'none'",
                    "object-src 'none'", "frame-ancestors 'none'");
            // The same file by its name carries the same policy: a link there does not drop it.
            Reply byName = gateway.get(page + "index.html", null);
            assertThat(byName.status()).as(page + "index.html").isEqualTo(200);
            assertThat(byName.header("Content-Security-Policy")).isEqualTo(reply.header("Content-Security-Policy"));
            assertThat(gateway.get(page + "config.json", null).json().path("method").asText()).isEqualTo("dev-tokens");
        }
        Reply noSlash = gateway.get("/console", null);
        assertThat(noSlash.status()).isEqualTo(301);
        assertThat(noSlash.header("Location")).isEqualTo("/console/");
        for (String asset : List.of("/console/console.js", "/shop/shop.js", "/ui/orderpay.css",
                "/webjars/alpinejs/dist/cdn.min.js", "/webjars/chart.js/dist/chart.umd.js",
                "/vendor/oidc-client-ts/oidc-client-ts.min.js")) {
            assertThat(gateway.get(asset, null).status()).as(asset).isEqualTo(200);
        }
        assertThat(SERVICES.stream().mapToInt(s -> s.received().size()).sum()).isZero();
    }

    @Test
    void noOriginMayCallTheApiFromABrowserUntilOneIsConfigured() {
        Reply preflight = gateway.send("OPTIONS", "/api/orders", null, null, "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,idempotency-key");

        assertProblem(preflight, 403, "forbidden");
        assertThat(preflight.json().path("detail").asText())
                .isEqualTo("Origin https://shop.example.com may not call this API from a browser (CORS); an operator "
                        + "allows a storefront's origin in ORDERPAY_CORS_ALLOWED_ORIGINS");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("X-Request-Id")).isNotBlank();
        // The request itself, as a page would send it, is refused the same way and goes no further.
        Reply call = gateway.post("/api/orders", null, "{}", "Origin", "https://shop.example.com");
        assertProblem(call, 403, "forbidden");
        assertThat(ORDERS.received()).isEmpty();
    }

    @Test
    void missingTokenIs401ProblemWithBearerChallenge() {
        Reply reply = gateway.get("/api/orders", null);

        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertNoServiceWasCalled();
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() {
        String forged = TestTokens.hs256("another-secret-that-is-also-long-enough-0123456789", "alice", List.of("ADMIN"),
                Duration.ofMinutes(5));

        Reply reply = gateway.get("/api/wallet", forged);

        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
        assertNoServiceWasCalled();
    }

    @Test
    void expiredTokenIs401() {
        String expired = TestTokens.hs256(TestTokens.SECRET, "alice", List.of("USER"), Duration.ofMinutes(-5));

        Reply reply = gateway.get("/api/wallet", expired);

        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.json().path("detail").asText()).containsIgnoringCase("expired");
        assertNoServiceWasCalled();
    }

    @Test
    void aTokenWithoutAnExpiryIs401() {
        Reply reply = gateway.get("/api/wallet", TestTokens.hs256WithoutExpiry("alice", List.of("USER")));

        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.json().path("detail").asText()).contains("The token must carry an expiry (exp)");
        assertNoServiceWasCalled();
    }

    @Test
    void aTokenWithoutARoleIs403() {
        for (List<String> roles : List.of(List.<String>of(), List.of("GUEST"))) {
            Reply reply = gateway.get("/api/wallet", TestTokens.hs256(TestTokens.SECRET, "alice", roles,
                    Duration.ofMinutes(10)));

            assertProblem(reply, 403, "forbidden");
        }
        assertNoServiceWasCalled();
    }

    @Test
    void garbageTokenIs401() {
        assertProblem(gateway.get("/api/wallet", "not.a.jwt"), 401, "unauthorized");
        assertNoServiceWasCalled();
    }

    @Test
    void subjectThatIsNotAUserIdIs401() {
        for (String subject : List.of("alice smith", "a".repeat(65), "alice;drop")) {
            String token = TestTokens.hs256(TestTokens.SECRET, subject, List.of("USER"), Duration.ofMinutes(5));
            assertProblem(gateway.get("/api/wallet", token), 401, "unauthorized");
        }
        assertNoServiceWasCalled();
    }

    @Test
    void userWithoutAdminRoleGets403OnAdminPaths() {
        String user = TestTokens.user("alice");

        assertProblem(gateway.get("/api/admin/skus/x", user), 403, "forbidden");
        assertProblem(gateway.put("/api/admin/skus/x", user, "{}"), 403, "forbidden");
        assertProblem(gateway.post("/api/admin/wallets/alice/credits", user, "{\"amount\":\"100.00\"}"), 403, "forbidden");
        assertProblem(gateway.get("/api/admin/alerts", user), 403, "forbidden");
        assertNoServiceWasCalled();
    }

    @Test
    void internalAndUnknownPathsAre404AndNeverForwarded() {
        String admin = TestTokens.admin("ops");

        for (String path : List.of("/internal/anything", "/internal/stock/reservations", "/api/unknown",
                "/api/internal/x", "/order-service/internal/orders", "/actuator/gateway/routes", "/")) {
            assertProblem(gateway.get(path, admin), 404, "not-found");
        }
        assertProblem(gateway.post("/internal/wallets/alice/freezes", admin, "{}"), 404, "not-found");
        assertNoServiceWasCalled();
    }

    @Test
    void pathTricksTowardsInternalEndpointsAreRefused() {
        String admin = TestTokens.admin("ops");

        for (String target : List.of("/api/orders/../internal/x", "/api/orders/%2e%2e/internal/x",
                "/api/orders/..;/internal/x", "/api/wallet/%2F..%2Finternal", "/api/orders/%zz",
                "/api/%61dmin/wallets/u1/credits", "/%61pi/orders", "/api/orders;x=1", "//api/orders",
                "/API/orders", "/api/./orders")) {
            assertProblem(gateway.raw("GET", target, admin), 400, "validation-failed");
        }
        assertNoServiceWasCalled();
    }

    @Test
    void anHttp11RequestWithoutHostIsRefusedAndOneWithItOrAnHttp10OneIsServed() {
        String token = "Authorization: Bearer " + TestTokens.user("u1") + "\r\n";

        Reply hostless = gateway.rawHead("GET /api/skus HTTP/1.1\r\nConnection: close\r\n" + token);
        assertThat(assertProblem(hostless, 400, "validation-failed").path("detail").asText())
                .isEqualTo("An HTTP/1.1 request must carry a Host header (RFC 9112)");
        assertThat(INVENTORY.received()).isEmpty();

        assertThat(gateway.rawHead("GET /api/skus HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + token)
                .status()).isEqualTo(200);
        assertThat(gateway.rawHead("GET /api/skus HTTP/1.0\r\n" + token).status()).isEqualTo(200);
    }

    @Test
    void methodsNothingServesAre405ProblemsAndEchoNothing() {
        for (String method : List.of("TRACE", "FOO", "PROPFIND")) {
            Reply reply = gateway.rawHead(method + " /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + TestTokens.user("u1") + "\r\n");
            assertThat(assertProblem(reply, 405, "method-not-allowed").path("detail").asText())
                    .isEqualTo("Method '" + method + "' is not supported.");
            assertThat(reply.header("Allow")).isEqualTo("GET, HEAD, POST, PUT, OPTIONS");
            assertThat(reply.body()).doesNotContain("Bearer");
        }
        assertNoServiceWasCalled();
    }

    @Test
    void requestsNettyCannotDecodeAreProblemsToo() {
        RawHttp.Response headers = RawHttp.send(port, "GET", "/api/wallet",
                Map.of("Authorization", "Bearer " + TestTokens.user("u1"), "X-Padding", "p".repeat(16 * 1024)), null);
        RawHttp.Response line = RawHttp.send(port, "GET", "/api/orders?q=" + "x".repeat(8 * 1024), Map.of(), null);
        RawHttp.Response badHeader = RawHttp.send(port, "GET", "/api/wallet", Map.of("X-Bad", "a\u0001b"), null);

        assertThat(headers.status()).as(headers.body()).isEqualTo(431);
        assertThat(line.status()).as(line.body()).isEqualTo(414);
        assertThat(badHeader.status()).as(badHeader.body()).isEqualTo(400);
        for (RawHttp.Response response : List.of(headers, line, badHeader)) {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.problemCode()).isEqualTo("validation-failed");
            assertThat(response.header("X-Request-Id")).isNotBlank();
        }
        assertNoServiceWasCalled();
    }

    @Test
    void devTokensMintedUnderTheLocalProfileAuthenticate() throws Exception {
        Reply minted = gateway.post("/api/dev/tokens", null, "{\"userId\":\"bob\",\"roles\":[\"USER\"]}");

        assertThat(minted.status()).isEqualTo(200);
        String token = minted.json().path("token").asText();
        JsonNode claims = new ObjectMapper().readTree(
                Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("sub").asText()).isEqualTo("bob");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(Duration.ofHours(12).toSeconds());

        assertThat(gateway.get("/api/wallet", token).status()).isEqualTo(200);
        assertThat(WALLET.last().header("X-User-Id")).isEqualTo("bob");
        assertThat(WALLET.last().header("X-User-Roles")).isEqualTo("USER");
        assertProblem(gateway.get("/api/admin/alerts", token), 403, "forbidden");

        String adminToken = gateway.post("/api/dev/tokens", null, "{\"userId\":\"ops\",\"roles\":[\"ADMIN\",\"USER\"]}")
                .json().path("token").asText();
        assertThat(gateway.get("/api/admin/alerts", adminToken).status()).isEqualTo(200);
        assertThat(OPERATIONS.last().header("X-User-Roles")).isEqualTo("ADMIN,USER");
    }

    @Test
    void devTokenRequestsAreValidated() {
        Map<String, String> invalid = Map.of(
                "{\"userId\":\"bob smith\",\"roles\":[\"USER\"]}", "userId",
                "{\"userId\":\"" + "b".repeat(65) + "\",\"roles\":[\"USER\"]}", "userId",
                "{\"roles\":[\"USER\"]}", "userId",
                "{\"userId\":\"bob\",\"roles\":[\"ROOT\"]}", "roles[0]",
                "{\"userId\":\"bob\",\"roles\":[]}", "roles",
                "{\"userId\":\"bob\"}", "roles");
        invalid.forEach((body, field) -> {
            JsonNode problem = assertProblem(gateway.post("/api/dev/tokens", null, body), 400, "validation-failed");
            assertThat(problem.path("errors").findValuesAsText("field")).as(body).contains(field);
        });

        assertProblem(gateway.post("/api/dev/tokens", null, "{\"userId\":"), 400, "validation-failed");
        assertProblem(gateway.post("/api/dev/tokens", null, "[1,2]"), 400, "validation-failed");
        // Jackson's words (our class names, its features) never reach the client; a field twice is a 400, not a 500
        for (String body : List.of("[1,2]", "{\"userId\":\"x\",\"roles\":[\"USER\"],\"userId\":\"ops\"}",
                "{\"userId\":\"x\",\"roles\":[\"USER\"]}garbage")) {
            JsonNode problem = assertProblem(gateway.post("/api/dev/tokens", null, body), 400, "validation-failed");
            assertThat(problem.path("detail").asText()).as(body).startsWith("Malformed request: the body is not the JSON")
                    .doesNotContain("com.orderpay", "java.", "Feature");
        }
    }

    @Test
    void serviceSlowerThanTheResponseTimeoutIs503() {
        long started = System.nanoTime();

        Reply reply = gateway.get("/api/orders/slow", TestTokens.user("alice"));

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        JsonNode problem = assertProblem(reply, 503, "service-unavailable");
        assertThat(problem.path("detail").asText()).contains("order-service");
        assertThat(tookMillis).isLessThan(RecordingDownstream.SLOW_MILLIS);
        assertThat(ORDERS.count("/api/orders/slow")).as("never retried").isEqualTo(1);
    }

    /** A client that gives up before the answer got nothing: its access line must not say 200 (the default status). */
    @Test
    void aClientThatLeavesBeforeTheAnswerIsLoggedAs499(CapturedOutput output) throws Exception {
        String requestId = "client-leaves-" + System.nanoTime();
        long before = ORDERS.count("/api/orders/slow");
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
            client.getOutputStream().write(("GET /api/orders/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: " + requestId
                    + "\r\nAuthorization: Bearer " + TestTokens.user("alice") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            // Leave as soon as the service has the request: the gateway's 1 s response timeout counts from there.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> ORDERS.count("/api/orders/slow") > before);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[req=" + requestId + "\\].*GET /api/orders/slow -> 499 \\(the client went away before the answer\\)"));
        assertThat(output.getOut()).doesNotContainPattern("\\[req=" + requestId + "\\].*-> (200|503)");
    }

    @Test
    void serviceThatClosesTheConnectionWithoutAnAnswerIs503() {
        Reply reply = gateway.post("/api/orders/o-1/drop", TestTokens.user("alice"), "{}", "Idempotency-Key", "pay-1");

        assertProblem(reply, 503, "service-unavailable");
        assertThat(ORDERS.count("/api/orders/o-1/drop")).isEqualTo(1);
    }

    @Test
    void serviceProblemsPassThroughUnchanged() {
        Reply reply = gateway.post("/api/orders/o-1/conflict", TestTokens.user("alice"), "{}");

        assertProblem(reply, 409, "order-not-payable");
        assertThat(reply.json().path("detail").asText()).isEqualTo("Order o-1 is CANCELLED");
    }

    @Test
    void saneRequestIdIsEchoedAndSentDownstream() {
        Reply reply = gateway.get("/api/skus", TestTokens.user("alice"), "X-Request-Id", "checkout-42.a:b_c");

        assertThat(reply.header("X-Request-Id")).isEqualTo("checkout-42.a:b_c");
        assertThat(INVENTORY.last().headers().get("x-request-id")).containsExactly("checkout-42.a:b_c");
    }

    @Test
    void missingOrInsaneRequestIdIsReplacedByAGeneratedOne() {
        Reply none = gateway.get("/api/skus", TestTokens.user("alice"));
        assertThat(none.header("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(INVENTORY.last().header("X-Request-Id")).isEqualTo(none.header("X-Request-Id"));

        for (String insane : List.of("has spaces", "x".repeat(129), "semi;colon", "<script>")) {
            Reply reply = gateway.get("/api/skus", TestTokens.user("alice"), "X-Request-Id", insane);
            assertThat(reply.header("X-Request-Id")).matches(UUID_PATTERN);
            assertThat(INVENTORY.last().headers().get("x-request-id")).containsExactly(reply.header("X-Request-Id"));
        }
    }

    @Test
    void gatewayErrorsCarryTheRequestIdAndTheLogsShowIt(CapturedOutput output) {
        Reply reply = gateway.get("/api/orders", null, "X-Request-Id", "trace-me-401");

        assertProblem(reply, 401, "unauthorized");
        assertThat(reply.header("X-Request-Id")).isEqualTo("trace-me-401");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getOut()).containsPattern("\\[req=trace-me-401\\].*GET /api/orders -> 401"));
    }

    /**
     * Reactor does not restore thread locals on every hop here (context propagation LIMITED): the caller's trace still
     * goes downstream, and the access line still carries it, taken from the exchange.
     */
    @Test
    void theCallersTraceGoesDownstreamAndIntoTheAccessLog(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        Reply reply = gateway.get("/api/skus", TestTokens.user("alice"), "traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(INVENTORY.last().header("traceparent")).startsWith("00-" + traceId + "-");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut()).containsPattern(
                "\\[" + traceId + ",[0-9a-f]{16}\\] \\[req=" + reply.header("X-Request-Id") + "\\].*GET /api/skus -> 200"));
    }

    @Test
    void oversizedBodiesAre413ProblemsAndNotForwarded() {
        String big = "{\"note\":\"" + "a".repeat(80 * 1024) + "\"}";

        Reply declared = gateway.post("/api/orders", TestTokens.user("alice"), big);
        assertProblem(declared, 413, "validation-failed");

        Reply chunked = gateway.postChunked("/api/orders", TestTokens.user("alice"), big.getBytes(StandardCharsets.UTF_8));
        assertProblem(chunked, 413, "validation-failed");

        assertThat(ORDERS.received()).noneMatch(r -> r.body().length() > 64 * 1024);
    }

    @Test
    void actuatorProbesAndMetricsNeedNoToken() {
        assertThat(gateway.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(gateway.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        gateway.get("/api/orders", null);
        Reply prometheus = gateway.get("/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("orderpay_gateway_rejections_total{application=\"gateway\",reason=\"unauthorized\"}");
    }

    private static void assertNoServiceWasCalled() {
        assertThat(Stream.of(ORDERS, INVENTORY, WALLET, OPERATIONS).flatMap(s -> s.received().stream()).toList()).isEmpty();
    }
}
