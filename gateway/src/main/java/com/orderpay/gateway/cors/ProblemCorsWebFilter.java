package com.orderpay.gateway.cors;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.platform.problem.ProblemCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Spring's CorsWebFilter, but a cross-origin request it refuses gets a 403 problem+json saying why, as every other
 * answer of the gateway, instead of an empty 403. Spring's own processor decides (origin, method, headers), so the
 * rules are exactly those of {@link StorefrontCorsConfiguration}.
 */
public class ProblemCorsWebFilter implements WebFilter {

    private final CorsConfigurationSource source;
    private final ProblemResponses problems;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    public ProblemCorsWebFilter(CorsConfigurationSource source, ProblemResponses problems) {
        this.source = source;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        CorsConfiguration config = CorsUtils.isCorsRequest(request) ? source.getCorsConfiguration(exchange) : null;
        if (config == null) {
            return chain.filter(exchange);
        }
        if (!processor.process(config, exchange)) {
            return problems.write(exchange, ProblemCode.FORBIDDEN, refusal(request, config));
        }
        return CorsUtils.isPreFlightRequest(request) ? Mono.empty() : chain.filter(exchange);
    }

    private static String refusal(ServerHttpRequest request, CorsConfiguration config) {
        String origin = request.getHeaders().getOrigin();
        if (config.checkOrigin(origin) == null) {
            return "Origin " + origin + " may not call this API from a browser (CORS); an operator allows a "
                    + "storefront's origin in ORDERPAY_CORS_ALLOWED_ORIGINS";
        }
        String method = CorsUtils.isPreFlightRequest(request)
                ? request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)
                : request.getMethod().name();
        String refused = config.checkHttpMethod(HttpMethod.valueOf(method)) == null ? "the method " + method
                : "the headers " + request.getHeaders().getAccessControlRequestHeaders();
        return "A cross-origin request may not use " + refused + "; allowed: methods " + config.getAllowedMethods()
                + ", headers " + config.getAllowedHeaders();
    }
}
