package com.orderpay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What must hold after a run, read through the services' public API (never their databases): nothing left PLACING
 * or PAYING; per SKU, units sold = units of the PAID orders, on hand + sold = received, nothing reserved but the
 * holds of unpaid orders (no oversell); per buyer, available + frozen = credited - paid, nothing frozen (money
 * conserved). Then a reconciliation run over everything must find nothing.
 */
final class Invariants {

    /** What was checked and what broke; empty {@code broken} means every invariant held. */
    record Outcome(List<String> checked, List<String> broken, Map<String, Long> ordersByStatus) {

        boolean held() {
            return broken.isEmpty();
        }
    }

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private Invariants() {
    }

    static Outcome check(Api api, String adminToken, Fixtures.Prepared prepared) throws InterruptedException {
        List<String> checked = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        // The coordinator may still be finishing phase two of the last orders: wait until nothing is in flight.
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long inFlight;
        do {
            inFlight = 0;
            for (String token : prepared.tokens()) {
                inFlight += count(api, token, "PLACING") + count(api, token, "PAYING");
            }
            if (inFlight > 0) {
                Thread.sleep(1000);
            }
        } while (inFlight > 0 && System.nanoTime() < deadline);
        checked.add("no order PLACING or PAYING");
        if (inFlight > 0) {
            broken.add(inFlight + " orders still PLACING/PAYING " + SETTLE.toSeconds() + " s after the load");
        }
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> soldUnits = new HashMap<>();
        Map<String, Long> heldUnits = new HashMap<>();
        for (int i = 0; i < prepared.buyers().size(); i++) {
            String user = prepared.buyers().get(i);
            String token = prepared.tokens().get(i);
            BigDecimal paid = BigDecimal.ZERO;
            for (JsonNode order : orders(api, token, null)) {
                String status = order.path("status").asText();
                byStatus.merge(status, 1L, Long::sum);
                Map<String, Long> units = "PAID".equals(status) ? soldUnits
                        : "AWAITING_PAYMENT".equals(status) ? heldUnits : null;
                if ("PAID".equals(status)) {
                    paid = paid.add(new BigDecimal(order.path("total").asText()));
                }
                if (units != null) {
                    order.path("items").forEach(item ->
                            units.merge(item.path("skuId").asText(), item.path("quantity").asLong(), Long::sum));
                }
            }
            JsonNode wallet = api.expect(200, api.get("/api/wallet", token), "wallet of " + user).body();
            BigDecimal available = new BigDecimal(wallet.path("available").asText());
            BigDecimal frozen = new BigDecimal(wallet.path("frozen").asText());
            if (frozen.signum() != 0) {
                broken.add("wallet of " + user + ": " + frozen + " still frozen");
            }
            if (available.add(frozen).compareTo(Fixtures.CREDIT.subtract(paid)) != 0) {
                broken.add("wallet of " + user + ": available " + available + " + frozen " + frozen + " != credited "
                        + Fixtures.CREDIT + " - paid " + paid);
            }
        }
        checked.add("money conserved: per buyer available + frozen = credited - paid orders, nothing frozen ("
                + prepared.buyers().size() + " wallets)");
        for (String sku : prepared.skus()) {
            JsonNode figures = api.expect(200, api.get("/api/admin/skus/" + sku, adminToken), "SKU " + sku).body();
            long onHand = figures.path("onHand").asLong();
            long reserved = figures.path("reserved").asLong();
            long sold = figures.path("sold").asLong();
            long paidUnits = soldUnits.getOrDefault(sku, 0L);
            if (onHand < 0 || reserved < 0 || onHand + sold != prepared.stock()) {
                broken.add("SKU " + sku + ": on hand " + onHand + " + sold " + sold + " != received " + prepared.stock());
            }
            if (sold != paidUnits) {
                broken.add("SKU " + sku + ": " + sold + " units sold but PAID orders hold " + paidUnits);
            }
            if (reserved != heldUnits.getOrDefault(sku, 0L)) {
                broken.add("SKU " + sku + ": " + reserved + " reserved but unpaid orders hold "
                        + heldUnits.getOrDefault(sku, 0L));
            }
        }
        checked.add("no oversell: per SKU sold = units of PAID orders, on hand + sold = received, reserved = held ("
                + prepared.skus().size() + " SKUs)");
        return new Outcome(checked, broken, byStatus);
    }

