package com.orderpay.compensation.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.devstack.ChildServices.Child;
import com.orderpay.devstack.ServiceHop;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The services' APIs as the tests drive them (the gateway's hop: internal credential and a verified user). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, String raw) {
    }

    private Api() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static Reply call(int port, String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpResponse<String> response = new ServiceHop(port).send(method, path,
                    body == null ? null : JSON.writeValueAsString(body), headers);
            String raw = response.body();
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode json = raw == null || raw.isBlank() || !isJson ? JSON.nullNode() : JSON.readTree(raw);
            return new Reply(response.statusCode(), json, raw);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    static Reply asUser(Child child, String method, String path, String userId, Object body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>(ServiceHop.caller(userId, "USER"));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return call(child.port(), method, path, body, headers);
    }

    static Reply asAdmin(int port, String method, String path, Object body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>(ServiceHop.caller("ops", "ADMIN,USER"));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return call(port, method, path, body, headers);
    }

    static Reply internal(Child child, String method, String path, Object body) {
        return call(child.port(), method, path, body, ServiceHop.internal(null));
    }

    // ---- fixtures through the owners' APIs ------------------------------------------------------------------

    static String sku(long onHand, String price) {
        String skuId = unique("SKU");
        Reply reply = asAdmin(Neighbours.inventory().port(), "PUT", "/api/admin/skus/" + skuId,
                Map.of("name", "Item " + skuId, "price", price, "onHand", onHand), null);
        assertThat(reply.status()).as(reply.raw()).isIn(200, 201);
        return skuId;
    }

    static String user(String amount) {
        String userId = unique("u");
        Reply reply = asAdmin(Neighbours.wallet().port(), "POST", "/api/admin/wallets/" + userId + "/credits",
                Map.of("amount", amount), UUID.randomUUID().toString());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return userId;
    }

    static Reply place(String userId, String skuId, int quantity, boolean payNow) {
        return asUser(Neighbours.order(), "POST", "/api/orders", userId,
                Map.of("items", List.of(Map.of("skuId", skuId, "quantity", quantity)), "payNow", payNow),
                UUID.randomUUID().toString());
    }

    static String placed(String userId, String skuId, int quantity, boolean payNow) {
        Reply reply = place(userId, skuId, quantity, payNow);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        return reply.body().path("orderNo").asText();
    }

    // ---- checks through the owners' APIs --------------------------------------------------------------------

    record Stock(long onHand, long reserved, long sold) {
    }

    static Stock stock(String skuId) {
        Reply reply = internal(Neighbours.inventory(), "GET", "/internal/skus?ids=" + skuId, null);
        JsonNode sku = reply.body().get(0);
        return new Stock(sku.path("onHand").asLong(), sku.path("reserved").asLong(), sku.path("sold").asLong());
    }

    static String reservationStatus(String orderNo) {
        Reply reply = internal(Neighbours.inventory(), "GET", "/internal/stock-reservations/" + orderNo, null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body().path("status").asText();
    }

    record Wallet(BigDecimal available, BigDecimal frozen) {
    }

    static Wallet wallet(String userId) {
        Reply reply = internal(Neighbours.wallet(), "GET", "/internal/wallets/" + userId, null);
        return new Wallet(new BigDecimal(reply.body().path("available").asText()),
                new BigDecimal(reply.body().path("frozen").asText()));
    }

    static Wallet wallet(String available, String frozen) {
        return new Wallet(new BigDecimal(available), new BigDecimal(frozen));
    }

    /** The user's ledger, oldest first, as "TYPE amount". */
    static List<String> ledger(String userId) {
        Reply reply = asUser(Neighbours.wallet(), "GET", "/api/wallet/ledger?limit=100", userId, null, null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        List<String> entries = new java.util.ArrayList<>();
        reply.body().path("entries").forEach(e -> entries.add(0, e.path("type").asText() + " " + e.path("amount").asText()));
        return entries;
    }

    static String orderStatus(String orderNo) {
        Reply reply = internal(Neighbours.order(), "GET", "/internal/orders/" + orderNo, null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body().path("status").asText();
    }

    /** Every wallet against its ledger and every SKU against its reservations, through the owners' audit APIs. */
    static List<String> brokenInvariants() {
        List<String> broken = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Reply page = internal(Neighbours.wallet(), "GET", "/internal/wallet-audits?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            for (JsonNode w : page.body().path("wallets")) {
                BigDecimal available = new BigDecimal(w.path("available").asText());
                BigDecimal frozen = new BigDecimal(w.path("frozen").asText());
                BigDecimal balance = new BigDecimal(w.path("credits").asText())
                        .add(new BigDecimal(w.path("refunds").asText())).subtract(new BigDecimal(w.path("debits").asText()));
                BigDecimal held = new BigDecimal(w.path("freezes").asText())
                        .subtract(new BigDecimal(w.path("unfreezes").asText()))
                        .subtract(new BigDecimal(w.path("debits").asText()));
                if (available.add(frozen).compareTo(balance) != 0 || frozen.compareTo(held) != 0
                        || available.signum() < 0 || frozen.signum() < 0) {
                    broken.add("wallet " + w);
                }
            }
            cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        do {
            Reply page = internal(Neighbours.inventory(), "GET", "/internal/sku-audits?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            for (JsonNode s : page.body().path("skus")) {
                if (s.path("reserved").asLong() != s.path("reservedByReservations").asLong()
                        || s.path("sold").asLong() != s.path("soldByReservations").asLong()
                        || s.path("reserved").asLong() > s.path("onHand").asLong() || s.path("onHand").asLong() < 0) {
                    broken.add("sku " + s);
                }
            }
            cursor = page.body().path("nextCursor").isTextual() ? page.body().path("nextCursor").asText() : null;
        } while (cursor != null);
        return broken;
    }
}
