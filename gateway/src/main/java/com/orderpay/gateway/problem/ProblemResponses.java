package com.orderpay.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes every answer the gateway produces itself as RFC 9457 {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail} and {@code instance}, and counts it.
 */
@Component
public class ProblemResponses {

    private final ObjectMapper objectMapper;
    private final MeterRegistry meterRegistry;

    public ProblemResponses(ObjectMapper objectMapper, MeterRegistry meterRegistry) {
        this.objectMapper = objectMapper;
        this.meterRegistry = meterRegistry;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemCode problem, String detail) {
        return write(exchange, problem, problem.status(), detail, List.of(), headers -> { });
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemCode problem, String detail,
            Consumer<HttpHeaders> extraHeaders) {
        return write(exchange, problem, problem.status(), detail, List.of(), extraHeaders);
    }

    /**
     * @param status normally {@code problem.status()}; a client error without a code of its own (413, 415...)
     *               keeps its precise status under {@code validation-failed}
     * @param errors offending fields, each {@code {"field", "message"}}, or empty
     */
    public Mono<Void> write(ServerWebExchange exchange, ProblemCode problem, HttpStatusCode status, String detail,
            List<Map<String, String>> errors, Consumer<HttpHeaders> extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Too late for a body (the downstream answer has started): the connection is closed on the client.
            return Mono.error(new IllegalStateException("Response already committed: " + detail));
        }
        meterRegistry.counter("orderpay.gateway.rejections", "reason", problem.slug()).increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        byte[] json;
        try {
            json = objectMapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(json.length);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        extraHeaders.accept(headers);
        DataBuffer buffer = response.bufferFactory().wrap(json);
        return response.writeWith(Mono.just(buffer));
    }
}
