package com.orderpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequestTimeoutTest {

    /**
     * A request the gateway answers late must be recorded with the gateway's answer: the load generator gives up only
     * after the gateway's own timeouts (its HTTP response timeout, its circuit breaker's time limit and its exchange deadline)
     * have answered.
     */
    @Test
    void theLoadGeneratorWaitsLongerThanTheGateway() throws IOException {
        String gatling;
        try (InputStream in = RequestTimeoutTest.class.getResourceAsStream("/gatling.conf")) {
            gatling = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Duration harness = Duration.ofMillis(Long.parseLong(find(gatling, "requestTimeout\\s*=\\s*(\\d+)")));

        String gateway = Files.readString(Path.of("../../gateway/src/main/resources/application.yml"));
        Duration responseTimeout = Duration.ofSeconds(Long.parseLong(find(gateway, "ORDERPAY_GATEWAY_RESPONSE_TIMEOUT:(\\d+)s")));
        Duration timeLimit = Duration.ofSeconds(Long.parseLong(find(gateway, "ORDERPAY_GATEWAY_TIME_LIMIT:(\\d+)s")));
        Duration deadline = Duration.ofSeconds(Long.parseLong(find(gateway, "ORDERPAY_GATEWAY_EXCHANGE_DEADLINE:(\\d+)s")));

        assertThat(harness).isGreaterThan(responseTimeout).isGreaterThan(timeLimit).isGreaterThan(deadline);
        assertThat(deadline).as("the backstop answers after the call's own timeouts").isGreaterThan(timeLimit);
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in the configuration", regex).isTrue();
        return matcher.group(1);
    }
}
