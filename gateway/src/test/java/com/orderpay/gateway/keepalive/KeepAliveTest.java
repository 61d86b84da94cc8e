package com.orderpay.gateway.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.gateway.support.TestRedis;
import com.orderpay.gateway.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A browser or a storefront keeps its connection to the gateway alive and sends the next request as soon as the last
 * answer is in. Every one of those requests is answered: none waits for the client's timeout. (Under Reactor Netty
 * 1.2.18, with the pages answered as classpath resources, about one request in a thousand here was never read.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "orderpay.jwt.secret=" + TestTokens.SECRET,
        "orderpay.identity.internal-token=" + SharedInfrastructure.INTERNAL_TOKEN})
@ActiveProfiles("local")
@DirtiesContext
class KeepAliveTest {

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestRedis::port);
    }

    @LocalServerPort
    int port;

    /** The console's and the shop's pages, their sign-in JSON and the stylesheet, one after another on one connection. */
    @Test
    void everyRequestOnAKeptAliveConnectionIsAnswered() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> hung = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            for (String path : List.of("/console/", "/console/config.json", "/shop/", "/ui/orderpay.css")) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(15)).GET().build(); // a stall on a loaded machine is not a hang
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                } catch (HttpTimeoutException e) {
                    hung.add(i + " " + path);
                }
            }
        }
        assertThat(hung).as("requests (round, path) never answered on a kept-alive connection").isEmpty();
    }
}
