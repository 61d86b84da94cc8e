package com.orderpay.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.orderpay.gateway.request.RequestTooLargeException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

class DownstreamFailuresTest {

    @Test
    void unreachableSlowOrBrokenServicesAreDownstreamFailures() {
        assertThat(DownstreamFailures.isDownstreamFailure(new ConnectException("Connection refused"))).isTrue();
        assertThat(DownstreamFailures.isDownstreamFailure(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(DownstreamFailures.isDownstreamFailure(new TimeoutException("time limiter"))).isTrue();
        assertThat(DownstreamFailures.isDownstreamFailure(
                new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout"))).isTrue();
        assertThat(DownstreamFailures.isDownstreamFailure(NotFoundException.create(false, "No instance"))).isTrue();
        assertThat(DownstreamFailures.isDownstreamFailure(new ServiceUnavailableException())).isTrue();
        assertThat(DownstreamFailures.isDownstreamFailure(
                CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("order-service")))).isTrue();
        assertThat(DownstreamFailures.isDownstreamFailure(new IOException("Connection reset by peer"))).isTrue();
    }

    @Test
    void clientMistakesAndGatewayBugsAreNot() {
        assertThat(DownstreamFailures.isDownstreamFailure(new RequestTooLargeException(1024))).isFalse();
        assertThat(DownstreamFailures.isDownstreamFailure(
                new ServerWebInputException("bad JSON", null, new JsonParseException(null, "Unexpected end-of-input"))))
                .as("a Jackson error is an IOException but the client's fault").isFalse();
        assertThat(DownstreamFailures.isDownstreamFailure(new IllegalStateException("bug"))).isFalse();
        assertThat(DownstreamFailures.isDownstreamFailure(new ResponseStatusException(HttpStatus.NOT_FOUND))).isFalse();
    }
}
