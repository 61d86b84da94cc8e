package com.orderpay.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fresh SKUs and buyers for each scenario run, so that every run's invariants are checked on its own rows: SKUs
 * created with {@code PUT /api/admin/skus/{id}}, wallets credited with {@code POST /api/admin/wallets/{user}/credits},
 * one dev token per buyer (one user per virtual buyer, so no buyer comes near the per-user rate limit). The
 * baseline's rows go straight into its own database.
 */
final class Fixtures {

    static final BigDecimal PRICE = new BigDecimal("12.50");
    static final BigDecimal CREDIT = new BigDecimal("100000.00");

    /** @param stock units per SKU, so that a run measures orders, not sold-out answers */
    record Prepared(List<String> buyers, List<String> tokens, List<String> skus, long stock) {
    }

    private Fixtures() {
    }

    static Prepared prepare(Api api, String adminToken, String tag, int buyers, int skus, long stock) {
        List<String> skuIds = inParallel(skus, i -> {
            String sku = tag + "-SKU-" + i;
            api.expect(201, api.send("PUT", "/api/admin/skus/" + sku, adminToken, null,
                    Map.of("name", "Bench item " + i, "price", PRICE.toPlainString(), "onHand", stock)), "creating " + sku);
            return sku;
        });
        List<String> users = inParallel(buyers, i -> {
            String user = tag + "-b" + i;
            api.expect(200, api.send("POST", "/api/admin/wallets/" + user + "/credits", adminToken, "credit-" + user,
                    Map.of("amount", CREDIT.toPlainString())), "crediting " + user);
            return user;
        });
        return new Prepared(users, inParallel(buyers, i -> api.token(users.get(i), "USER")), skuIds, stock);
    }

    /** A few at a time, in order of index (the admin's rate limit is waited out by {@link Api}). */
    static <T> List<T> inParallel(int count, java.util.function.IntFunction<T> task) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (java.util.concurrent.Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The baseline's SKUs and wallets (its own database); tokens through the gateway as for the services. */
    static Prepared prepareBaseline(Api api, Connection db, String tag, int buyers, int skus, long stock)
            throws SQLException {
        List<String> skuIds = new ArrayList<>();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO sku (sku_id, price, on_hand) VALUES (?, ?, ?)")) {
            for (int i = 0; i < skus; i++) {
                String sku = tag + "-SKU-" + i;
                insert.setString(1, sku);
                insert.setBigDecimal(2, PRICE);
                insert.setLong(3, stock);
                insert.executeUpdate();
                skuIds.add(sku);
            }
        }
        List<String> users = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO wallet (user_id, available, credited) VALUES (?, ?, ?)")) {
            for (int i = 0; i < buyers; i++) {
                String user = tag + "-b" + i;
                insert.setString(1, user);
                insert.setBigDecimal(2, CREDIT);
                insert.setBigDecimal(3, CREDIT);
                insert.executeUpdate();
                users.add(user);
            }
        }
        tokens.addAll(inParallel(users.size(), i -> api.token(users.get(i), "USER")));
        return new Prepared(users, tokens, skuIds, stock);
    }
}
