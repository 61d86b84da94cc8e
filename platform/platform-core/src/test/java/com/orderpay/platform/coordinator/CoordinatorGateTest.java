package com.orderpay.platform.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.seata.discovery.registry.RegistryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With several coordinators, one whose channel is gone is taken out of the addresses Seata's client picks from (its
 * "alive" list, read by its load balancer for every request), as long as another is connected. Seata's own code keeps
 * that list (the registry's default methods, run here as they are); only which channels are open is given, since a
 * second coordinator that goes silent takes a cluster (order-service's CoordinatorOutageTest freezes the one of the
 * tests for the rest: no channel at all).
 */
class CoordinatorGateTest {

    private static final InetSocketAddress FIRST = new InetSocketAddress("10.0.0.1", 8091);
    private static final InetSocketAddress SECOND = new InetSocketAddress("10.0.0.2", 8091);

    /** A group of its own: Seata keeps the alive lists in one static map for the whole JVM. */
    private final String group = "gate_test_" + UUID.randomUUID().toString().substring(0, 8);
    private final OneCluster registry = new OneCluster();
    private final OpenChannels channels = new OpenChannels(group);
    private final CoordinatorGate gate = new CoordinatorGate(group, channels, null, () -> registry);

    @AfterEach
    void close() {
        gate.close();
    }

    @Test
    void aCoordinatorWhoseChannelIsGoneIsNoLongerPickedWhileAnotherIsConnected() {
        registry.refreshAliveLookup(group, List.of(FIRST, SECOND));
        channels.open = Set.of("10.0.0.2:8091");

        assertThat(gate.open()).isTrue();
        assertThat(registry.aliveLookup(group)).containsExactly(SECOND);
    }

    @Test
    void nothingChangesWhileEveryCoordinatorIsConnectedOrThereIsOnlyOne() {
        registry.refreshAliveLookup(group, List.of(FIRST, SECOND));
        channels.open = Set.of("10.0.0.1:8091", "10.0.0.2:8091");
        assertThat(gate.open()).isTrue();
        assertThat(registry.aliveLookup(group)).containsExactly(FIRST, SECOND);

        registry.refreshAliveLookup(group, List.of(FIRST));
        channels.open = Set.of();
        assertThat(gate.open()).isTrue();
        assertThat(registry.aliveLookup(group)).containsExactly(FIRST);
    }

    @Test
    void withNoOpenChannelTheListIsLeftToSeatasReconnectAndTheGateIsClosed() {
        registry.refreshAliveLookup(group, List.of(FIRST, SECOND));
        channels.connected = false;
        channels.open = Set.of();

        assertThat(gate.open()).isFalse();
        assertThat(registry.aliveLookup(group)).containsExactly(FIRST, SECOND);
    }

    /** Which channels are open, as the channel manager's map would say. */
    static final class OpenChannels extends CoordinatorChannels {
        volatile boolean connected = true;
        volatile Set<String> open = Set.of();

        OpenChannels(String group) {
            super(group, List.of());
        }

        @Override
        public boolean connected() {
            return connected;
        }

        @Override
        public Set<String> openAddresses() {
            return open;
        }

        @Override
        public void reconnectWhereClosed() {
        }
    }

    /** The group mapped to one cluster, as the services' file registry maps orderpay_tx_group to "default". */
    static final class OneCluster implements RegistryService<Object> {
        @Override
        public String getServiceGroup(String key) {
            return "default";
        }

        @Override
        public void register(InetSocketAddress address) {
        }

        @Override
        public void unregister(InetSocketAddress address) {
        }

        @Override
        public void subscribe(String cluster, Object listener) {
        }

        @Override
        public void unsubscribe(String cluster, Object listener) {
        }

        @Override
        public List<InetSocketAddress> lookup(String key) {
            return List.of(FIRST, SECOND);
        }

        @Override
        public void close() {
        }
    }
}
