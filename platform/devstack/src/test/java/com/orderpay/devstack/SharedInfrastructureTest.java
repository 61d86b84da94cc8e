package com.orderpay.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    @Test
    void startsRealMariaDbRedisAndCoordinatorOnLoopback() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        var props = infra.springProperties("probe_db");

        try (Connection c = DriverManager.getConnection(props.get("spring.datasource.url"), "root", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT VERSION()")) {
            rs.next();
            assertThat(rs.getString(1)).contains("MariaDB");
        }
        assertThat(FreePorts.listening(infra.redis().port())).isTrue();
        assertThat(FreePorts.listening(infra.coordinator().rpcPort())).isTrue();
    }

    /**
     * A session the coordinator left Committing (its phase two cut short: its store failed under it, as with the
     * database frozen, or it died) is only taken up by its retry job once it is older than {@code retry-dead-threshold}
     * (Seata's default: 130 s from its begin, so orders stayed PLACING for up to two minutes after a database freeze).
     * Ours is 30 s (SeataCoordinator); phase two is idempotent (TCC fence), so a retry that meets a phase two still
     * under way does no harm.
     */
    @Test
    void aSessionLeftCommittingIsFinishedOnceItIsThirtySecondsOld() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        EmbeddedMariaDb db = infra.mariaDb();
        try (Connection store = DriverManager.getConnection(db.jdbcUrl("seata_db"), db.username(), db.password())) {
            // Began 25 s ago: retried about 5 s from now with a 30 s threshold, 105 s with Seata's default.
            String xid = CoordinatorSessions.leftCommitting(store, Duration.ofSeconds(25));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !CoordinatorSessions.held(store, xid));
        }
    }

    /**
     * Seata binds the coordinator's RPC port on every interface, and whoever registers there may commit or roll back
     * any transaction: the coordinator closes a connection from this machine's own non-loopback address before it
     * reads a byte, and keeps one from loopback open for its registration.
     */
    @Test
    void theCoordinatorClosesConnectionsFromBeyondLoopback() throws Exception {
        Optional<InetAddress> outside = nonLoopbackAddress();
        assumeTrue(outside.isPresent(), "this machine has no non-loopback address to connect from");
        SharedInfrastructure infra = SharedInfrastructure.get();
        int port = infra.coordinator().rpcPort();

        try (Socket local = new Socket(InetAddress.getLoopbackAddress(), port)) {
            local.setSoTimeout(1_500);
            assertThatThrownBy(() -> local.getInputStream().read()).as("kept open, waiting for a registration")
                    .isInstanceOf(SocketTimeoutException.class);
        }
        try (Socket outsider = new Socket()) {
            outsider.bind(new InetSocketAddress(outside.get(), 0));
            outsider.connect(new InetSocketAddress(outside.get(), port), 2_000);
            outsider.setSoTimeout(10_000);
            assertThat(readOrReset(outsider)).as("closed by the coordinator").isEqualTo(-1);
        }
        // Logged by the coordinator's I/O thread, as it closed the connection: not always written yet.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(infra.coordinator().process().tail(400))
                .contains("Closed a connection from /" + outside.get().getHostAddress()));

        // A peer connecting in a loop does not fill the log: one line every 10 s, however many it closed.
        for (int i = 0; i < 50; i++) {
            try (Socket again = new Socket()) {
                again.bind(new InetSocketAddress(outside.get(), 0));
                again.connect(new InetSocketAddress(outside.get(), port), 2_000);
                again.setSoTimeout(10_000);
                assertThat(readOrReset(again)).isEqualTo(-1);
            }
        }
        String log = infra.coordinator().process().tail(2_000);
        assertThat(log.split("Closed a connection from", -1).length - 1).as("lines logged").isBetween(1, 2);
    }

    private static int readOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst();
    }

    @Test
    void coordinatorKeepsItsSessionsInTheDatabaseAsInClusters() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        try (Connection c = DriverManager.getConnection(infra.mariaDb().jdbcUrl("seata_db"), "root", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM distributed_lock WHERE lock_key IN "
                             + "('AsyncCommitting','RetryCommitting','RetryRollbacking','TxTimeoutCheck')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
        }
        assertThat(infra.coordinator().process().tail(400)).doesNotContain("store mode: file");
    }

    @Test
    void theCoordinatorStartsUnpackedWithAClassDataArchiveTrainedUntilItListened() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        // Its jar is Spring Boot 2: no jar mode to extract it and no exit after the refresh, so the launcher unpacks
        // it and stops its training run once it listens.
        SharedClassArchive archive = SharedClassArchive.ofBootJar(ProjectLayout.detect().seataServerJar());
        assertThat(archive.archive()).isNotEmptyFile();
        assertThat(archive.cache().resolve("app").resolve("classes.jar")).isNotEmptyFile();
        assertThat(SharedClassArchive.mappedBytes(infra.coordinator().process().pid())).isGreaterThan(10L << 20);
    }

    @Test
    void redisCanBeStoppedAndStartedAgainOnItsPort() {
        EmbeddedRedis redis = SharedInfrastructure.get().redis();
        redis.stop();
        assertThat(FreePorts.listening(redis.port())).isFalse();
        redis.start();
        assertThat(FreePorts.listening(redis.port())).isTrue();
    }
}
