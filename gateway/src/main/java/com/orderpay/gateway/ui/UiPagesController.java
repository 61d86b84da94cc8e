package com.orderpay.gateway.ui;

import com.orderpay.gateway.devtokens.DevTokenController;
import com.orderpay.gateway.identity.JwtProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations console ({@code /console/}) and the demo storefront ({@code /shop/}): static pages that read and act
 * only through the public API with the signed-in user's token. WebFlux serves no directory index, so each page is
 * answered here (its scripts are static, its libraries WebJars); the pages hold no data, so they need no token, and
 * their data needs the roles the API asks for. {@code config.json} tells a page how to sign in.
 */
@RestController
public class UiPagesController {

    /**
     * The pages as bytes, read once: answered as a classpath resource (written on another thread), a page left the
     * kept-alive connection's next request unread now and then under Reactor Netty 1.2.18 (KeepAliveTest).
     */
    private static final byte[] CONSOLE = page("static/console/index.html");
    private static final byte[] SHOP = page("static/shop/index.html");

    private final boolean devTokens;
    private final JwtProperties jwt;
    private final UiProperties ui;

    public UiPagesController(ObjectProvider<DevTokenController> devTokenEndpoint, JwtProperties jwt, UiProperties ui) {
        this.devTokens = devTokenEndpoint.getIfAvailable() != null;
        this.jwt = jwt;
        this.ui = ui;
    }

    @GetMapping(path = "/console/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<byte[]> console() {
        return page(CONSOLE);
    }

    @GetMapping(path = "/shop/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<byte[]> shop() {
        return page(SHOP);
    }

    /** Their Content-Security-Policy is set by {@link PagesContentSecurityPolicy}, on every way to them. */
    private ResponseEntity<byte[]> page(byte[] html) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(html);
    }


    /** Without the slash the pages' relative links would point one level up. */
    @GetMapping({"/console", "/shop"})
    public ResponseEntity<Void> withSlash(org.springframework.http.server.reactive.ServerHttpRequest request) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .location(URI.create(request.getPath().value() + "/")).build();
    }

    @GetMapping(path = "/console/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public SignInConfig consoleConfig() {
        return signIn(ui.consoleClientId());
    }

    @GetMapping(path = "/shop/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public SignInConfig shopConfig() {
        return signIn(ui.shopClientId());
    }

    /** Dev tokens where they are minted (local only); else OIDC when an issuer and a client id are configured. */
    SignInConfig signIn(String clientId) {
        if (devTokens) {
            return SignInConfig.devTokens();
        }
        if (jwt.hasIssuer() && StringUtils.hasText(clientId)) {
            return new SignInConfig("oidc", jwt.issuer(), clientId.strip(), ui.oidcScope());
        }
        return SignInConfig.none();
    }

    private static byte[] page(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("UI page " + path + " is missing", e);
        }
    }
}
