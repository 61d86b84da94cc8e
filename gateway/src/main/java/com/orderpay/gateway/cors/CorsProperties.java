package com.orderpay.gateway.cors;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedOrigins the storefront origins ({@code https://shop.example.com}) whose pages may call the API from the
 *                       browser; none by default ({@code orderpay.gateway.cors.allowed-origins}, env
 *                       {@code ORDERPAY_CORS_ALLOWED_ORIGINS}, comma-separated)
 */
@ConfigurationProperties("orderpay.gateway.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        for (String origin : allowedOrigins) {
            if (origin.equals("*") || origin.endsWith("/") || !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalStateException("orderpay.gateway.cors.allowed-origins: '" + origin
                        + "' is not an origin (scheme://host[:port], no wildcard, no path)");
            }
        }
    }
}
