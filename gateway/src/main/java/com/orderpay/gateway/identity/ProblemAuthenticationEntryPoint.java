package com.orderpay.gateway.identity;

import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.platform.problem.ProblemCode;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** No or bad bearer token: 401 problem+json {@code unauthorized} with an RFC 6750 {@code WWW-Authenticate}. */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final ProblemResponses problems;

    ProblemAuthenticationEntryPoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof OAuth2AuthenticationException oauth) {
            OAuth2Error error = oauth.getError();
            String description = error.getDescription() == null ? "" : error.getDescription().replaceAll("[\"\\\\\\r\\n]", "'");
            String challenge = "Bearer error=\"" + error.getErrorCode() + "\""
                    + (description.isEmpty() ? "" : ", error_description=\"" + description + "\"");
            return problems.write(exchange, ProblemCode.UNAUTHORIZED,
                    "The bearer token is not valid" + (description.isEmpty() ? "" : ": " + description),
                    headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge));
        }
        return problems.write(exchange, ProblemCode.UNAUTHORIZED, "A bearer token is required",
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }
}
