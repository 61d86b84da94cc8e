package com.orderpay.gateway.problem;

import com.orderpay.gateway.request.ExchangeLogContext;
import com.orderpay.gateway.resilience.DownstreamFailures;
import com.orderpay.platform.problem.ProblemCode;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every error that reaches the edge into problem+json: an unavailable, slow or circuit-broken downstream is
 * 503 {@code service-unavailable} (never a 500 or a bare 504), an unknown path 404, framework 4xx keep their
 * status. Runs before Boot's own error handler (order -1).
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemResponses problems;

    public GatewayErrorHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        try (ExchangeLogContext ignored = ExchangeLogContext.of(exchange)) {
            return handleUncommitted(exchange, ex);
        }
    }

    private Mono<Void> handleUncommitted(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) != null
                && DownstreamFailures.isDownstreamFailure(ex)) {
            String service = downstreamName(exchange);
            log.warn("{} unavailable for {} {}: {}", service, exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.toString());
            // Retry-After as the services' own 503s carry it (the contract promises it on every 503).
            return problems.write(exchange, ProblemCode.SERVICE_UNAVAILABLE,
                    service + " is unavailable or did not answer in time; retry later",
                    headers -> headers.set(HttpHeaders.RETRY_AFTER, "1"));
        }
        if (ex instanceof WebExchangeBindException binding) {
            List<Map<String, String>> errors = binding.getFieldErrors().stream().map(GatewayErrorHandler::fieldError).toList();
            return problems.write(exchange, ProblemCode.VALIDATION_FAILED, HttpStatus.BAD_REQUEST,
                    "Request is not valid", errors, headers -> { });
        }
        if (ex instanceof ServerWebInputException input) {
            return problems.write(exchange, ProblemCode.VALIDATION_FAILED, HttpStatus.BAD_REQUEST,
                    "Malformed request: " + rootMessage(input), List.of(), headers -> { });
        }
        if (ex instanceof DataBufferLimitException) {
            return problems.write(exchange, ProblemCode.VALIDATION_FAILED, HttpStatus.PAYLOAD_TOO_LARGE,
                    "Request body is too large", List.of(), headers -> { });
        }
        if (ex instanceof ResponseStatusException status) {
            ProblemCode problem = ProblemCode.forStatus(status.getStatusCode());
            if (problem == ProblemCode.INTERNAL_ERROR) {
                log.error("Error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
            }
            String detail = problem == ProblemCode.NOT_FOUND ? "No such resource: " + exchange.getRequest().getPath()
                    : status.getReason() != null ? status.getReason() : problem.title();
            return problems.write(exchange, problem, status.getStatusCode(), detail, List.of(),
                    headers -> status.getHeaders().forEach(headers::putIfAbsent));
        }
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return problems.write(exchange, ProblemCode.INTERNAL_ERROR, "Unexpected error in the gateway; retry later");
    }

    private static String downstreamName(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null && route.getUri().getHost() != null ? route.getUri().getHost() : "The service";
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            // Jackson's own words name our classes and its features; say where, and what in general.
            var where = json.getLocation();
            return "the body is not the JSON this request takes" + (where == null || where.getLineNr() < 1 ? ""
                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
        }
        String message = root == ex && ex instanceof ResponseStatusException status ? status.getReason() : root.getMessage();
        if (message == null) {
            return "unreadable";
        }
        // Jackson's messages carry a source excerpt after a line break; the first line says what is wrong.
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
