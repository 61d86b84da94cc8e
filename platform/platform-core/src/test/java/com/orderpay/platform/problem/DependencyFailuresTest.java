package com.orderpay.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.ClosedChannelException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class DependencyFailuresTest {

    @Test
    void aPeerOrTheNetworkFailingIsADependencyFailureHoweverDeepItIsWrapped() {
        // As Seata's RPC client throws a closed channel to the coordinator: two plain RuntimeExceptions around it.
        assertThat(DependencyFailures.isDependencyFailure(
                new RuntimeException(new RuntimeException(new ClosedChannelException())))).isTrue();
        assertThat(DependencyFailures.isDependencyFailure(new RuntimeException(new TimeoutException("rpc")))).isTrue();
        assertThat(DependencyFailures.isDependencyFailure(
                new DataAccessResourceFailureException("db", new SQLTransientConnectionException()))).isTrue();
        // The database killed under an open transaction: its rollback fails on a connection already closed.
        assertThat(DependencyFailures.isDependencyFailure(new org.springframework.transaction.TransactionSystemException(
                "JDBC rollback failed", new java.sql.SQLNonTransientConnectionException("connection closed")))).isTrue();
    }

    @Test
    void aBugIsNot() {
        assertThat(DependencyFailures.isDependencyFailure(new NullPointerException())).isFalse();
        assertThat(DependencyFailures.isDependencyFailure(new IllegalStateException(new IllegalArgumentException())))
                .isFalse();
        // JSON that cannot be written is an I/O exception by type, and a bug all the same.
        assertThat(DependencyFailures.isDependencyFailure(new IllegalStateException(
                new com.fasterxml.jackson.core.JsonGenerationException("no serializer", (com.fasterxml.jackson.core.JsonGenerator) null))))
                .isFalse();
    }
}
