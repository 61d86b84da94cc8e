package com.orderpay.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Seata TC ({@code deploy/seata-server}, io.seata:seata-server 2.0.0) as a child process, file store,
 * on loopback. Phase-two retries are every second here, so a participant that comes back is finished quickly.
 */
public final class SeataCoordinator implements AutoCloseable {

    private final JavaProcess process;
    private final int rpcPort;
    private final int consolePort;

    private SeataCoordinator(JavaProcess process, int rpcPort, int consolePort) {
        this.process = process;
        this.rpcPort = rpcPort;
        this.consolePort = consolePort;
    }

    /**
     * @param jar     the repackaged coordinator, {@code deploy/seata-server/target/seata-server.jar}
     * @param home    its working folder: logs and the file session store (kept across local restarts)
     * @param rpcPort 0 for a free one
     */
    public static SeataCoordinator start(Path jar, Path home, int rpcPort) {
        int rpc = rpcPort == 0 ? FreePorts.pick() : rpcPort;
        int console = FreePorts.pick();
        Path dir = home.toAbsolutePath();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.port", String.valueOf(console));
        props.put("server.address", "127.0.0.1");
        props.put("seata.server.service-port", String.valueOf(rpc));
        props.put("logging.file.path", dir.resolve("logs").toString());
        props.put("logging.path", dir.resolve("logs").toString());
        props.put("user.home", dir.toString());
        props.put("console.user.username", "seata");
        props.put("console.user.password", System.getenv().getOrDefault("SEATA_CONSOLE_PASSWORD", "seata-local"));
        // Only signs console sessions of this local coordinator; clusters take theirs from a Secret.
        props.put("seata.security.secretKey", "b3JkZXJwYXktbG9jYWwtY29vcmRpbmF0b3ItY29uc29sZS1rZXk=");
        props.put("seata.security.tokenValidityInMilliseconds", "1800000");
        props.put("seata.config.type", "file");
        props.put("seata.registry.type", "file");
        props.put("seata.store.mode", "file");
        props.put("seata.store.file.dir", dir.resolve("sessionStore").toString());
        props.put("seata.server.recovery.committing-retry-period", "1000");
        props.put("seata.server.recovery.rollbacking-retry-period", "1000");
        props.put("seata.server.recovery.timeout-retry-period", "1000");
        props.put("seata.server.max-commit-retry-timeout", "-1");
        props.put("seata.server.max-rollback-retry-timeout", "-1");
        JavaProcess process = new JavaProcess("seata-server", jar, List.of("-Xms64m", "-Xmx192m"), props, dir);
        process.start();
        process.awaitReady(Duration.ofSeconds(90), () -> FreePorts.listening(rpc));
        return new SeataCoordinator(process, rpc, console);
    }

    public int rpcPort() {
        return rpcPort;
    }

    public int consolePort() {
        return consolePort;
    }

    /** {@code host:port} for {@code seata.service.grouplist.default}. */
    public String address() {
        return "127.0.0.1:" + rpcPort;
    }

    public JavaProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }
}
