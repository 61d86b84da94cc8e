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

    private static final String SETTING_PREFIX = "orderpay.devstack.coordinator.";
    /** The coordinator's loggers that write lines for every transaction at INFO. */
    static final java.util.List<String> PER_TRANSACTION_LOGGERS = java.util.List.of(
            "io.seata.core.rpc.processor.server.BatchLogHandler", "io.seata.server.coordinator.DefaultCoordinator",
            "io.seata.server.coordinator.DefaultCore", "io.seata.server.coordinator.AbstractCore");

    private final JavaProcess process;
    private final int rpcPort;
    private final int consolePort;

    private SeataCoordinator(JavaProcess process, int rpcPort, int consolePort) {
        this.process = process;
        this.rpcPort = rpcPort;
        this.consolePort = consolePort;
    }

    /** Where the coordinator keeps global and branch sessions. */
    public sealed interface Store permits FileStore, DbStore {
    }

    /** Session files under the coordinator's folder: the local run. */
    public record FileStore() implements Store {
    }

    /** Tables in a MySQL/MariaDB database, as in clusters; the schema is migrated before the start. */
    public record DbStore(String jdbcUrl, String user, String password) implements Store {
    }

    public static SeataCoordinator start(Path jar, Path home, int rpcPort) {
        return start(jar, home, rpcPort, new FileStore());
    }

    /**
     * @param jar     the repackaged coordinator, {@code deploy/seata-server/target/seata-server.jar}
     * @param home    its working folder: logs and the file session store (kept across local restarts)
     * @param rpcPort 0 for a free one
     * @param store   file (local) or db (clusters, tests)
     */
    public static SeataCoordinator start(Path jar, Path home, int rpcPort, Store store) {
        int rpc = rpcPort == 0 ? FreePorts.pick() : rpcPort;
        int console = FreePorts.pick();
        Path dir = home.toAbsolutePath();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("server.port", String.valueOf(console));
        props.put("server.address", "127.0.0.1");
        props.put("seata.server.service-port", String.valueOf(rpc));
        // Seata binds the RPC port on every interface and its RPC authenticates no participant: the coordinator closes
        // connections from anywhere but loopback (deploy/seata-server, PeerAllowList).
        props.put("orderpay.coordinator.allowed-peers", "127.0.0.0/8,::1/128");
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
        if (store instanceof DbStore db) {
            migrateStoreSchema(db);
            props.put("seata.store.mode", "db");
            props.put("seata.store.session.mode", "db");
            props.put("seata.store.lock.mode", "db");
            props.put("seata.store.db.datasource", "hikari");
            props.put("seata.store.db.db-type", "mysql");
            props.put("seata.store.db.driver-class-name", "com.mysql.cj.jdbc.Driver");
            // As production's (deploy/k8s): a silent store fails a statement after 10 s instead of holding a thread.
            props.put("seata.store.db.url", db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                    + "connectTimeout=5000&socketTimeout=10000");
            props.put("seata.store.db.user", db.user());
            props.put("seata.store.db.password", db.password());
            props.put("seata.store.db.min-conn", "2");
            props.put("seata.store.db.max-conn", "20");
        } else {
            props.put("seata.store.mode", "file");
            props.put("seata.store.session.mode", "file");
            props.put("seata.store.lock.mode", "file");
            props.put("seata.store.file.dir", dir.resolve("sessionStore").toString());
        }
        props.put("seata.server.recovery.committing-retry-period", "1000");
        props.put("seata.server.recovery.rollbacking-retry-period", "1000");
        props.put("seata.server.recovery.timeout-retry-period", "1000");
        props.put("seata.server.max-commit-retry-timeout", "-1");
        props.put("seata.server.max-rollback-retry-timeout", "-1");
        // A session left Committing or Rollbacking (its phase two cut short by a store failure or a crash) waits for
        // its retry job until it is this old (Seata's default 130 s: orders undecided for two minutes after a database
        // freeze). Phase two is idempotent (TCC fence): a retry that overlaps a phase two still under way is harmless.
        props.put("seata.server.retry-dead-threshold", "30000");
        // At INFO it logs every message of every transaction (about 7 KB per order: begin, each branch registration,
        // each phase two, each answer), to the console and to a file, with the caller's method name computed for every
        // line. Those four loggers say only warnings and errors; the start and the clients' registrations are still
        // logged. The system property orderpay.devstack.coordinator-log-level sets another level (the benchmark
        // measures both).
        String perTransaction = System.getProperty("orderpay.devstack.coordinator-log-level", "WARN");
        for (String logger : PER_TRANSACTION_LOGGERS) {
            props.put("logging.level." + logger, perTransaction);
        }
        // orderpay.devstack.coordinator.<key>=<value> (system properties of the launcher) set more of its settings.
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(SETTING_PREFIX))
                .forEach(name -> props.put(name.substring(SETTING_PREFIX.length()), System.getProperty(name)));
        JavaProcess process = new JavaProcess("seata-server", jar, OrderpayService.memory("-Xmx192m"), props, dir)
                .trainedUntil(() -> FreePorts.listening(rpc));
        process.start();
        process.awaitReady(Duration.ofSeconds(90), () -> FreePorts.listening(rpc));
        return new SeataCoordinator(process, rpc, console);
    }

    private static void migrateStoreSchema(DbStore db) {
        org.flywaydb.core.Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + ProjectLayout.detect().seataStoreMigrations())
                .table("seata_store_schema_history")
                .load()
                .migrate();
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
