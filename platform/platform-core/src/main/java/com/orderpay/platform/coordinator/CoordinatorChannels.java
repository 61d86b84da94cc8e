package com.orderpay.platform.coordinator;

import io.netty.channel.Channel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.apache.seata.core.rpc.netty.AbstractNettyRemotingClient;
import org.apache.seata.core.rpc.netty.RmNettyRemotingClient;
import org.apache.seata.core.rpc.netty.TmNettyRemotingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's Seata clients (the TM that begins and commits, the RM that registers this service's branches) and
 * their channels to the coordinator. Seata keeps the channels in its channel manager's map, which it fills only once
 * the coordinator has answered a registration, and reconnects through the same manager; both are package-private, so
 * they are reached through a private lookup, resolved once. Should a Seata upgrade move them, {@link #inspectable()}
 * says so ({@code CoordinatorChannelsTest} fails the build), a WARN says so at start-up, and every check answers
 * "connected": requests then reconnect on their own, as Seata does without this.
 */
public class CoordinatorChannels {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorChannels.class);
    private static final String MANAGER = "org.apache.seata.core.rpc.netty.NettyClientChannelManager";
    private static final MethodHandle CHANNELS = accessor("getChannels",
            MethodType.methodType(ConcurrentMap.class), MethodType.methodType(Map.class, Object.class));
    private static final MethodHandle RECONNECT = accessor("reconnect",
            MethodType.methodType(void.class, String.class), MethodType.methodType(void.class, Object.class,
                    String.class));

    private final String transactionServiceGroup;
    private final List<Supplier<AbstractNettyRemotingClient>> clients;
    private volatile boolean unreadable;

    public CoordinatorChannels(String transactionServiceGroup) {
        this(transactionServiceGroup, List.of(TmNettyRemotingClient::getInstance, RmNettyRemotingClient::getInstance));
    }

    CoordinatorChannels(String transactionServiceGroup, List<Supplier<AbstractNettyRemotingClient>> clients) {
        this.transactionServiceGroup = transactionServiceGroup;
        this.clients = clients;
        if (!inspectable()) {
            log.warn("Cannot reach the Seata client's channels (its internals changed): requests to a coordinator "
                    + "that cannot be reached are not answered at once");
        }
    }

    public static boolean inspectable() {
        return CHANNELS != null && RECONNECT != null;
    }

    /** Every client holds an open channel to a coordinator; false while any must first connect and register. */
    public boolean connected() {
        return clients.stream().allMatch(client -> open(client.get()));
    }

    /**
     * The coordinator addresses ({@code ip:port}, as Seata keys its channels) to which every client holds an open
     * channel; empty while any client has none (or when the channels cannot be read).
     */
    public Set<String> openAddresses() {
        Set<String> open = null;
        for (Supplier<AbstractNettyRemotingClient> client : clients) {
            Map<String, Channel> channels = channelsOf(client.get());
            if (channels == null) {
                return Set.of();
            }
            Set<String> ofClient = new HashSet<>();
            channels.forEach((address, channel) -> {
                if (channel.isActive()) {
                    ofClient.add(address);
                }
            });
            if (open == null) {
                open = ofClient;
            } else {
                open.retainAll(ofClient);
            }
        }
        return open == null ? Set.of() : open;
    }

    /**
     * Connects and registers each client that has no open channel, as Seata's own timer does every 10 s. Against a
     * coordinator that does not answer, each takes the registration timeout (6 s); Seata logs what failed.
     */
    public void reconnectWhereClosed() {
        for (Supplier<AbstractNettyRemotingClient> client : clients) {
            AbstractNettyRemotingClient remoting = client.get();
            if (!open(remoting)) {
                try {
                    Object manager = remoting.getClientChannelManager();
                    RECONNECT.invokeExact(manager, transactionServiceGroup);
                } catch (Throwable e) {
                    log.debug("Reconnecting to the coordinator failed: {}", e.toString());
                }
            }
        }
    }

    private boolean open(AbstractNettyRemotingClient client) {
        Map<String, Channel> channels = channelsOf(client);
        return channels == null || channels.values().stream().anyMatch(Channel::isActive);
    }

    /** The client's channels by coordinator address; null when they cannot be read (then nothing is held back). */
    private Map<String, Channel> channelsOf(AbstractNettyRemotingClient client) {
        if (!inspectable()) {
            return null;
        }
        try {
            // The manager's class is package-private: passed on as an Object, never named in this class's calls.
            Object manager = client.getClientChannelManager();
            @SuppressWarnings("unchecked")
            Map<String, Channel> channels = (Map<String, Channel>) CHANNELS.invokeExact(manager);
            return channels;
        } catch (Throwable e) {
            if (!unreadable) {
                unreadable = true;
                log.warn("Cannot read the Seata client's channels; requests to the coordinator are not held back", e);
            }
            return null;
        }
    }

    private static MethodHandle accessor(String name, MethodType type, MethodType asType) {
        try {
            Class<?> manager = Class.forName(MANAGER);
            return MethodHandles.privateLookupIn(manager, MethodHandles.lookup()).findVirtual(manager, name, type)
                    .asType(asType);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
