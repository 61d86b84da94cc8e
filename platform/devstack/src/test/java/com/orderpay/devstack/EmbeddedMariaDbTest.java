package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {

    /** The benchmark measures a server option by a launcher system property, without a build (bench/RESULTS.md). */
    @Test
    void serverOptionsComeFromTheLaunchersSystemProperties() throws Exception {
        String option = EmbeddedMariaDb.OPTION_PREFIX + "thread-handling";
        System.setProperty(option, "pool-of-threads");
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(Files.createTempDirectory("mariadb-options").toFile(), 0)) {
            System.clearProperty(option);
            assertThat(variable(db, "thread_handling")).isEqualTo("pool-of-threads");
            // The stock server's isolation stays: the services pin theirs in their pools.
            assertThat(variable(db, "tx_isolation")).isEqualTo("REPEATABLE-READ");
            // Dropped connections (a service killed or stopped) are not relayed as warnings at ERROR.
            assertThat(variable(db, "log_warnings")).isEqualTo("1");
        } finally {
            System.clearProperty(option);
        }
    }

    private static String variable(EmbeddedMariaDb db, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("mysql"), db.username(), db.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT @@" + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
