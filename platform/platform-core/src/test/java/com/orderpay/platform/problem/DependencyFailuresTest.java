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
        // A sibling that cannot be reached or does not answer in time (Feign's read timeout), as Feign throws it.
        assertThat(DependencyFailures.isDependencyFailure(new feign.RetryableException(-1, "Read timed out",
                feign.Request.HttpMethod.POST, new java.net.SocketTimeoutException("Read timed out"), (Long) null,
                sibling()))).isTrue();
    }

    private static feign.Request sibling() {
        return feign.Request.create(feign.Request.HttpMethod.POST, "http://inventory-service/internal/x",
                java.util.Map.of(), new byte[0], java.nio.charset.StandardCharsets.UTF_8, null);
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
        // A sibling's answer this service cannot read is a contract broken between the two, not an outage.
        assertThat(DependencyFailures.isDependencyFailure(new feign.codec.DecodeException(200, "cannot read",
                sibling()))).isFalse();
    }
}
