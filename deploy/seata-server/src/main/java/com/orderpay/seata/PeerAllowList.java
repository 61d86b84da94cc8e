package com.orderpay.seata;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ipfilter.IpFilterRule;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.handler.ipfilter.RuleBasedIpFilter;
import io.seata.common.loader.LoadLevel;
import io.seata.core.protocol.RegisterRMRequest;
import io.seata.core.protocol.RegisterTMRequest;
import io.seata.server.auth.AbstractCheckAuthHandler;
import io.seata.server.coordinator.DefaultCoordinator;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only listed networks talk to the coordinator's RPC port. Seata 2.0.0 binds that port on every interface (no
 * setting for the address), and its RPC has no credential a participant (RM) carries: whoever reaches the port can
 * register and then commit or roll back any global transaction by its XID, and sell stock for an order that does not
 * exist (probe round 2, G1).
 *
 * <p>The one extension the coordinator loads after it has built its RPC server and before it binds the port is the
 * registration check ({@code RegisterCheckAuthHandler}, loaded by the registration processors in
 * {@code NettyRemotingServer.init()}). This one admits registrations as Seata's default one does (order 100; this one
 * is 200, so it is the one loaded) and, when loaded, puts Netty's {@link RuleBasedIpFilter} in front of Seata's handler
 * on every connection the port accepts: a peer outside the list is closed as its connection is registered, before one
 * byte of it is read.
 *
 * <p>{@code orderpay.coordinator.allowed-peers} (system property) or {@code ORDERPAY_COORDINATOR_ALLOWED_PEERS}: CIDRs,
 * comma-separated. The local run and the tests give loopback. Unset, every peer is let in (Kubernetes: the
 * NetworkPolicy decides who reaches the port). When the list is set and cannot be put in place (another Seata version),
 * the coordinator does not start: closed, not silently open.
 */
@LoadLevel(name = "orderpayPeerAllowList", order = 200)
public class PeerAllowList extends AbstractCheckAuthHandler {

    static final String PROPERTY = "orderpay.coordinator.allowed-peers";
    static final String VARIABLE = "ORDERPAY_COORDINATOR_ALLOWED_PEERS";

    private static final Logger log = LoggerFactory.getLogger(PeerAllowList.class);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    public PeerAllowList() {
        String setting = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (setting == null || setting.trim().isEmpty()) {
            if (INSTALLED.compareAndSet(false, true)) {
                log.warn("{} is not set: the RPC port admits every peer that reaches it; only the network (a "
                        + "NetworkPolicy, a firewall) keeps others from committing or rolling back transactions", PROPERTY);
            }
            return;
        }
        if (INSTALLED.compareAndSet(false, true)) {
            List<IpFilterRule> rules = rules(setting);
            installInFrontOfSeata(new Filter(rules.toArray(new IpFilterRule[0]), setting));
            log.info("The RPC port admits peers in {} only", setting);
        }
    }

    @Override
    public boolean doRegTransactionManagerCheck(RegisterTMRequest request) {
        return true;
    }

    @Override
    public boolean doRegResourceManagerCheck(RegisterRMRequest request) {
        return true;
    }

    /** The CIDRs, then a refusal of everything else (IPv4 and IPv6): the first rule that matches decides. */
    static List<IpFilterRule> rules(String setting) {
        List<IpFilterRule> rules = new ArrayList<>();
        for (String cidr : setting.split(",")) {
            String trimmed = cidr.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int slash = trimmed.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException(PROPERTY + ": " + trimmed + " is not a CIDR (address/prefix)");
            }
            rules.add(new IpSubnetFilterRule(trimmed.substring(0, slash), Integer.parseInt(trimmed.substring(slash + 1)),
                    IpFilterRuleType.ACCEPT));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " lists no network: " + setting);
        }
        rules.add(new IpSubnetFilterRule("0.0.0.0", 0, IpFilterRuleType.REJECT));
        rules.add(new IpSubnetFilterRule("::", 0, IpFilterRuleType.REJECT));
        return rules;
    }

    /**
     * Seata keeps the handlers of each new connection in NettyServerBootstrap's channelHandlers and reads them as it
     * sets up each connection: the filter goes first among them. Reached through fields of Seata 2.0.0 (the version
     * this module pins); the coordinator instance exists by now (Server.start creates it before init()).
     */
    private static void installInFrontOfSeata(ChannelHandler filter) {
        try {
            Object remotingServer = field(DefaultCoordinator.class, "remotingServer").get(DefaultCoordinator.getInstance());
            Object bootstrap = field(io.seata.core.rpc.netty.AbstractNettyRemotingServer.class, "serverBootstrap")
                    .get(remotingServer);
            Field handlersField = field(io.seata.core.rpc.netty.NettyServerBootstrap.class, "channelHandlers");
            ChannelHandler[] seatas = (ChannelHandler[]) handlersField.get(bootstrap);
            if (seatas == null || seatas.length == 0) {
                throw new IllegalStateException("Seata's connection handlers are not set yet");
            }
            List<ChannelHandler> handlers = new ArrayList<>();
            handlers.add(filter);
            handlers.addAll(Arrays.asList(seatas));
            handlersField.set(bootstrap, handlers.toArray(new ChannelHandler[0]));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot restrict the coordinator's RPC port to " + PROPERTY
                    + "; refusing to start open to every peer", e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /**
     * Netty's rule-based filter, shared by every connection, saying whom it closed: at most one line every 10 s (with
     * how many it closed meanwhile), so that a peer opening connections in a loop cannot fill the log's disk.
     */
    @ChannelHandler.Sharable
    static final class Filter extends RuleBasedIpFilter {

        private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

        private final String setting;
        private final AtomicLong lastLogged = new AtomicLong(
                System.nanoTime() - LOG_EVERY_NANOS);
        private final AtomicLong unlogged = new AtomicLong();

        Filter(IpFilterRule[] rules, String setting) {
            super(rules);
            this.setting = setting;
        }

        @Override
        protected ChannelFuture channelRejected(ChannelHandlerContext ctx, InetSocketAddress remoteAddress) {
            long now = System.nanoTime();
            long last = lastLogged.get();
            if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
                long meanwhile = unlogged.getAndSet(0);
                log.warn("Closed a connection from {} to the RPC port: not in {} ({}){}", remoteAddress, PROPERTY,
                        setting, meanwhile == 0 ? "" : "; " + meanwhile + " more closed since the last such line");
            } else {
                unlogged.incrementAndGet();
            }
            return null;
        }
    }
}
