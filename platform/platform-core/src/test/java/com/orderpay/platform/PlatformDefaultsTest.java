package com.orderpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.platform.idempotency.IdempotencyProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

class PlatformDefaultsTest {

    @Test
    void inKubernetesLogsAreJsonAndTheCoordinatorIsFoundThroughNacos() {
        MockEnvironment environment = new MockEnvironment().withProperty("NACOS_SERVER_ADDR", "nacos:8848");
        environment.setActiveProfiles("k8s", "nacos");

        new PlatformDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("seata.registry.type")).isEqualTo("nacos");
        assertThat(environment.getProperty("seata.registry.nacos.server-addr")).isEqualTo("nacos:8848");
        assertThat(environment.getProperty("seata.registry.nacos.application")).isEqualTo("seata-server");
        // Everything else still comes from the shared defaults.
        assertThat(environment.getProperty("seata.tx-service-group")).isEqualTo("orderpay_tx_group");
    }

    @Test
    void locallyLogsArePlainAndTheCoordinatorHasAFixedAddress() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("local");

        new PlatformDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("seata.registry.type")).isEqualTo("file");
        assertThat(environment.getProperty("seata.service.grouplist.default")).isEqualTo("127.0.0.1:8091");
    }

    @Test
    void theServicesOwnSettingsStillWin() {
        MockEnvironment environment = new MockEnvironment().withProperty("seata.registry.type", "file")
                .withProperty("NACOS_SERVER_ADDR", "nacos:8848");
        environment.setActiveProfiles("k8s");

        new PlatformDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("seata.registry.type")).isEqualTo("file");
    }

    /**
     * The services' waits on a dependency that stops answering fit inside the gateway's response timeout, so that the
     * answer is the service's own (503, or 202 for a lost commit) and not the gateway's while the work goes on behind
     * it (FaultsUnderLoadTest measures it; bench/RESULTS.md, "The coordinator's time budget").
     */
    @Test
    void everyWaitOnADependencyFitsInsideTheGatewaysResponseTimeout() throws IOException {
        MockEnvironment environment = new MockEnvironment();
        new PlatformDefaults().postProcessEnvironment(environment, null);
        Duration gateway = gatewayResponseTimeout();
        Duration perRequest = Duration.ofMillis(environment.getProperty("seata.transport.rpc-tm-request-timeout",
                Long.class));
        Duration registration = Duration.ofMillis(environment.getProperty("seata.transport.rpc-rm-request-timeout",
                Long.class));
        int commitTries = environment.getProperty("seata.client.tm.commit-retry-count", Integer.class);
        int rollbackTries = environment.getProperty("seata.client.tm.rollback-retry-count", Integer.class);
        Duration connection = Duration.ofMillis(environment.getProperty("spring.datasource.hikari.connection-timeout",
                Long.class));

        // The coordinator frozen before a begin, after it (a registration, then the rollback's tries), before a commit.
        assertThat(perRequest).isLessThan(gateway);
        assertThat(perRequest.plus(registration).plus(perRequest.multipliedBy(rollbackTries))).isLessThan(gateway);
        // ...and a commit's tries end before Seata's client drops the silent channel (15 s) with the commit in it.
        assertThat(perRequest.multipliedBy(commitTries)).isLessThan(Duration.ofSeconds(15));
        // The database down: a request gives up its wait for a connection with time to answer.
        assertThat(connection).isLessThan(gateway.dividedBy(2));
        // ...and a placement whose sibling waits on it: the sibling's read timeout, the rollback's tries, then the
        // wait for its key to be marked retryable, which is bounded (a connection wait on top came to 28 s of 30).
        Duration markWait = Binder.get(environment).bindOrCreate("orderpay.idempotency", IdempotencyProperties.class)
                .retryableMarkWait();
        Duration siblingRead = Duration.ofMillis(Long.parseLong(find(Files.readString(root().resolve(
                "order-service/order-app/src/main/resources/application.yml")),
                "read-timeout: \\$\\{ORDERPAY_SIBLING_READ_TIMEOUT_MS:(\\d+)}")));
        assertThat(markWait).isLessThan(connection);
        assertThat(siblingRead.plus(perRequest.multipliedBy(rollbackTries)).plus(markWait))
                .isLessThan(gateway.dividedBy(2));
    }

    private static Path root() {
        return Path.of(System.getProperty("orderpay.root", "../.."));
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in the configuration", regex).isTrue();
        return matcher.group(1);
    }

    private static Duration gatewayResponseTimeout() throws IOException {
        String gatewayConfig = Files.readString(root().resolve("gateway/src/main/resources/application.yml"));
        return Duration.ofSeconds(Long.parseLong(find(gatewayConfig,
                "response-timeout: \\$\\{ORDERPAY_GATEWAY_RESPONSE_TIMEOUT:(\\d+)s}")));
    }
}
