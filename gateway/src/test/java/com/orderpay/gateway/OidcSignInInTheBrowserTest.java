package com.orderpay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.gateway.support.FakeIdentityProvider;
import com.orderpay.gateway.support.RecordingDownstream;
import com.orderpay.gateway.support.TestRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Under {@code k8s}, the console signs its operator in at the identity provider: OIDC authorization code with PKCE
 * (oidc-client-ts in a real headless Chromium against an in-test provider that issues tokens only for the verifier of
 * the S256 challenge), and the access token it gets is the one the gateway verifies (JWK set, issuer, audience) and
 * passes on as the caller's identity. Skipped where Chromium is not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ORDERPAY_INTERNAL_TOKEN=k8s-internal-token",
        "ORDERPAY_REDIS_HOST=127.0.0.1",
        "ORDERPAY_REDIS_PASSWORD=",
        "ORDERPAY_JWT_AUDIENCE=" + OidcSignInInTheBrowserTest.AUDIENCE,
        "ORDERPAY_CONSOLE_CLIENT_ID=" + OidcSignInInTheBrowserTest.CLIENT_ID})
@ActiveProfiles("k8s")
@DirtiesContext
class OidcSignInInTheBrowserTest {

    static final String AUDIENCE = "orderpay-api";
    static final String CLIENT_ID = "orderpay-console";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final FakeIdentityProvider IDENTITY_PROVIDER = FakeIdentityProvider.start(AUDIENCE,
            Map.of("olivia", List.of("ADMIN", "USER")));
    private static final RecordingDownstream ORDERS = RecordingDownstream.start("order-service");
    private static final RecordingDownstream OPERATIONS = RecordingDownstream.start("compensation-service");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("ORDERPAY_JWT_ISSUER", IDENTITY_PROVIDER::issuer);
        registry.add("ORDERPAY_JWK_SET_URI", () -> IDENTITY_PROVIDER.issuer() + "/jwks");
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", ORDERS::baseUrl);
        registry.add("spring.cloud.discovery.client.simple.instances.compensation-service[0].uri", OPERATIONS::baseUrl);
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed: the browser sign-in test is skipped "
                        + "('apt-get install -y chromium chromium-driver'; .ci/run does)");
    }

    @AfterAll
    static void stopServers() {
        IDENTITY_PROVIDER.close();
        ORDERS.close();
        OPERATIONS.close();
    }

    @Test
    void anOperatorSignsInAtTheIdentityProviderWithPkceAndTheGatewayTakesItsToken() throws IOException {
        Path profile = Files.createTempDirectory("orderpay-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://127.0.0.1:" + port + "/console/");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("oidc-sign-in"))).click();

            // the identity provider's own page
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("olivia");
            assertThat(browser.getCurrentUrl()).startsWith(IDENTITY_PROVIDER.issuer() + "/authorize");
            browser.findElement(By.id("login")).click();

            // back on the console, signed in with the provider's access token
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "olivia"));
            wait.until(d -> ORDERS.received().isEmpty() ? null : true);
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "console-oidc-signed-in.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }

        Map<String, String> authorization = IDENTITY_PROVIDER.authorizations().get(0);
        assertThat(authorization).containsEntry("client_id", CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("code_challenge_method", "S256").containsKey("code_challenge").containsKey("state")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/console/");
        assertThat(IDENTITY_PROVIDER.tokenRequests()).singleElement().satisfies(request -> {
            assertThat(request.grantType()).isEqualTo("authorization_code");
            assertThat(request.verifierMatched()).as("the code was exchanged with the verifier of its challenge").isTrue();
        });
        RecordingDownstream.Received search = ORDERS.received().get(0);
        assertThat(search.path()).isEqualTo("/api/admin/orders");
        assertThat(search.header("X-User-Id")).isEqualTo("olivia");
        assertThat(search.header("X-User-Roles")).contains("ADMIN");
    }
}
