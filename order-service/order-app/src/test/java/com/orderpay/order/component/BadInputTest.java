package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bad input is a 400 problem, and changes nothing: no stock, no money, no order, not even the key. */
class BadInputTest extends OrderServiceComponentTest {

    @Test
    void badOrdersAre400ProblemsAndChangeNothing() throws Exception {
        String sku = skuWith(10, "1.00");
        String user = userWith("10.00");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("malformed JSON", "{\"items\": [");
        bodies.put("negative quantity", json(orderOf(sku, -1, true)));
        bodies.put("zero quantity", json(orderOf(sku, 0, true)));
        bodies.put("1001 units", json(orderOf(sku, 1001, true)));
        bodies.put("no items", json(Map.of("items", List.of(), "payNow", true)));
        bodies.put("51 items", json(Map.of("items", IntStream.rangeClosed(1, 51)
                .mapToObj(i -> Map.of("skuId", sku + "-" + i, "quantity", 1)).toList())));
        bodies.put("duplicate SKU", json(Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1),
                Map.of("skuId", sku, "quantity", 2)))));
        bodies.put("bad SKU id", json(orderOf("no spaces allowed", 1, true)));
        bodies.put("quantity not a number", "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":\"many\"}]}");
        // Each once read and placed (the first value, or the last): one JSON value, each field once.
        String valid = json(orderOf(sku, 1, true));
        bodies.put("content after the JSON object", valid + "garbage");
        bodies.put("a second JSON object", valid + "{}");
        bodies.put("a field twice", "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1,\"quantity\":5}]}");
        bodies.put("a number for the SKU id", "{\"items\":[{\"skuId\":1,\"quantity\":1}]}");
        bodies.put("a boolean for the SKU id", "{\"items\":[{\"skuId\":true,\"quantity\":1}]}");
        // null was taken as the default (pay now): a client meaning "later" was charged at once.
        bodies.put("payNow null", "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}],\"payNow\":null}");
        bodies.put("payNow as text", "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}],\"payNow\":\"false\"}");
        bodies.put("payNow as a number", "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}],\"payNow\":0}");
        bodies.put("quantity past a 32-bit int", "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":99999999999}]}");
        bodies.put("items twice", "{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}],"
                + "\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":2}]}");

        bodies.forEach((what, body) -> {
            Reply reply = placeRaw(user, key(), body);
            assertThat(reply.status()).as("%s: %s", what, reply.raw()).isEqualTo(400);
            assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
            assertThat(reply.problemCode()).as(what).isEqualTo("validation-failed");
        });
        Reply duplicate = placeRaw(user, key(), bodies.get("duplicate SKU"));
        assertThat(duplicate.body().path("errors").get(0).path("field").asText()).isEqualTo("items");
        Reply twice = placeRaw(user, key(), bodies.get("a field twice"));
        assertThat(twice.body().path("detail").asText()).startsWith("Field quantity appears more than once");
        Reply nullPayNow = placeRaw(user, key(), bodies.get("payNow null"));
        assertThat(nullPayNow.body().path("detail").asText())
                .isEqualTo("Field payNow must not be null; give a value or leave the field out (true or false)");
        assertThat(nullPayNow.body().path("errors").get(0).path("field").asText()).isEqualTo("payNow");
        Reply overflow = placeRaw(user, key(), bodies.get("quantity past a 32-bit int"));
        assertThat(overflow.body().path("detail").asText())
                .isEqualTo("Field items[0].quantity is out of range (a whole number)");
        assertThat(placeRaw(user, key(), bodies.get("a second JSON object")).body().path("detail").asText())
                .isEqualTo("Malformed JSON: the body goes on after the request's JSON value");

        // Refused before the work: the answer could not be given in what the client accepts, so nothing is done.
        for (String accept : List.of("application/xml", "text/html", "application/json;q=0", "application/yaml")) {
            Reply unacceptable = send("POST", orderUrl("/api/orders"), user, "USER",
                    Map.of("Idempotency-Key", key(), "Accept", accept),
                    json(orderOf(sku, 1, true)));
            assertThat(unacceptable.status()).as("%s: %s", accept, unacceptable.raw()).isEqualTo(406);
            assertThat(unacceptable.contentType()).startsWith("application/problem+json");
            assertThat(unacceptable.body().path("detail").asText()).endsWith("so nothing was done");
        }

        // YAML was read past every rule above: "paynow: false" ignored, the order paid at once.
        java.net.http.HttpResponse<String> yaml = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(orderUrl("/api/orders")))
                        .header("X-Internal-Token", com.orderpay.devstack.SharedInfrastructure.INTERNAL_TOKEN)
                        .header("X-User-Id", user).header("X-User-Roles", "USER").header("Idempotency-Key", key())
                        .header("Content-Type", "application/yaml")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "items:\n  - skuId: " + sku + "\n    quantity: 1\npaynow: false\n"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(415);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        // A gzip body is not decoded: a 415 that says so, not a "malformed JSON" 400 about its compressed bytes.
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(("{\"items\":[{\"skuId\":\"" + sku + "\",\"quantity\":1}],\"payNow\":true}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        java.net.http.HttpResponse<String> gzipped = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(orderUrl("/api/orders")))
                        .header("X-Internal-Token", com.orderpay.devstack.SharedInfrastructure.INTERNAL_TOKEN)
                        .header("X-User-Id", user).header("X-User-Roles", "USER").header("Idempotency-Key", key())
                        .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(gzipped.statusCode()).as(gzipped.body()).isEqualTo(415);
        assertThat(gzipped.headers().firstValue("Accept-Encoding")).hasValue("identity");
        assertThat(gzipped.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(gzipped.body()).contains("Content-Encoding gzip is not accepted");

        // Refused by Tomcat before any servlet: still a problem, not its HTML page.
        java.net.http.HttpResponse<String> hugeHeader = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(orderUrl("/api/orders")))
                        .header("X-Padding", "p".repeat(70_000)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(hugeHeader.statusCode()).isEqualTo(400);
        assertThat(hugeHeader.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(hugeHeader.body()).contains("\"status\":400", "validation-failed").doesNotContain("<html");

        // A query parameter the placement does not take is not run as if it had not been sent: no "dry run" is real.
        Reply dryRun = send("POST", orderUrl("/api/orders?dryRun=true"), user, "USER", Map.of("Idempotency-Key", key()),
                json(orderOf(sku, 1, true)));
        assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(400);
        assertThat(dryRun.body().path("detail").asText())
                .isEqualTo("Parameter dryRun is not a parameter of this operation, which takes none");
        assertThat(dryRun.body().at("/errors/0/field").asText()).isEqualTo("dryRun");

        Reply noKey = placeRaw(user, null, json(orderOf(sku, 1, true)));
        assertThat(noKey.status()).as(noKey.raw()).isEqualTo(400);
        assertThat(noKey.problemCode()).isEqualTo("validation-failed");

        assertThat(stock(sku)).isEqualTo(new Stock(10, 0, 10, 0));
        assertThat(wallet(user)).isEqualTo(wallet("10.00", "0.00"));
        assertThat(orderStatusesOf(user)).isEmpty();
        assertThat(orderDb.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE scope = ?", Integer.class,
                user)).isZero();
    }
}
