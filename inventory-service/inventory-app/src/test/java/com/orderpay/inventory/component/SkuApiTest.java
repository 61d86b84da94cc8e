package com.orderpay.inventory.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public catalogue and the admin stock API, behind the gateway identity filter. */
class SkuApiTest extends InventoryComponentTest {

    private static final String ADMIN = "admin-1";

    @Test
    void anAdminCreatesThenUpdatesASkuAndTheStorefrontSeesIt() throws Exception {
        String sku = unique("SKU");

        HttpResponse<String> created = put(sku, "{\"name\":\"Blue mug\",\"price\":\"12.50\",\"onHand\":5}", admin(ADMIN));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/skus/" + sku);
        String etag = created.headers().firstValue("ETag").orElseThrow();
        JsonNode figures = json(created);
        assertThat(figures.path("skuId").asText()).isEqualTo(sku);
        assertThat(figures.path("price").isTextual()).isTrue();
        assertThat(figures.path("price").asText()).isEqualTo("12.50");
        assertThat(figures.path("onHand").asLong()).isEqualTo(5);
        assertThat(figures.path("reserved").asLong()).isZero();
        assertThat(figures.path("available").asLong()).isEqualTo(5);
        assertThat(figures.path("sold").asLong()).isZero();

        HttpResponse<String> updated = put(sku, "{\"name\":\"Blue mug XL\",\"price\":\"13.00\",\"onHand\":8}",
                ifMatch(admin(ADMIN), etag));

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(json(updated).path("onHand").asLong()).isEqualTo(8);
        assertThat(figures(sku)).isEqualTo(new Figures(8, 0, 0));

        HttpResponse<String> one = send("GET", "/api/skus/" + sku, null, user("shopper-1"));
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).path("name").asText()).isEqualTo("Blue mug XL");
        assertThat(json(one).path("price").asText()).isEqualTo("13.00");
        assertThat(json(one).path("available").asLong()).isEqualTo(8);
        assertThat(json(one).has("onHand")).as("the storefront sees available only").isFalse();

        HttpResponse<String> all = send("GET", "/api/skus", null, user("shopper-1"));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(json(all).findValuesAsText("skuId")).contains(sku);
        assertProblem(send("GET", "/api/skus/" + unique("NOPE"), null, user("shopper-1")), 404, "not-found");
        // No handler at all: a 404 in the API's words, not Spring's "No static resource".
        HttpResponse<String> nothing = send("GET", "/api/skus/", null, user("shopper-1"));
        assertProblem(nothing, 404, "not-found");
        assertThat(json(nothing).path("detail").asText()).doesNotContain("static").startsWith("Nothing is served");
    }

    @Test
    void onHandCannotBeSetBelowTheUnitsOrdersHold() throws Exception {
        String sku = skuWith(10);
        jdbc.update("UPDATE sku SET reserved = 3, version = version + 1 WHERE sku_id = ?", sku);
        String etag = etagOf(sku);

        JsonNode problem = assertProblem(put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":2}",
                ifMatch(admin(ADMIN), etag)), 400, "validation-failed");

        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("onHand");
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));
        HttpResponse<String> exactlyReserved = put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":3}",
                ifMatch(admin(ADMIN), etag));
        assertThat(exactlyReserved.statusCode()).isEqualTo(200);
        assertThat(json(exactlyReserved).path("available").asLong()).isZero();
    }

    @Test
    void anAdminSeesEveryFigureWithTheEtagToUpdateFrom() throws Exception {
        String sku = skuWith(10);
        jdbc.update("UPDATE sku SET reserved = 2, on_hand = 8, sold = 4, version = version + 1 WHERE sku_id = ?", sku);

        HttpResponse<String> read = send("GET", "/api/admin/skus/" + sku, null, admin(ADMIN));

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode figures = json(read);
        assertThat(figures.path("onHand").asLong()).isEqualTo(8);
        assertThat(figures.path("reserved").asLong()).isEqualTo(2);
        assertThat(figures.path("available").asLong()).isEqualTo(6);
        assertThat(figures.path("sold").asLong()).isEqualTo(4);
        assertProblem(send("GET", "/api/admin/skus/" + sku, null, user("shopper-1")), 403, "forbidden");
        assertProblem(send("GET", "/api/admin/skus/" + unique("NOPE"), null, admin(ADMIN)), 404, "not-found");
    }

    @Test
    void aStaleUpdateNeverReAddsUnitsSoldMeanwhile() throws Exception {
        String sku = skuWith(10);
        String seen = etagOf(sku);
        // Meanwhile three units are sold (a sale moves them out of on_hand, and bumps the version).
        jdbc.update("UPDATE sku SET on_hand = on_hand - 3, sold = sold + 3, version = version + 1 WHERE sku_id = ?", sku);

        JsonNode stale = assertProblem(put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":10}",
                ifMatch(admin(ADMIN), seen)), 412, "precondition-failed");
        JsonNode blind = assertProblem(put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":10}", admin(ADMIN)),
                412, "precondition-failed");
        assertProblem(put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":10}", ifMatch(admin(ADMIN), "*")),
                412, "precondition-failed");

        assertThat(stale.path("detail").asText()).contains("changed since");
        assertThat(blind.path("detail").asText()).contains("If-Match");
        assertThat(figures(sku)).isEqualTo(new Figures(7, 0, 3));
        HttpResponse<String> fresh = put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":9}",
                ifMatch(admin(ADMIN), etagOf(sku)));
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        assertThat(figures(sku)).isEqualTo(new Figures(9, 0, 3));
    }

    private String etagOf(String sku) throws Exception {
        return send("GET", "/api/admin/skus/" + sku, null, admin(ADMIN)).headers().firstValue("ETag").orElseThrow();
    }

    private static Map<String, String> ifMatch(Map<String, String> headers, String etag) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("If-Match", etag);
        return all;
    }

    @Test
    void restockAddsStockOncePerIdempotencyKey() throws Exception {
        String sku = skuWith(5);
        String key = unique("restock");

        HttpResponse<String> first = restock(sku, "{\"quantity\":10}", key, admin(ADMIN));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).path("onHand").asLong()).isEqualTo(15);

        HttpResponse<String> replay = restock(sku, "{\"quantity\":10}", key, admin(ADMIN));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay)).isEqualTo(json(first));
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(figures(sku)).isEqualTo(new Figures(15, 0, 0));

        assertProblem(restock(sku, "{\"quantity\":11}", key, admin(ADMIN)), 422, "idempotency-key-reuse");
        assertThat(figures(sku)).isEqualTo(new Figures(15, 0, 0));

        // the key belongs to its user: another admin's identical key is another request
        assertThat(restock(sku, "{\"quantity\":10}", key, admin("admin-2")).statusCode()).isEqualTo(200);
        assertThat(figures(sku)).isEqualTo(new Figures(25, 0, 0));

        assertProblem(restock(unique("NOPE"), "{\"quantity\":1}", unique("k"), admin(ADMIN)), 404, "not-found");

        // never past what a SKU's update may set: an update could not keep that stock
        String full = skuWith(99_500_000);
        HttpResponse<String> tooMuch = restock(full, "{\"quantity\":1000000}", unique("k"), admin(ADMIN));
        assertProblem(tooMuch, 400, "validation-failed");
        assertThat(json(tooMuch).path("detail").asText()).contains("100500000 on hand, more than 100000000");
        assertThat(figures(full)).isEqualTo(new Figures(99_500_000, 0, 0));
        assertThat(restock(full, "{\"quantity\":500000}", unique("k"), admin(ADMIN)).statusCode()).isEqualTo(200);
        assertThat(figures(full)).isEqualTo(new Figures(100_000_000, 0, 0));
    }

    @Test
    void badInputIsRefusedWithAProblemAndChangesNothing() throws Exception {
        String sku = skuWith(5);
        Map<String, String> admin = admin(ADMIN);

        assertBadRequest(put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":-1}", admin), "onHand");
        assertBadRequest(put(sku, "{\"name\":\"Mug\",\"price\":9.99,\"onHand\":1}", admin), null);
        assertBadRequest(put(sku, "{\"name\":\"Mug\",\"price\":\"9.9\",\"onHand\":1}", admin), null);
        assertBadRequest(put(sku, "{\"name\":\"Mug\",\"price\":\"0.00\",\"onHand\":1}", admin), "price");
        assertBadRequest(put(sku, "{\"name\":\" \",\"price\":\"9.99\",\"onHand\":1}", admin), "name");
        // control characters, a bidi override (text shown reversed) and a lone surrogate (stored as '?')
        for (String name : List.of("a\\u0000b", "a\\u0007b", "Mug\\u202Egpj.exe", "a\\ud800b")) {
            assertBadRequest(put(sku, "{\"name\":\"" + name + "\",\"price\":\"9.99\",\"onHand\":1}", admin), "name");
        }
        assertBadRequest(put(sku, "{\"name\":\"Mug\",\"price\":\"9.99\"", admin), null);
        assertBadRequest(restock(sku, "{\"quantity\":3}", null, admin), null);
        assertBadRequest(restock(sku, "{\"quantity\":0}", unique("k"), admin), "quantity");
        assertBadRequest(restock(sku, "{\"quantity\":\"3\"x", unique("k"), admin), null);
        assertThat(figures(sku)).isEqualTo(new Figures(5, 0, 0));
        assertThat(json(send("GET", "/api/skus/" + sku, null, user("shopper-1"))).path("name").asText())
                .isEqualTo("Item " + sku);

        String badId = "bad!id";
        assertBadRequest(put(badId, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":1}", admin), "skuId");
        String tooLong = "x".repeat(65);
        assertBadRequest(put(tooLong, "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":1}", admin), "skuId");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sku WHERE sku_id IN (?, ?)", Integer.class, badId, tooLong))
                .isZero();
    }

    @Test
    void adminRoutesNeedTheAdminRoleAndEveryRouteNeedsTheGateway() throws Exception {
        String sku = skuWith(5);
        String body = "{\"name\":\"Mug\",\"price\":\"9.99\",\"onHand\":50}";

        assertProblem(put(sku, body, user("shopper-1")), 403, "forbidden");
        assertProblem(restock(sku, "{\"quantity\":5}", unique("k"), user("shopper-1")), 403, "forbidden");

        Map<String, String> noToken = new LinkedHashMap<>(admin(ADMIN));
        noToken.remove("X-Internal-Token");
        assertProblem(put(sku, body, noToken), 401, "unauthorized");
        assertProblem(send("GET", "/api/skus", null, noToken), 401, "unauthorized");
        Map<String, String> wrongToken = new LinkedHashMap<>(admin(ADMIN));
        wrongToken.put("X-Internal-Token", "not-the-token");
        assertProblem(put(sku, body, wrongToken), 401, "unauthorized");
        assertProblem(send("GET", "/api/skus", null, internal(null)), 401, "unauthorized");

        assertThat(figures(sku)).isEqualTo(new Figures(5, 0, 0));
    }

    private HttpResponse<String> put(String skuId, String body, Map<String, String> headers) throws Exception {
        return send("PUT", "/api/admin/skus/" + skuId, body, headers);
    }

    private HttpResponse<String> restock(String skuId, String body, String key, Map<String, String> headers)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (key != null) {
            all.put("Idempotency-Key", key);
        }
        return send("POST", "/api/admin/skus/" + skuId + "/restock", body, all);
    }

    private static Map<String, String> user(String userId) {
        Map<String, String> headers = internal(null);
        headers.put("X-User-Id", userId);
        headers.put("X-User-Roles", "USER");
        return headers;
    }

    private static void assertBadRequest(HttpResponse<String> response, String field) throws Exception {
        JsonNode problem = assertProblem(response, 400, "validation-failed");
        if (field != null) {
            assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
        }
    }
}