    /** A reconciliation run over the whole system (after the grace period) must complete with no finding. */
    static Outcome reconcile(Api api, String adminToken, String key) throws InterruptedException {
        Thread.sleep(BenchSystem.RECONCILIATION_GRACE.plusSeconds(2).toMillis());
        Api.Reply started = api.expect(202, api.send("POST", "/api/admin/reconciliation/runs", adminToken, key, null),
                "starting a reconciliation run");
        String runId = started.body().path("runId").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode run;
        do {
            Thread.sleep(1000);
            run = api.expect(200, api.get("/api/admin/reconciliation/runs/" + runId, adminToken), "run " + runId).body();
        } while ("RUNNING".equals(run.path("status").asText()) && System.nanoTime() < deadline);
        List<String> broken = new ArrayList<>();
        if (!"COMPLETED".equals(run.path("status").asText()) || run.path("repaired").asLong() != 0
                || run.path("flagged").asLong() != 0) {
            broken.add("reconciliation run " + runId + ": " + run);
        }
        return new Outcome(List.of("reconciliation run " + runId + ": " + run.path("status").asText() + ", "
                + run.path("checked").asLong() + " records checked, " + run.path("repaired").asLong() + " repaired, "
                + run.path("flagged").asLong() + " flagged"), broken, Map.of());
    }

    /** The baseline's own database: the same invariants, read in SQL (it has no API of its own). */
    static Outcome checkBaseline(Connection db, Fixtures.Prepared prepared) throws SQLException {
        List<String> broken = new ArrayList<>();
        Map<String, Long> byStatus = new TreeMap<>();
        for (String sku : prepared.skus()) {
            try (PreparedStatement query = db.prepareStatement("SELECT s.on_hand, s.sold, "
                    + "(SELECT COALESCE(SUM(quantity), 0) FROM order_item i WHERE i.sku_id = s.sku_id) FROM sku s "
                    + "WHERE s.sku_id = ?")) {
                query.setString(1, sku);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    long onHand = row.getLong(1);
                    long sold = row.getLong(2);
                    if (onHand < 0 || onHand + sold != prepared.stock() || sold != row.getLong(3)) {
                        broken.add("baseline SKU " + sku + ": on hand " + onHand + ", sold " + sold + ", ordered "
                                + row.getLong(3));
                    }
                }
            }
        }
        for (String user : prepared.buyers()) {
            try (PreparedStatement query = db.prepareStatement("SELECT w.available, w.credited, "
                    + "(SELECT COALESCE(SUM(amount), 0) FROM wallet_ledger_entry l WHERE l.user_id = w.user_id), "
                    + "(SELECT COALESCE(SUM(total), 0) FROM customer_order o WHERE o.user_id = w.user_id), "
                    + "(SELECT COUNT(*) FROM customer_order o WHERE o.user_id = w.user_id) FROM wallet w WHERE w.user_id = ?")) {
                query.setString(1, user);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    BigDecimal spent = row.getBigDecimal(2).subtract(row.getBigDecimal(1));
                    if (spent.compareTo(row.getBigDecimal(3)) != 0 || spent.compareTo(row.getBigDecimal(4)) != 0) {
                        broken.add("baseline wallet " + user + ": spent " + spent + ", debits " + row.getBigDecimal(3)
                                + ", orders " + row.getBigDecimal(4));
                    }
                    byStatus.merge("PAID", row.getLong(5), Long::sum);
                }
            }
        }
        return new Outcome(List.of("baseline (SQL on bench_db): per SKU on hand + sold = received and sold = units "
                + "ordered; per wallet credited - available = debits = order totals"), broken, byStatus);
    }

    private static long count(Api api, String token, String status) {
        return orders(api, token, status).size();
    }

    private static List<JsonNode> orders(Api api, String token, String status) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/orders?limit=100" + (status == null ? "" : "&status=" + status)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = api.expect(200, api.get(path, token), "orders").body();
            page.path("orders").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }
}
