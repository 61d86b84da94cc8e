package com.orderpay.system;

import com.orderpay.system.LoadOfBuyers.Op;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the databases say after a fault, checked against architecture.md's invariants and against what each client
 * was told. Reads only, in one read-only session that sees every service's database (they share the server here);
 * nothing is ever fixed from here.
 *
 * @param userPrefix  the buyers of this run
 * @param skuPrefix   the SKUs of this run
 * @param receivedPerSku units each SKU received (it was created with them; nothing was restocked)
 */
record SystemAudit(String dbHostPort, String userPrefix, String skuPrefix, long receivedPerSku) {

    /** Orders still owed a decision: a phase two not landed, a deadline passed, a hold or a freeze in flight. */
    record Unsettled(long placingOrPaying, long overdueUnpaid, long releasing, long reservationsInFlight,
                     long freezesInFlight) {

        boolean none() {
            return placingOrPaying + overdueUnpaid + releasing + reservationsInFlight + freezesInFlight == 0;
        }

        /** What was left, in words, e.g. "2 orders PLACING/PAYING, 1 freeze TRYING". */
        String describe() {
            List<String> parts = new ArrayList<>();
            if (placingOrPaying > 0) {
                parts.add(placingOrPaying + " orders PLACING/PAYING");
            }
            if (overdueUnpaid > 0) {
                parts.add(overdueUnpaid + " unpaid orders past their deadline");
            }
            if (releasing > 0) {
                parts.add(releasing + " holds owed back");
            }
            if (reservationsInFlight > 0) {
                parts.add(reservationsInFlight + " reservations TRYING/SELLING");
            }
            if (freezesInFlight > 0) {
                parts.add(freezesInFlight + " freezes TRYING");
            }
            return String.join(", ", parts);
        }
    }

    /**
     * What is undecided and which invariants fail, read in ONE snapshot. Read apart, an order the expiry timer turns
     * EXPIRED between the two reads would look settled in the first and keep a hold in the second, though at every
     * instant its deadline row said the hold was owed back (RELEASING).
     */
    record View(Unsettled unsettled, List<String> broken) {
    }

    View view() {
        return query(connection -> {
            Unsettled unsettled = unsettled(connection);
            List<String> broken = new ArrayList<>();
            stock(connection, broken);
            money(connection, broken);
            ordersAgainstMoneyAndStock(connection, broken);
            return new View(unsettled, broken);
        });
    }

    private Unsettled unsettled(Connection connection) throws SQLException {
        return new Unsettled(
                count(connection, "SELECT COUNT(*) FROM order_db.customer_order WHERE user_id LIKE ? "
                        + "AND status IN ('PLACING', 'PAYING')", userPrefix + "%"),
                count(connection, "SELECT COUNT(*) FROM order_db.customer_order WHERE user_id LIKE ? "
                        + "AND status = 'AWAITING_PAYMENT' AND expires_at < UTC_TIMESTAMP(3) - INTERVAL 3 SECOND",
                        userPrefix + "%"),
                count(connection, "SELECT COUNT(*) FROM order_db.payment_deadline d JOIN order_db.customer_order o "
                        + "ON o.order_no = d.order_no WHERE o.user_id LIKE ? AND d.state = 'RELEASING'", userPrefix + "%"),
                count(connection, "SELECT COUNT(*) FROM inventory_db.stock_reservation WHERE sku_id LIKE ? "
                        + "AND status IN ('TRYING', 'SELLING')", skuPrefix + "%"),
                count(connection, "SELECT COUNT(*) FROM wallet_db.funds_freeze WHERE user_id LIKE ? AND status = 'TRYING'",
                        userPrefix + "%"));
    }

