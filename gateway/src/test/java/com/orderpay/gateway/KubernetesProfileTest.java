package com.orderpay.gateway;

import static com.orderpay.gateway.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.orderpay.gateway.support.GatewayClient;
import com.orderpay.gateway.support.RecordingDownstream;
import com.orderpay.gateway.support.TestRedis;
import com.orderpay.gateway.support.TestTokens;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code k8s} profile: tokens are verified against the identity provider's JWK set (served here by an in-test
 * server), there is no shared HMAC key and no dev-token endpoint; secrets come only from the environment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ORDERPAY_INTERNAL_TOKEN=k8s-internal-token",
        "ORDERPAY_REDIS_HOST=127.0.0.1",
        "ORDERPAY_REDIS_PASSWORD=",
        "ORDERPAY_JWT_ISSUER=" + KubernetesProfileTest.ISSUER,
        "ORDERPAY_JWT_AUDIENCE=" + KubernetesProfileTest.AUDIENCE,
        "ORDERPAY_CONSOLE_CLIENT_ID=orderpay-console",
        "ORDERPAY_CORS_ALLOWED_ORIGINS=" + KubernetesProfileTest.STOREFRONT + ", https://other-shop.example"})
@ActiveProfiles("k8s")
@DirtiesContext
class KubernetesProfileTest {

    static final String ISSUER = "https://idp.example/realms/orderpay";
    static final String AUDIENCE = "orderpay-api";
    static final String STOREFRONT = "https://shop.example.com";
    private static final RSAKey SIGNING_KEY = rsaKey("idp-key-1");
    private static final HttpServer IDENTITY_PROVIDER = jwkSetServer(SIGNING_KEY);
    private static final RecordingDownstream WALLET = RecordingDownstream.start("wallet-service");
    /** The default HS256 secret of application.yml: worthless in a cluster. */
    private static final String LOCAL_DEFAULT_SECRET =
            "local-only-orderpay-jwt-secret-never-use-outside-a-laptop-0123456789";

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("ORDERPAY_JWK_SET_URI", () -> "http://127.0.0.1:" + IDENTITY_PROVIDER.getAddress().getPort() + "/jwks");
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("spring.cloud.discovery.client.simple.instances.wallet-service[0].uri", WALLET::baseUrl);
    }

    @LocalServerPort
    int port;

    GatewayClient gateway;

    @BeforeEach
    void setUp() {
        WALLET.clear();
        gateway = new GatewayClient(port);
    }

    @AfterAll
    static void stopServers() {
        IDENTITY_PROVIDER.stop(0);
        WALLET.close();
    }

    @Test
    void tokensOfTheIdentityProviderAreVerifiedAgainstItsJwkSet() {
        String token = TestTokens.rs256(SIGNING_KEY, "carol", List.of("USER"), ISSUER, AUDIENCE);

        assertThat(gateway.get("/api/wallet", token).status()).isEqualTo(200);
        assertThat(WALLET.last().header("X-User-Id")).isEqualTo("carol");
        assertThat(WALLET.last().header("X-User-Roles")).isEqualTo("USER");
        assertThat(WALLET.last().header("X-Internal-Token")).isEqualTo("k8s-internal-token");
    }

    @Test
    void tokensSignedWithAnyOtherKeyAreRejected() {
        String localDevToken = TestTokens.hs256(LOCAL_DEFAULT_SECRET, "carol", List.of("ADMIN"), Duration.ofMinutes(5));
        String foreignKeyToken = TestTokens.rs256(rsaKey("idp-key-1"), "carol", List.of("USER"));

        assertProblem(gateway.get("/api/wallet", localDevToken), 401, "unauthorized");
        assertProblem(gateway.get("/api/wallet", foreignKeyToken), 401, "unauthorized");
        assertThat(WALLET.received()).isEmpty();
    }

    @Test
    void aTokenForAnotherIssuerOrAudienceIsRejectedThoughWellSigned() {
        for (String token : List.of(
                TestTokens.rs256(SIGNING_KEY, "carol", List.of("USER"), "https://evil.example", AUDIENCE),
                TestTokens.rs256(SIGNING_KEY, "carol", List.of("USER"), ISSUER, "another-api"),
                TestTokens.rs256(SIGNING_KEY, "carol", List.of("USER"), null, AUDIENCE),
                TestTokens.rs256(SIGNING_KEY, "carol", List.of("USER"), ISSUER, null))) {
            assertProblem(gateway.get("/api/wallet", token), 401, "unauthorized");
        }
        assertThat(WALLET.received()).isEmpty();
    }

    @Test
    void devTokenEndpointDoesNotExist() {
        assertProblem(gateway.post("/api/dev/tokens", null, "{\"userId\":\"carol\",\"roles\":[\"ADMIN\"]}"),
                404, "not-found");
    }

    @Test
    void theConsoleSignsInAtTheIdentityProviderWithPkceAndTheShopWithoutAClientIdSaysSignInIsNotConfigured() {
        var console = gateway.get("/console/config.json", null).json();
        assertThat(console.path("method").asText()).isEqualTo("oidc");
        assertThat(console.path("authority").asText()).isEqualTo(ISSUER);
        assertThat(console.path("clientId").asText()).isEqualTo("orderpay-console");
        assertThat(console.path("scope").asText()).isEqualTo("openid profile");
        assertThat(gateway.get("/shop/config.json", null).json().path("method").asText()).isEqualTo("none");
        var page = gateway.get("/console/", null);
        assertThat(page.status()).isEqualTo(200);
        // The sign-in calls the identity provider (discovery, the token exchange): its origin, and no other.
        assertThat(page.header("Content-Security-Policy")).contains("connect-src 'self' https://idp.example;",
                "frame-src https://idp.example;", "script-src 'self' 'unsafe-eval';");
        assertThat(gateway.get("/vendor/oidc-client-ts/oidc-client-ts.min.js", null).body()).contains("UserManager");
    }

    @Test
    void aConfiguredStorefrontOriginPassesThePreflightAndAnyOtherIsRefused() {
        var allowed = gateway.send("OPTIONS", "/api/orders", null, null, "Origin", STOREFRONT,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type,idempotency-key,x-request-id");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(STOREFRONT);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(allowed.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "content-type", "idempotency-key", "x-request-id");

        var refused = gateway.send("OPTIONS", "/api/orders", null, null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization");
        assertProblem(refused, 403, "forbidden");
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        // The storefront itself, asking for a method it may not use: refused, and told which it may.
        var wrongMethod = gateway.send("OPTIONS", "/api/orders", null, null, "Origin", STOREFRONT,
                "Access-Control-Request-Method", "DELETE");
        assertThat(assertProblem(wrongMethod, 403, "forbidden").path("detail").asText())
                .startsWith("A cross-origin request may not use the method DELETE; allowed: methods [GET, POST, PUT]");

        // the actual request from the storefront: its answer names the origin and exposes the headers a page reads
        String token = TestTokens.rs256(SIGNING_KEY, "carol", List.of("USER"), ISSUER, AUDIENCE);
        var call = gateway.get("/api/wallet", token, "Origin", STOREFRONT);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo(STOREFRONT);
        assertThat(call.header("Access-Control-Expose-Headers")).contains("X-Request-Id", "ETag", "Retry-After",
                "Idempotent-Replayed", "Location");
        // even a 401 carries them, so that the page can read the problem
        var unauthorized = gateway.get("/api/wallet", null, "Origin", STOREFRONT);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo(STOREFRONT);
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwkSetServer(RSAKey key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
