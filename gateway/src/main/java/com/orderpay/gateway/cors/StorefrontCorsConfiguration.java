package com.orderpay.gateway.cors;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Real storefronts call the API from their own origin: the public API answers the browser's CORS checks for the
 * origins an operator configured, and for no other. Applied by the security chain before authentication, so a preflight
 * needs no token and a 401 or 403 problem still carries the headers the page needs to read it. Credentials are allowed
 * (a storefront may send cookies of its own); the origins are exact, never a wildcard.
 */
@Configuration(proxyBeanMethods = false)
public class StorefrontCorsConfiguration {

    static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            "Idempotency-Key", HttpHeaders.IF_MATCH, "X-Request-Id");
    static final List<String> EXPOSED_HEADERS = List.of("X-Request-Id", HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER,
            "Idempotent-Replayed", HttpHeaders.LOCATION);

    @Bean
    public CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration api = new CorsConfiguration();
        // An empty list refuses every cross-origin request (403 to a preflight): none are allowed until configured.
        api.setAllowedOrigins(properties.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "POST", "PUT"));
        api.setAllowedHeaders(ALLOWED_HEADERS);
        api.setExposedHeaders(EXPOSED_HEADERS);
        api.setAllowCredentials(true);
        api.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return source;
    }
}
