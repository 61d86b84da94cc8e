package com.orderpay.gateway.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The services believe {@code X-User-Id}/{@code X-User-Roles} whenever {@code X-Internal-Token} is right, so
 * nothing of that kind may come from a client: every client-sent identity header (any {@code X-User-*}), internal
 * token, bearer token and Seata transaction header is dropped, then the verified identity and the internal token
 * are set.
 */
@Component
public class IdentityHeadersFilter implements GlobalFilter, Ordered {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";
    public static final String INTERNAL_TOKEN = "X-Internal-Token";
    private static final String USER_HEADER_PREFIX = "x-user-";
    /** Seata binds a request to a global transaction from these: a client must never choose one. */
    private static final List<String> TRANSACTION_HEADERS = List.of("TX_XID", "TX_BRANCH_TYPE");

    private final String internalToken;

    public IdentityHeadersFilter(IdentityProperties identity) {
        this.internalToken = identity.internalToken();
    }

    @Override
    public int getOrder() {
        return -100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> chain.filter(exchange.mutate()
                        .request(request -> request.headers(headers -> rewrite(headers, caller)))
                        .build()));
    }

    private void rewrite(HttpHeaders headers, Optional<JwtAuthenticationToken> caller) {
        headers.keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(USER_HEADER_PREFIX))
                .toList()
                .forEach(headers::remove);
        headers.remove(INTERNAL_TOKEN);
        headers.remove(HttpHeaders.AUTHORIZATION);
        TRANSACTION_HEADERS.forEach(headers::remove);
        // Without a verified caller no credential goes out: the service answers 401 on its own.
        caller.ifPresent(authentication -> {
            headers.set(USER_ID, authentication.getName());
            headers.set(USER_ROLES, String.join(",", authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .map(authority -> authority.substring("ROLE_".length()))
                    .sorted()
                    .toList()));
            headers.set(INTERNAL_TOKEN, internalToken);
        });
    }
}
