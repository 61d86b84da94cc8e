package com.orderpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
}
