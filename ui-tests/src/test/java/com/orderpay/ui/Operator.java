package com.orderpay.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The fixtures of the browser suite, laid through the public API (and one hand-made orphan straight into wallet_db). */
final class Operator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String adminToken;

    Operator(String gateway) {
        this.gateway = gateway;
        this.adminToken = token("fixtures", "ADMIN", "USER");
    }

    String token(String userId, String... roles) {
        return send("POST", "/api/dev/tokens", null, null, Map.of("userId", userId, "roles", List.of(roles)))
                .path("token").asText();
    }

    void sku(String skuId, String name, String price, long onHand) {
        send("PUT", "/api/admin/skus/" + skuId, adminToken, null, Map.of("name", name, "price", price, "onHand", onHand));
    }

    void credit(String userId, String amount) {
        send("POST", "/api/admin/wallets/" + userId + "/credits", adminToken, UUID.randomUUID().toString(),
                Map.of("amount", amount));
    }

    /** A pay-later order placed by {@code userId}; returns it (orderNo, expiresAt, ...). */
    JsonNode placeToPayLater(String userId, String skuId, int quantity) {
        return send("POST", "/api/orders", token(userId, "USER"), UUID.randomUUID().toString(),
                Map.of("items", List.of(Map.of("skuId", skuId, "quantity", quantity)), "payNow", false));
    }

    /**
     * Money taken for nothing: a freeze and a debit for an order that never existed, written by hand into wallet_db
     * with a consistent ledger and wallet (what a botched manual fix or a lost order row leaves). Reconciliation
     * refunds it.
     */
    static String debitWithoutOrder(String dbHostPort, String userId, String amount) {
        String orderNo = "O-GHOST-" + UUID.randomUUID().toString().substring(0, 8);
        BigDecimal money = new BigDecimal(amount);
        try (Connection db = DriverManager.getConnection("jdbc:mysql://" + dbHostPort
                + "/wallet_db?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true", "root", "")) {
            db.setAutoCommit(false);
            try (PreparedStatement freeze = db.prepareStatement("INSERT INTO funds_freeze "
                    + "(xid, branch_id, order_no, user_id, amount, status) VALUES (?, 1, ?, ?, ?, 'DEBITED')")) {
                freeze.setString(1, "ui-test:ghost:" + orderNo);
                freeze.setString(2, orderNo);
                freeze.setString(3, userId);
                freeze.setBigDecimal(4, money);
                freeze.executeUpdate();
            }
            long freezeId;
            try (PreparedStatement find = db.prepareStatement("SELECT id FROM funds_freeze WHERE order_no = ?")) {
                find.setString(1, orderNo);
                try (ResultSet row = find.executeQuery()) {
                    row.next();
                    freezeId = row.getLong(1);
                }
            }
            for (String type : List.of("FREEZE", "DEBIT")) {
                try (PreparedStatement entry = db.prepareStatement("INSERT INTO wallet_ledger_entry "
                        + "(user_id, type, amount, order_no, freeze_id, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))")) {
                    entry.setString(1, userId);
                    entry.setString(2, type);
                    entry.setBigDecimal(3, money);
                    entry.setString(4, orderNo);
                    entry.setLong(5, freezeId);
                    entry.executeUpdate();
                }
            }
            try (PreparedStatement wallet = db.prepareStatement(
                    "UPDATE wallet SET available = available - ? WHERE user_id = ?")) {
                wallet.setBigDecimal(1, money);
                wallet.setString(2, userId);
                wallet.executeUpdate();
            }
            db.commit();
            return orderNo;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the orphan debit", e);
        }
    }

    private JsonNode send(String method, String path, String token, String idempotencyKey, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
