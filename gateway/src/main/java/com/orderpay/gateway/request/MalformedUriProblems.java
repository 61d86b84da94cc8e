package com.orderpay.gateway.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.platform.problem.ProblemCode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A request whose URI cannot be parsed ({@code /api/orders/%zz}) never reaches WebFlux: its adapter sets 400 and
 * sends nothing. This gives that answer the same problem+json body and request id as every other error.
 */
@Component
public class MalformedUriProblems implements NettyServerCustomizer {

    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ObjectMapper objectMapper;

    public MalformedUriProblems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.mapHandle((handled, connection) -> handled.then(Mono.defer(() -> {
            // Every answer WebFlux produces has sent its headers by now; an unsent 400 is the adapter's refusal.
            if (connection instanceof HttpServerResponse response && connection instanceof HttpServerRequest request
                    && !response.hasSentHeaders() && response.status().code() == 400
                    && !HttpMethod.HEAD.equals(request.method())) {
                return writeProblem(request, response);
            }
            return Mono.empty();
        })));
    }

    private Mono<Void> writeProblem(HttpServerRequest request, HttpServerResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        ProblemCode problem = ProblemCode.VALIDATION_FAILED;
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", 400);
        body.put("detail", "Malformed request URI");
        byte[] json;
        try {
            json = objectMapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Mono.error(e);
        }
        String incoming = request.requestHeaders().get(RequestIdFilter.HEADER);
        String requestId = incoming != null && SANE_REQUEST_ID.matcher(incoming).matches() ? incoming
                : UUID.randomUUID().toString();
        return response.header(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(json.length))
                .header(RequestIdFilter.HEADER, requestId)
                .sendByteArray(Mono.just(json))
                .then();
    }
}
