package com.orderpay.gateway.devtokens;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.orderpay.gateway.identity.JwtProperties;
import com.orderpay.gateway.identity.SecurityConfiguration;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/dev/tokens}: mints an HS256 token with the local secret so that a laptop run needs no identity
 * provider. Exists only under the {@code local} profile; elsewhere the path is not routed and answers 404.
 */
@RestController
@Profile("local")
public class DevTokenController {

    static final String ISSUER = "orderpay-gateway-dev";

    private final JwtEncoder encoder;
    private final JwtProperties jwt;
    private final Clock clock;

    public DevTokenController(JwtProperties jwt) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(SecurityConfiguration.hmacKey(jwt)));
        this.jwt = jwt;
        this.clock = Clock.systemUTC();
    }

    @PostMapping(path = "/api/dev/tokens", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<DevTokenResponse> mint(@Valid @RequestBody CreateDevTokenRequest request) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                // What the gateway itself checks when an issuer or an audience is configured.
                .issuer(jwt.hasIssuer() ? jwt.issuer() : ISSUER)
                .subject(request.userId())
                .issuedAt(now)
                .expiresAt(now.plus(jwt.devTokenTtl()))
                .claim("roles", List.copyOf(new TreeSet<>(request.roles())));
        if (jwt.hasAudience()) {
            claims.audience(List.of(jwt.audience()));
        }
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return Mono.just(new DevTokenResponse(encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue()));
    }
}
