package com.orderpay.inventory.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * The platform's pools prepare each statement once on the server and then send only its parameters (issue 10: less
 * parsing in MariaDB and in the driver for the ~40 statements of an order). Every service shares the setting.
 */
class ServerPreparedStatementsTest extends InventoryComponentTest {

    @Test
    void aStatementIsPreparedOnTheServerOnceAndReused() {
        // a text of its own, so no earlier test has it in the connection's statement cache
        String sql = "SELECT sku_id FROM sku WHERE sku_id = ? /* probe " + System.nanoTime() + " */";
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            long before = serverPrepares(connection);
            run(connection, sql);
            long afterFirst = serverPrepares(connection);
            run(connection, sql);
            assertThat(afterFirst).as("prepared on the server").isEqualTo(before + 1);
            assertThat(serverPrepares(connection)).as("prepared once, reused from the cache").isEqualTo(afterFirst);
            return null;
        });
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "NO-SUCH-SKU");
            statement.executeQuery().close();
        }
    }

    private static long serverPrepares(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet status = statement.executeQuery("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")) {
            status.next();
            return status.getLong(2);
        }
    }
}
