package com.orderpay.gateway.ui;

import com.orderpay.gateway.identity.JwtProperties;
import java.net.URI;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every answer under {@code /console/} and {@code /shop/} carries the pages' Content-Security-Policy: the page at
 * {@code /console/} and the same file at {@code /console/index.html} alike (a link to the second must not drop it).
 *
 * <p>The pages run only their own scripts, from this origin: a script injected into one (inline, an event handler,
 * another origin's) does not run, and no other site may frame them. Alpine's standard build evaluates its attribute
 * expressions, hence 'unsafe-eval'; the libraries set styles inline, hence 'unsafe-inline' for styles only. The
 * identity provider (the issuer's origin) is the one other origin the pages may call: discovery and the token exchange
 * of the OIDC sign-in.
 */
@Component
public class PagesContentSecurityPolicy implements WebFilter {

    private final String policy;

    public PagesContentSecurityPolicy(JwtProperties jwt) {
        this.policy = policy(jwt.hasIssuer() ? originOf(jwt.issuer()) : null);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/console/") || path.startsWith("/shop/")) {
            exchange.getResponse().getHeaders().set("Content-Security-Policy", policy);
        }
        return chain.filter(exchange);
    }

    static String policy(String identityProvider) {
        String idp = identityProvider == null ? "" : " " + identityProvider;
        return "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self'" + idp + "; frame-src" + (idp.isEmpty() ? " 'none'" : idp)
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String originOf(String issuer) {
        URI uri = URI.create(issuer.strip());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
