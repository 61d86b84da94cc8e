package com.orderpay.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's data source as schema migrations need it: a statement may take as long as it takes (an index built on
 * a large table), where every other statement gives up after the driver's {@code socketTimeout}
 * (orderpay-platform-defaults.properties). The pool sets the connection's own timeout back when it is returned.
 */
public class MigrationDataSource extends DelegatingDataSource {

    public MigrationDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return unbounded(super.getConnection(username, password));
    }

    private static Connection unbounded(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, 0);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
