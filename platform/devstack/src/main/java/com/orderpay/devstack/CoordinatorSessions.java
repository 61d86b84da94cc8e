package com.orderpay.devstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Sessions written straight into a coordinator's db store, as a coordinator leaves them when its phase two is cut
 * short (its store failed under it, or it died): for tests of its recovery settings (devstack's and production's).
 */
public final class CoordinatorSessions {

    private CoordinatorSessions() {
    }

    /** A place-order session without branches, status Committing (2), begun {@code age} ago; its XID. */
    public static String leftCommitting(Connection store, Duration age) throws SQLException {
        String xid = "127.0.0.1:8091:" + System.nanoTime();
        try (PreparedStatement insert = store.prepareStatement("INSERT INTO global_table (xid, transaction_id, status, "
                + "application_id, transaction_service_group, transaction_name, timeout, begin_time, gmt_create, "
                + "gmt_modified) VALUES (?, ?, 2, 'order-service', 'orderpay_tx_group', 'place-order', 20000, ?, "
                + "NOW(), NOW())")) {
            insert.setString(1, xid);
            insert.setLong(2, System.nanoTime());
            insert.setLong(3, System.currentTimeMillis() - age.toMillis());
            insert.executeUpdate();
        }
        return xid;
    }

    /** Whether the store still holds the session {@code xid}. */
    public static boolean held(Connection store, String xid) throws SQLException {
        try (PreparedStatement query = store.prepareStatement("SELECT COUNT(*) FROM global_table WHERE xid = ?")) {
            query.setString(1, xid);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }
}
