package com.orderpay.order.client;

import io.netty.channel.Channel;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.apache.seata.core.rpc.netty.AbstractNettyRemotingClient;
import org.apache.seata.core.rpc.netty.RmNettyRemotingClient;
import org.apache.seata.core.rpc.netty.TmNettyRemotingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this process's Seata clients (the TM that begins and commits, the RM that registers the order's own branch)
 * each hold a registered, open channel to the coordinator. Seata keeps them in its channel manager's map, which it
 * fills only once the coordinator has answered a registration; the map is package-private, so it is read through a
 * private lookup, resolved once. Should a Seata upgrade move it, {@link #inspectable()} says so at start-up (and
 * {@code CoordinatorChannelsTest} fails the build) and every check answers "connected": the gate it feeds stays open,
 * which is how the service behaved before it had one.
 */
class CoordinatorChannels {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorChannels.class);
    private static final MethodHandle CHANNELS = channelsAccessor();

    private final Supplier<AbstractNettyRemotingClient> tm;
    private final Supplier<AbstractNettyRemotingClient> rm;
    private volatile boolean unreadable;

    CoordinatorChannels() {
        this(TmNettyRemotingClient::getInstance, RmNettyRemotingClient::getInstance);
    }

    CoordinatorChannels(Supplier<AbstractNettyRemotingClient> tm, Supplier<AbstractNettyRemotingClient> rm) {
        this.tm = tm;
        this.rm = rm;
        if (CHANNELS == null) {
            log.warn("Cannot read the Seata client's channels (its internals changed): requests to the coordinator "
                    + "are not held back while it cannot be reached");
        }
    }

    static boolean inspectable() {
        return CHANNELS != null;
    }

    /** Both clients hold an open channel to a coordinator; false while either must first connect and register. */
    boolean connected() {
        return CHANNELS == null || (openChannelIn(tm.get()) && openChannelIn(rm.get()));
    }

    private boolean openChannelIn(AbstractNettyRemotingClient client) {
        try {
            // The manager's class is package-private: passed on as an Object, never named in this class's calls.
            Object manager = client.getClientChannelManager();
            @SuppressWarnings("unchecked")
            Map<String, Channel> channels = (Map<String, Channel>) CHANNELS.invokeExact(manager);
            return channels.values().stream().anyMatch(Channel::isActive);
        } catch (Throwable e) {
            if (!unreadable) {
                unreadable = true;
                log.warn("Cannot read the Seata client's channels; requests to the coordinator are not held back", e);
            }
            return true;
        }
    }

    private static MethodHandle channelsAccessor() {
        try {
            Class<?> manager = Class.forName("org.apache.seata.core.rpc.netty.NettyClientChannelManager");
            return MethodHandles.privateLookupIn(manager, MethodHandles.lookup())
                    .findVirtual(manager, "getChannels", MethodType.methodType(ConcurrentMap.class))
                    .asType(MethodType.methodType(Map.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