    /** Each client's view that the data contradicts, in words; empty when every answer is reflected. */
    List<String> contradictedAnswers(List<Op> ops) {
        return query(connection -> {
            Map<String, String> statusOf = new HashMap<>();
            Map<String, String> orderOfKey = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT order_no, status, user_id, "
                    + "placement_key FROM order_db.customer_order WHERE user_id LIKE ?")) {
                statement.setString(1, userPrefix + "%");
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        statusOf.put(rows.getString(1), rows.getString(2));
                        if (rows.getString(4) != null && !"REJECTED".equals(rows.getString(2))) {
                            orderOfKey.put(rows.getString(3) + "|" + rows.getString(4), rows.getString(1));
                        }
                    }
                }
            }
            List<String> contradicted = new ArrayList<>();
            for (Op op : ops) {
                String status = op.orderNo() == null ? null : statusOf.get(op.orderNo());
                switch (op.kind()) {
                    case "PLACE" -> {
                        String live = orderOfKey.get(op.buyer() + "|" + op.key());
                        if (op.succeeded()) {
                            if (status == null) {
                                contradicted.add(op + ": acknowledged, but the order does not exist");
                            } else if (op.status() == 201 && op.payNow() && !"PAID".equals(status)) {
                                contradicted.add(op + ": acknowledged PAID, but the order is " + status);
                            } else if (op.status() == 201 && !op.payNow() && "REJECTED".equals(status)) {
                                contradicted.add(op + ": acknowledged, but the order was rejected");
                            } else if (!op.orderNo().equals(live) && !"REJECTED".equals(status)) {
                                contradicted.add(op + ": its key's live order is " + live);
                            }
                        } else if (op.definite() && live != null) {
                            contradicted.add(op + ": refused (" + op.code() + "), but order " + live
                                    + " lives under its key");
                        }
                    }
                    case "PAY" -> {
                        if (op.succeeded() && !"PAID".equals(status)) {
                            contradicted.add(op + ": acknowledged paid, but the order is " + status);
                        } else if (op.definite() && !op.succeeded() && "PAID".equals(status)) {
                            contradicted.add(op + ": refused (" + op.code() + "), but the order is PAID");
                        }
                    }
                    case "CANCEL" -> {
                        if (op.succeeded() && !"CANCELLED".equals(status)) {
                            contradicted.add(op + ": acknowledged cancelled, but the order is " + status);
                        }
                    }
                    default -> throw new IllegalStateException(op.kind());
                }
            }
            return contradicted;
        });
    }

    // ---- invariants ------------------------------------------------------------------------------------------

    /** 1. Stock never negative, never oversold; reserved and sold are what the reservations say. */
    private void stock(Connection connection, List<String> broken) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT s.sku_id, s.on_hand, s.reserved, s.sold, "
                + "(SELECT COALESCE(SUM(r.quantity), 0) FROM inventory_db.stock_reservation r WHERE r.sku_id = s.sku_id "
                + "AND r.status IN ('TRYING', 'HELD', 'SELLING')), "
                + "(SELECT COALESCE(SUM(r.quantity), 0) FROM inventory_db.stock_reservation r WHERE r.sku_id = s.sku_id "
                + "AND r.status = 'SOLD') FROM inventory_db.sku s WHERE s.sku_id LIKE ?")) {
            statement.setString(1, skuPrefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String sku = rows.getString(1);
                    long onHand = rows.getLong(2);
                    long reserved = rows.getLong(3);
                    long sold = rows.getLong(4);
                    if (onHand < 0 || reserved < 0 || reserved > onHand) {
                        broken.add("SKU " + sku + ": on hand " + onHand + ", reserved " + reserved);
                    }
                    if (onHand + sold != receivedPerSku) {
                        broken.add("SKU " + sku + ": on hand " + onHand + " + sold " + sold + " != received "
                                + receivedPerSku);
                    }
                    if (reserved != rows.getLong(5) || sold != rows.getLong(6)) {
                        broken.add("SKU " + sku + ": reserved/sold " + reserved + "/" + sold + " but reservations say "
                                + rows.getLong(5) + "/" + rows.getLong(6));
                    }
                }
            }
        }
    }

    /** 2. Every wallet is the sum of its ledger; money changes only by credits and refunds. */
    private void money(Connection connection, List<String> broken) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT w.user_id, w.available, w.frozen, "
                + "(SELECT COALESCE(SUM(CASE e.type WHEN 'CREDIT' THEN e.amount WHEN 'REFUND' THEN e.amount "
                + "WHEN 'DEBIT' THEN -e.amount ELSE 0 END), 0) FROM wallet_db.wallet_ledger_entry e WHERE e.user_id = w.user_id), "
                + "(SELECT COALESCE(SUM(f.amount), 0) FROM wallet_db.funds_freeze f WHERE f.user_id = w.user_id "
                + "AND f.status = 'TRYING') FROM wallet_db.wallet w WHERE w.user_id LIKE ?")) {
            statement.setString(1, userPrefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    BigDecimal available = rows.getBigDecimal(2);
                    BigDecimal frozen = rows.getBigDecimal(3);
                    if (available.signum() < 0 || frozen.signum() < 0
                            || available.add(frozen).compareTo(rows.getBigDecimal(4)) != 0
                            || frozen.compareTo(rows.getBigDecimal(5)) != 0) {
                        broken.add("wallet " + rows.getString(1) + ": available " + available + " frozen " + frozen
                                + " but its ledger says " + rows.getBigDecimal(4) + " and its freezes " + rows.getBigDecimal(5));
                    }
                }
            }
        }
    }

    /** 3. Every PAID order has exactly one debit and its stock sold; no other order keeps money or a hold. */
    private void ordersAgainstMoneyAndStock(Connection connection, List<String> broken) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT o.order_no, o.status, o.total, "
                + "(SELECT COUNT(*) FROM wallet_db.wallet_ledger_entry e WHERE e.order_no = o.order_no AND e.type = 'DEBIT'), "
                + "(SELECT COALESCE(SUM(e.amount), 0) FROM wallet_db.wallet_ledger_entry e WHERE e.order_no = o.order_no "
                + "AND e.type = 'DEBIT'), "
                + "(SELECT COALESCE(SUM(e.amount), 0) FROM wallet_db.wallet_ledger_entry e WHERE e.order_no = o.order_no "
                + "AND e.type = 'REFUND'), "
                + "(SELECT COALESCE(SUM(i.quantity), 0) FROM order_db.order_item i WHERE i.order_no = o.order_no), "
                + "(SELECT COALESCE(SUM(r.quantity), 0) FROM inventory_db.stock_reservation r WHERE r.order_no = o.order_no "
                + "AND r.status = 'SOLD'), "
                + "(SELECT COALESCE(SUM(r.quantity), 0) FROM inventory_db.stock_reservation r WHERE r.order_no = o.order_no "
                + "AND r.status IN ('TRYING', 'HELD', 'SELLING')) "
                + "FROM order_db.customer_order o WHERE o.user_id LIKE ?")) {
            statement.setString(1, userPrefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String order = rows.getString(1);
                    String status = rows.getString(2);
                    BigDecimal total = rows.getBigDecimal(3);
                    long debits = rows.getLong(4);
                    BigDecimal netDebit = rows.getBigDecimal(5).subtract(rows.getBigDecimal(6));
                    long units = rows.getLong(7);
                    long sold = rows.getLong(8);
                    long held = rows.getLong(9);
                    switch (status) {
                        case "PAID" -> {
                            if (debits != 1 || netDebit.compareTo(total) != 0 || sold != units || held != 0) {
                                broken.add("PAID order " + order + ": " + debits + " debits, net " + netDebit + " of "
                                        + total + ", " + sold + "/" + units + " units sold, " + held + " held");
                            }
                        }
                        case "AWAITING_PAYMENT" -> {
                            if (netDebit.signum() != 0 || held != units || sold != 0) {
                                broken.add("unpaid order " + order + ": net debit " + netDebit + ", " + held + "/" + units
                                        + " units held, " + sold + " sold");
                            }
                        }
                        case "CANCELLED", "EXPIRED", "REJECTED" -> {
                            if (netDebit.signum() != 0 || held != 0 || sold != 0) {
                                broken.add(status + " order " + order + ": net debit " + netDebit + ", " + held
                                        + " units held, " + sold + " sold");
                            }
                        }
                        default -> broken.add("order " + order + " is still " + status);
                    }
                }
            }
        }
        // 5. One Idempotency-Key, one effect: at most one live order per (user, key), at most one debit per order.
        long twice = count(connection, "SELECT COUNT(*) FROM (SELECT user_id, placement_key FROM order_db.customer_order "
                + "WHERE user_id LIKE ? AND status <> 'REJECTED' AND placement_key IS NOT NULL "
                + "GROUP BY user_id, placement_key HAVING COUNT(*) > 1) t", userPrefix + "%");
        if (twice > 0) {
            broken.add(twice + " Idempotency-Keys with more than one live order");
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T query(Query<T> query) {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + dbHostPort
                + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&sessionVariables=transaction_read_only=1", "root", "")) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                // One snapshot for every statement of the check.
                return query.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit query failed", e);
        }
    }

    private static long count(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
