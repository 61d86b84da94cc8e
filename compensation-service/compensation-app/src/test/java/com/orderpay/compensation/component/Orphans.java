package com.orderpay.compensation.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.orderpay.devstack.ChildServices.Child;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each kind of orphan, made for real: a phase two that fails and a coordinator that then loses the transaction, a
 * crash of order-service between branches, an order that vanished under its hold, and hand-written rows.
 */
final class Orphans {

    private Orphans() {
    }

    /** The coordinator forgets a transaction: its store rows are gone, as after losing the store. */
    static void coordinatorLoses(String xid) {
        JdbcTemplate seata = Neighbours.writableDatabase("seata_db");
        seata.update("DELETE FROM lock_table WHERE xid = ?", xid);
        seata.update("DELETE FROM branch_table WHERE xid = ?", xid);
        seata.update("DELETE FROM global_table WHERE xid = ?", xid);
    }

    /**
     * A paid placement whose wallet Confirm fails (wallet-service is down when the coordinator commits), and whose
     * coordinator then loses the transaction: stock sold, money still frozen, the order maybe still PLACING.
     *
     * @return the order number
     */
    static String committedPlacementWithLostConfirm(String userId, String skuId) throws Exception {
        Child order = Neighbours.order();
        Child wallet = Neighbours.wallet();
        JdbcTemplate walletDb = Neighbours.readOnlyDatabase("wallet_db");
        JdbcTemplate seata = Neighbours.readOnlyDatabase("seata_db");
        var infrastructure = com.orderpay.devstack.SharedInfrastructure.get();
        String xid;
        CompletableFuture<Api.Reply> placing;
        try (Connection lock = DriverManager.getConnection(infrastructure.mariaDb().jdbcUrl(order.database()),
                infrastructure.mariaDb().username(), infrastructure.mariaDb().password());
             Statement statement = lock.createStatement()) {
            // The order's own Try registers its branch, then waits on this lock: stock and money are tried by then.
            statement.execute("LOCK TABLES customer_order WRITE");
            placing = CompletableFuture.supplyAsync(() -> Api.place(userId, skuId, 2, true));
            xid = await().atMost(Duration.ofSeconds(30)).until(
                    () -> walletDb.queryForList("SELECT xid FROM funds_freeze WHERE user_id = ?", String.class, userId),
                    xids -> !xids.isEmpty()).get(0);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> seata.queryForObject("SELECT COUNT(*) FROM branch_table WHERE xid = ?", Integer.class, xid),
                    branches -> branches == 3);
            wallet.process().stop();
            statement.execute("UNLOCK TABLES");
        }
        Api.Reply reply = placing.get(90, TimeUnit.SECONDS);
        // The coordinator tried the Confirms (the inventory one landed, the wallet one could not); then it loses it.
        await().atMost(Duration.ofSeconds(30)).until(() -> seata.queryForObject(
                "SELECT COUNT(*) FROM global_table WHERE xid = ? AND status <> 1", Integer.class, xid) > 0
                || seata.queryForObject("SELECT COUNT(*) FROM global_table WHERE xid = ?", Integer.class, xid) == 0);
        coordinatorLoses(xid);
        wallet.restart();
        String orderNo = reply.body().path("orderNo").asText(null);
        if (orderNo == null) {
            orderNo = Neighbours.readOnlyDatabase(order.database())
                    .queryForObject("SELECT order_no FROM customer_order WHERE user_id = ?", String.class, userId);
        }
        return orderNo;
    }

    /**
     * order-service killed (SIGKILL) between branches: stock is tried, the wallet has not answered yet (suspended),
     * the order's own branch never ran; the coordinator loses the transaction before its timeout would cancel it.
     *
     * @return the order number the reservation carries
     */
    static String placementCutShortByACrash(String userId, String skuId) {
        Child order = Neighbours.order();
        Child wallet = Neighbours.wallet();
        JdbcTemplate inventoryDb = Neighbours.readOnlyDatabase("inventory_db");
        Map<String, Object> reservation;
        wallet.process().suspend();
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    Api.place(userId, skuId, 3, true);
                } catch (RuntimeException e) {
                    // the connection dies with order-service
                }
            });
            reservation = await().atMost(Duration.ofSeconds(30)).until(() -> inventoryDb.queryForList(
                    "SELECT order_no, try_xid FROM stock_reservation WHERE sku_id = ?", skuId),
                    rows -> !rows.isEmpty()).get(0);
            order.process().kill();
            coordinatorLoses((String) reservation.get("try_xid"));
        } finally {
            wallet.process().resume();
        }
        order.restart();
        return (String) reservation.get("order_no");
    }

    /** A pay-later order whose rows vanished from order_db (a hand-made deletion): its hold stays in inventory. */
    static String holdWhoseOrderVanished(String userId, String skuId) {
        String orderNo = Api.placed(userId, skuId, 1, false);
        JdbcTemplate orderDb = Neighbours.writableDatabase(Neighbours.order().database());
        orderDb.update("DELETE FROM payment_deadline WHERE order_no = ?", orderNo);
        orderDb.update("DELETE FROM order_item WHERE order_no = ?", orderNo);
        orderDb.update("DELETE FROM customer_order WHERE order_no = ?", orderNo);
        assertThat(Api.reservationStatus(orderNo)).isEqualTo("HELD");
        return orderNo;
    }

    /**
     * A debit with no order at all, written by hand into wallet_db with a consistent ledger (freeze, debit) and
     * wallet figures: money taken for nothing.
     *
     * @return the order number the debit names
     */
    static String debitWithoutOrder(String userId, String amount) {
        String orderNo = Api.unique("O-GHOST");
        JdbcTemplate walletDb = Neighbours.writableDatabase("wallet_db");
        walletDb.update("INSERT INTO funds_freeze (xid, branch_id, order_no, user_id, amount, status) "
                + "VALUES (?, 1, ?, ?, ?, 'DEBITED')", "test:ghost:" + orderNo, orderNo, userId, new java.math.BigDecimal(amount));
        Long freezeId = walletDb.queryForObject("SELECT id FROM funds_freeze WHERE order_no = ?", Long.class, orderNo);
        for (String type : List.of("FREEZE", "DEBIT")) {
            walletDb.update("INSERT INTO wallet_ledger_entry (user_id, type, amount, order_no, freeze_id, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))", userId, type, new java.math.BigDecimal(amount), orderNo,
                    freezeId);
        }
        walletDb.update("UPDATE wallet SET available = available - ? WHERE user_id = ?", new java.math.BigDecimal(amount),
                userId);
        return orderNo;
    }
}
