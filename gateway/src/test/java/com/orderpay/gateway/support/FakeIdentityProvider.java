package com.orderpay.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small OpenID provider on loopback for the sign-in test: discovery, an authorization endpoint with a login form,
 * a token endpoint that issues tokens for a code only against the PKCE verifier of its S256 challenge, and its JWK
 * set. Not a product: only what an OIDC public client (oidc-client-ts) and the gateway need to be tested for real.
 */
public final class FakeIdentityProvider implements AutoCloseable {

    /** A token request, as received: what the test can check of the PKCE exchange. */
    public record TokenRequest(String grantType, String clientId, boolean verifierMatched) {
    }

    private record Grant(String clientId, String redirectUri, String challenge, String nonce, String user) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final String audience;
    private final Map<String, List<String>> users;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

    /** @param users who may sign in, with their roles (the {@code roles} claim of their access tokens) */
    public static FakeIdentityProvider start(String audience, Map<String, List<String>> users) {
        try {
            return new FakeIdentityProvider(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
                    new RSAKeyGenerator(2048).keyID("fake-idp-1").generate(), audience, users);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private FakeIdentityProvider(HttpServer server, RSAKey key, String audience, Map<String, List<String>> users) {
        this.server = server;
        this.key = key;
        this.audience = audience;
        this.users = users;
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", exchange -> send(exchange, 200, "application/json",
                new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Map<String, String>> authorizations() {
        return authorizations;
    }

    public List<TokenRequest> tokenRequests() {
        return tokenRequests;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        send(exchange, 200, "application/json", "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer
                + "/authorize\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"none\"]}");
    }

    /** GET: the login form (the request's parameters carried along); POST: the user signs in, back with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            authorizations.add(query);
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Identity provider</title></head><body><h1>Sign in to orderpay</h1>"
                    + "<form method=\"post\" action=\"/authorize\">");
            query.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                    .append("\" value=\"").append(escape(value)).append("\">"));
            html.append("<label for=\"username\">User</label><input id=\"username\" name=\"username\">"
                    + "<button id=\"login\" type=\"submit\">Sign in</button></form></body></html>");
            send(exchange, 200, "text/html; charset=utf-8", html.toString());
            return;
        }
        Map<String, String> login = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!users.containsKey(login.get("username")) || !"S256".equals(login.get("code_challenge_method"))
                || login.get("code_challenge") == null || !"code".equals(login.get("response_type"))) {
            send(exchange, 400, "text/plain", "unknown user, or no PKCE S256 challenge, or not the code flow");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(login.get("client_id"), login.get("redirect_uri"), login.get("code_challenge"),
                login.get("nonce"), login.get("username")));
        exchange.getResponseHeaders().set("Location", login.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(login.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "content-type");
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(request.get("code")));
        boolean matched = grant != null && request.get("code_verifier") != null
                && grant.challenge().equals(s256(request.get("code_verifier")));
        tokenRequests.add(new TokenRequest(request.get("grant_type"), request.get("client_id"), matched));
        if (!matched || !"authorization_code".equals(request.get("grant_type"))
                || !grant.clientId().equals(request.get("client_id"))
                || !grant.redirectUri().equals(request.get("redirect_uri"))) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder().issuer(issuer()).audience(audience)
                .subject(grant.user()).claim("roles", users.get(grant.user())).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().issuer(issuer()).audience(grant.clientId())
                .subject(grant.user()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
        if (grant.nonce() != null) {
            id.claim("nonce", grant.nonce());
        }
        send(exchange, 200, "application/json", "{\"access_token\":\"" + sign(access.build())
                + "\",\"id_token\":\"" + sign(id.build()) + "\",\"token_type\":\"Bearer\",\"expires_in\":600,"
                + "\"scope\":\"" + "openid profile" + "\"}");
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
