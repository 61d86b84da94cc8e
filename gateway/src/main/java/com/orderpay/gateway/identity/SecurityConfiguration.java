package com.orderpay.gateway.identity;

import com.orderpay.gateway.cors.ProblemCorsWebFilter;
import com.orderpay.gateway.problem.ProblemResponses;
import com.orderpay.platform.problem.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Stateless bearer-token security: every {@code /api/**} request needs a valid JWT (HS256 with the configured
 * secret locally, a JWK set in clusters), {@code /api/admin/**} the ADMIN role. Everything else (actuator, the
 * dev-token endpoint, the pages of the console and the storefront, which hold no data, and paths that are not routed
 * and answer 404) needs no token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class SecurityConfiguration {

    private static final OAuth2Error NO_EXPIRY = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token must carry an expiry (exp)", null);

    /** Below this an HS256 key is guessable (RFC 7518 section 3.2). */
    private static final int MIN_HMAC_KEY_BYTES = 32;

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemResponses problems,
            CorsConfigurationSource cors) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // Before authentication: a preflight carries no token (StorefrontCorsConfiguration says which origins may call).
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new ProblemCorsWebFilter(cors, problems), SecurityWebFiltersOrder.CORS)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/dev/tokens").permitAll()
                        .pathMatchers("/api/admin/**").hasRole(Roles.ADMIN)
                        // A token must carry a role of api.md: one with neither (no claim, an empty or unknown one)
                        // was taken for a shopper.
                        .pathMatchers("/api/**").hasAnyRole(Roles.USER, Roles.ADMIN)
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(jwtToken -> Mono.just(new JwtAuthenticationToken(
                                jwtToken, authorities(Roles.fromClaim(jwtToken.getClaim("roles"))), jwtToken.getSubject()))))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties jwt, OAuth2ResourceServerProperties resourceServer) {
        String jwkSetUri = resourceServer.getJwt().getJwkSetUri();
        NimbusReactiveJwtDecoder decoder;
        if (StringUtils.hasText(jwkSetUri)) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithms(algorithms -> resourceServer.getJwt().getJwsAlgorithms()
                            .forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                    .build();
        } else {
            decoder = NimbusReactiveJwtDecoder.withSecretKey(hmacKey(jwt)).macAlgorithm(MacAlgorithm.HS256).build();
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // Signature is checked by the decoder; these check times (with 60 s of clock skew), issuer and audience.
        validators.add(jwt.hasIssuer() ? JwtValidators.createDefaultWithIssuer(jwt.issuer()) : JwtValidators.createDefault());
        if (jwt.hasAudience()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    audiences -> audiences != null && audiences.contains(jwt.audience())));
        }
        validators.add(new SubjectValidator());
        // The default validators check exp only when present: a token without one would be good forever.
        validators.add(token -> token.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(NO_EXPIRY));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** The HS256 key of local runs; refuses to start with a missing or short one. */
    public static SecretKey hmacKey(JwtProperties jwt) {
        if (!jwt.hasSecret()) {
            throw new IllegalStateException(
                    "Set orderpay.jwt.secret (ORDERPAY_JWT_SECRET) or spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        }
        byte[] key = jwt.secret().getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_HMAC_KEY_BYTES) {
            throw new IllegalStateException("orderpay.jwt.secret must be at least " + MIN_HMAC_KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static Set<SimpleGrantedAuthority> authorities(Set<String> roles) {
        return roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).collect(Collectors.toSet());
    }

    /** The methods the security firewall lets through (StrictServerWebExchangeFirewall's defaults). */
    private static final Set<String> FIREWALL_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");

    /**
     * Requests the security firewall refuses become problems: a method it does not let through (TRACE, CONNECT, FOO)
     * a 405 as on the services' own ports; anything else (non-normalised paths, encoded slashes, ';') a 400.
     */
    @Bean
    static BeanPostProcessor firewallRejectionsAsProblems(ObjectProvider<ProblemResponses> problems) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof WebFilterChainProxy proxy) {
                    proxy.setExchangeRejectedHandler((exchange, rejected) -> {
                        String method = exchange.getRequest().getMethod().name();
                        if (!FIREWALL_METHODS.contains(method)) {
                            return problems.getObject().write(exchange, ProblemCode.METHOD_NOT_ALLOWED,
                                    "Method '" + method + "' is not supported.",
                                    headers -> headers.set("Allow", "GET, HEAD, POST, PUT, OPTIONS"));
                        }
                        return problems.getObject().write(exchange, ProblemCode.VALIDATION_FAILED,
                                "Request rejected: " + rejected.getMessage());
                    });
                }
                return bean;
            }
        };
    }
}
