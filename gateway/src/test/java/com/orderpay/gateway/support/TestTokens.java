package com.orderpay.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Bearer tokens as an identity provider (or the dev endpoint) would issue them. */
public final class TestTokens {

    /** The HS256 key the component tests configure (orderpay.jwt.secret). */
    public static final String SECRET = "component-test-secret-of-more-than-32-bytes-0123456789";

    private TestTokens() {
    }

    public static String user(String userId) {
        return hs256(SECRET, userId, List.of("USER"), Duration.ofMinutes(10));
    }

    public static String admin(String userId) {
        return hs256(SECRET, userId, List.of("USER", "ADMIN"), Duration.ofMinutes(10));
    }

    /** A token valid for {@code validFor} from now (negative: already expired). */
    public static String hs256(String secret, String subject, List<String> roles, Duration validFor) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, roles, validFor));
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token without an expiry (no exp claim), signed with the right key. */
    public static String hs256WithoutExpiry(String subject, List<String> roles) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .subject(subject).claim("roles", roles).issueTime(Date.from(Instant.now())).build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(RSAKey key, String subject, List<String> roles) {
        return rs256(key, subject, roles, null, null);
    }

    /** An identity provider's token naming an issuer and an audience (either may be null). */
    public static String rs256(RSAKey key, String subject, List<String> roles, String issuer, String audience) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(claims(subject, roles, Duration.ofMinutes(10)));
            if (issuer != null) {
                claims.issuer(issuer);
            }
            if (audience != null) {
                claims.audience(audience);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        Instant expires = now.plus(validFor);
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(validFor.isNegative() ? expires.minus(Duration.ofMinutes(10)) : now))
                .expirationTime(Date.from(expires))
                .build();
    }
}
