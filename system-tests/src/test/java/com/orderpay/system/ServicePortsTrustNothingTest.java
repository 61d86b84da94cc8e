package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.OrderpayService;
import com.orderpay.devstack.RawHttp;
import com.orderpay.devstack.OrderpayStack;
import com.orderpay.system.Storefront.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An attacker who reaches a service's own port, past the gateway: every internal and admin route, spelled every way
 * a router might read differently from a guard (percent-encoded letters, another case, {@code ;} parameters,
 * {@code //}, dot segments, an encoded slash), sent with no credential, with a forged identity, and with the internal
 * credential but only the USER role. Each is refused with a 400, 401 or 403 problem, and no stock or money moves.
 */
class ServicePortsTrustNothingTest {

    private static final String TOKEN = "system-test-token";

    private static OrderpayStack stack;
    private static Storefront api;
    private static String admin;
    private static String sku;
    private static String victim;

    /** A route of a service: method, canonical path, body. */
    record Route(OrderpayService service, String method, String path, String body) {

        boolean internal() {
            return path.startsWith("/internal/");
        }
    }

    @BeforeAll
    static void startSystem() {
        stack = RunningSystem.get();
        api = RunningSystem.storefront();
        admin = api.token("sec-admin", "ADMIN", "USER");
        sku = "SEC-" + UUID.randomUUID().toString().substring(0, 8);
        victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/admin/skus/" + sku, admin, Map.of("name", "Guarded", "price", "3.00", "onHand", 10))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/admin/wallets/" + victim + "/credits", admin, UUID.randomUUID().toString(),
                Map.of("amount", "50.00")).status()).isEqualTo(200);
    }

    private static List<Route> routes() {
        String order = "O0000000000" + "ABCDEFGHJKMNPQ";
        return List.of(
                new Route(OrderpayService.ORDER, "GET", "/internal/orders/" + order, null),
                new Route(OrderpayService.INVENTORY, "GET", "/internal/skus?ids=" + sku, null),
                new Route(OrderpayService.INVENTORY, "POST", "/internal/stock-reservations",
                        "{\"orderNo\":\"" + order + "\",\"purpose\":\"SALE\",\"lines\":[{\"skuId\":\"" + sku
                                + "\",\"quantity\":5}]}"),
                new Route(OrderpayService.INVENTORY, "POST", "/internal/stock-reservations/" + order + "/release", null),
                new Route(OrderpayService.INVENTORY, "GET", "/internal/stock-reservations/" + order, null),
                new Route(OrderpayService.INVENTORY, "PUT", "/api/admin/skus/" + sku,
                        "{\"name\":\"pwned\",\"price\":\"0.01\",\"onHand\":1000}"),
                new Route(OrderpayService.INVENTORY, "POST", "/api/admin/skus/" + sku + "/restock", "{\"quantity\":1000}"),
                new Route(OrderpayService.INVENTORY, "GET", "/api/admin/skus/" + sku, null),
                new Route(OrderpayService.WALLET, "GET", "/internal/wallets/" + victim, null),
                new Route(OrderpayService.WALLET, "POST", "/internal/wallet-freezes",
                        "{\"orderNo\":\"" + order + "\",\"userId\":\"" + victim + "\",\"amount\":\"50.00\"}"),
                new Route(OrderpayService.WALLET, "POST", "/api/admin/wallets/mallory/credits", "{\"amount\":\"1000.00\"}"),
                // reconciliation's repairs: the most dangerous doors of all
                new Route(OrderpayService.ORDER, "POST", "/internal/orders/" + order + "/settlement",
                        "{\"xid\":\"x\",\"outcome\":\"COMMIT\"}"),
                new Route(OrderpayService.ORDER, "GET", "/internal/order-audits", null),
                new Route(OrderpayService.INVENTORY, "POST", "/internal/stock-reservations/" + order + "/settlement",
                        "{\"xid\":\"x\",\"outcome\":\"ROLLBACK\"}"),
                new Route(OrderpayService.WALLET, "POST", "/internal/wallet-freezes/" + order + "/settlement",
                        "{\"xid\":\"x\",\"outcome\":\"ROLLBACK\"}"),
                new Route(OrderpayService.WALLET, "POST", "/internal/refunds",
                        "{\"orderNo\":\"" + order + "\",\"userId\":\"mallory\",\"amount\":\"1000.00\"}"),
                new Route(OrderpayService.WALLET, "GET", "/internal/wallet-audits", null),
                new Route(OrderpayService.COMPENSATION, "POST", "/api/admin/reconciliation/runs", null),
                new Route(OrderpayService.COMPENSATION, "GET", "/api/admin/alerts", null),
                // the console's reads: anyone's orders, stock holds and money
                new Route(OrderpayService.ORDER, "GET", "/api/admin/orders?userId=" + victim, null),
                new Route(OrderpayService.INVENTORY, "GET", "/api/admin/skus/" + sku + "/holds", null),
                new Route(OrderpayService.WALLET, "GET", "/api/admin/wallets/" + victim + "/ledger", null),
                new Route(OrderpayService.WALLET, "GET", "/api/admin/funds-freezes/" + order, null),
                new Route(OrderpayService.COMPENSATION, "GET", "/api/admin/metrics/overview", null));
    }

    /** Spellings of a path that a router and a naive guard would read differently: each must be a 400. */
    static List<String> nonCanonical(String path) {
        String query = path.contains("?") ? path.substring(path.indexOf('?')) : "";
        String bare = query.isEmpty() ? path : path.substring(0, path.indexOf('?'));
        String first = bare.substring(1, bare.indexOf('/', 1));
        String rest = bare.substring(bare.indexOf('/', 1));
        String second = rest.substring(1, rest.indexOf('/', 1) > 0 ? rest.indexOf('/', 1) : rest.length());
        String afterSecond = rest.substring(1 + second.length());
        List<String> variants = new ArrayList<>(List.of(
                "/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest,
                "/" + first + "/%" + Integer.toHexString(second.charAt(0)) + second.substring(1) + afterSecond,
                "/" + first + "%2F" + rest.substring(1),
                "/" + first + "%2f" + rest.substring(1),
                "/" + first + ";x=1" + rest,
                bare + ";jsessionid=1",
                "//" + first + rest,
                "/" + first + "/" + rest,
                "/" + first + "/." + rest,
                "/" + first + "/x/.." + rest,
                "/api/../" + first + rest,
                "/" + first + "/%2e%2e/" + first + rest,
                "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest,
                "/" + first.toUpperCase() + rest));
        return variants.stream().map(v -> v + query).toList();
    }

    private static Map<String, String> noCredential() {
        // A forged identity on top: believed by nothing without the internal credential.
        return Map.of("X-User-Id", "mallory", "X-User-Roles", "ADMIN,USER");
    }

    private static Map<String, String> credentialAsUser() {
        return Map.of("X-Internal-Token", TOKEN, "X-User-Id", "mallory", "X-User-Roles", "USER");
    }

    private static Map<String, String> wrongCredentialAsAdmin() {
        return Map.of("X-Internal-Token", "guess", "X-User-Id", "mallory", "X-User-Roles", "ADMIN");
    }

    @Test
    void everyInternalAndAdminRouteRefusesEverySpellingAndEveryCallerWithoutTheRightsAndNothingMoves() {
        JsonNode skuBefore = skuFigures();
        JsonNode walletBefore = victimWallet();
        int walletEntriesBefore = ledgerSize();
        SoftAssertions softly = new SoftAssertions();
        int requests = 0;
        for (Route route : routes()) {
            int port = stack.port(route.service());
            for (Map<String, String> caller : List.of(noCredential(), wrongCredentialAsAdmin(), credentialAsUser())) {
                boolean credentialed = TOKEN.equals(caller.get("X-Internal-Token"));
                for (String variant : nonCanonical(route.path())) {
                    requests++;
                    expect(softly, RawHttp.send(port, route.method(), variant, caller, route.body()), route, variant,
                            caller, 400);
                }
                // The canonical spelling: no or a wrong credential is 401; the credential with a USER role on an
                // admin route is 403 (an internal route with the credential is the service's own business).
                if (!credentialed) {
                    requests++;
                    expect(softly, RawHttp.send(port, route.method(), route.path(), caller, route.body()), route,
                            route.path(), caller, 401);
                    requests++;
                    String trailing = route.path().contains("?") ? route.path().replace("?", "/?") : route.path() + "/";
                    expect(softly, RawHttp.send(port, route.method(), trailing, caller, route.body()), route, trailing,
                            caller, 401);
                } else if (!route.internal()) {
                    requests++;
                    expect(softly, RawHttp.send(port, route.method(), route.path(), caller, route.body()), route,
                            route.path(), caller, 403);
                    String shouted = route.path().replace("/api/admin/", "/api/ADMIN/");
                    requests++;
                    expect(softly, RawHttp.send(port, route.method(), shouted, caller, route.body()), route, shouted,
                            caller, 403);
                }
            }
        }
        softly.assertAll();
        System.out.printf("Service ports refused %d hostile requests%n", requests);

        assertThat(skuFigures()).isEqualTo(skuBefore);
        assertThat(victimWallet()).isEqualTo(walletBefore);
        assertThat(ledgerSize()).isEqualTo(walletEntriesBefore);
        assertThat(api.get("/api/wallet", api.token("mallory", "USER")).body().path("available").asText())
                .isEqualTo("0.00");
    }

    @Test
    void onlyProbesAndTheScrapeAreOpenAndHealthDetailsNeedTheCredential() {
        for (OrderpayService service : List.of(OrderpayService.ORDER, OrderpayService.INVENTORY, OrderpayService.WALLET,
                OrderpayService.COMPENSATION)) {
            int port = stack.port(service);
            for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                    "/actuator/prometheus")) {
                assertThat(RawHttp.send(port, "GET", open, Map.of(), null).status()).as(service + open).isEqualTo(200);
            }
            RawHttp.Response anonymous = RawHttp.send(port, "GET", "/actuator/health", Map.of(), null);
            RawHttp.Response internal = RawHttp.send(port, "GET", "/actuator/health", Map.of("X-Internal-Token", TOKEN),
                    null);
            assertThat(anonymous.json().has("components")).as(service + ": details for anyone").isFalse();
            assertThat(internal.json().path("components").has("db")).as(service + ": details for the platform").isTrue();
            for (String closed : List.of("/actuator/env", "/actuator/metrics", "/actuator/info", "/actuator/heapdump",
                    "/v3/api-docs", "/swagger-ui/index.html", "/error", "/")) {
                RawHttp.Response refused = RawHttp.send(port, "GET", closed, Map.of(), null);
                assertThat(refused.status()).as(service + closed).isEqualTo(401);
                assertThat(refused.header("Content-Type")).as(service + closed).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void theGatewayRefusesNonCanonicalPathsBeforeRoutingThem() {
        int gateway = stack.port(OrderpayService.GATEWAY);
        String userToken = api.token("mallory", "USER");
        Map<String, String> asUser = Map.of("Authorization", "Bearer " + userToken);
        for (String variant : nonCanonical("/api/admin/wallets/mallory/credits")) {
            RawHttp.Response response = RawHttp.send(gateway, "POST", variant,
                    withKey(asUser), "{\"amount\":\"1000.00\"}");
            assertThat(response.status()).as(variant + ": " + response.body()).isEqualTo(400);
            assertThat(response.problemCode()).as(variant).isEqualTo("validation-failed");
        }
        assertThat(api.get("/api/wallet", userToken).body().path("available").asText()).isEqualTo("0.00");
    }

    private static Map<String, String> withKey(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Idempotency-Key", UUID.randomUUID().toString());
        return all;
    }

    private static void expect(SoftAssertions softly, RawHttp.Response response, Route route, String target,
            Map<String, String> caller, int status) {
        String what = route.service().serviceName() + " " + route.method() + " " + target + " as " + caller;
        softly.assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        softly.assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
        softly.assertThat(response.body()).as(what + ": no internals").doesNotContain("Exception", "at com.", "at org.");
    }

    private static JsonNode skuFigures() {
        Reply reply = api.get("/api/admin/skus/" + sku, admin);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private static JsonNode victimWallet() {
        return api.get("/api/wallet", api.token(victim, "USER")).body();
    }

    private static int ledgerSize() {
        return api.get("/api/wallet/ledger?limit=100", api.token(victim, "USER")).body().path("entries").size();
    }
}
