package com.orderpay.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

class SqlErrorCodesAtStartupTest {

    @Test
    void onceResolvedAtStartUpAFailureIsTranslatedWithoutAskingTheDatabaseAgain() throws SQLException {
        DataSource database = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        DatabaseMetaData metaData = mock(DatabaseMetaData.class);
        when(database.getConnection()).thenReturn(connection);
        when(connection.getMetaData()).thenReturn(metaData);
        when(metaData.getDatabaseProductName()).thenReturn("MariaDB");

        new SqlErrorCodesAtStartup(List.of(database)).afterSingletonsInstantiated();
        // The database goes away: a connection would now be waited for (Hikari's connection timeout, under a lock
        // every translating thread shares), then refused.
        when(database.getConnection()).thenThrow(new SQLNonTransientConnectionException("Communications link failure"));

        var translated = new SQLErrorCodeSQLExceptionTranslator(database)
                .translate("claim", "INSERT", new SQLException("Duplicate entry", "23000", 1062));

        assertThat(translated).as("MySQL's codes, known without the database").isInstanceOf(DuplicateKeyException.class);
        verify(database, times(1)).getConnection();
    }
}
