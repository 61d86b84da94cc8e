package com.orderpay.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A migration's connection has no socket timeout; the pool's own connections keep theirs (the driver's setting). */
class MigrationDataSourceTest {

    private final DataSource pool = mock(DataSource.class);
    private final Connection connection = mock(Connection.class);

    @Test
    void aMigrationsConnectionWaitsAsLongAsItsStatementsTake() throws SQLException {
        when(pool.getConnection()).thenReturn(connection);

        assertThat(new MigrationDataSource(pool).getConnection()).isSameAs(connection);

        verify(connection).setNetworkTimeout(any(), eq(0));
    }

    @Test
    void aConnectionWhoseTimeoutCannotBeLiftedGoesBackToThePool() throws SQLException {
        when(pool.getConnection()).thenReturn(connection);
        doThrow(new SQLException("closed")).when(connection).setNetworkTimeout(any(), eq(0));

        assertThatThrownBy(() -> new MigrationDataSource(pool).getConnection()).isInstanceOf(SQLException.class);

        verify(connection).close();
    }
}
