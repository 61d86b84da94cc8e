package com.orderpay.platform.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The gate's view of Seata's clients still finds Seata's internals: a Seata upgrade that moves them fails here. That
 * it reads them right, connected and not, is order-service's CoordinatorOutageTest's (real clients, a real
 * coordinator frozen).
 */
class CoordinatorChannelsTest {

    @Test
    void findsTheClientsChannelMap() {
        assertThat(CoordinatorChannels.inspectable()).isTrue();
    }
}
