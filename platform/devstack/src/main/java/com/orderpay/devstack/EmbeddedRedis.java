package com.orderpay.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/** A real Redis 6.2 server (embedded-redis binaries) on loopback; stop and start it again to test outages. */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final int port;
    private RedisServer server;
    private ProcessHandle process;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    public static EmbeddedRedis start(int port) {
        EmbeddedRedis redis = new EmbeddedRedis(port == 0 ? FreePorts.pick() : port);
        redis.start();
        return redis;
    }

    public synchronized void start() {
        if (server != null && server.isActive() && !exitedByItself()) {
            return;
        }
        try {
            server = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 128mb")
                    .build();
            java.util.Set<Long> before = redisProcesses().map(ProcessHandle::pid)
                    .collect(java.util.stream.Collectors.toSet());
            server.start();
            process = redisProcesses().filter(p -> !before.contains(p.pid())).findFirst().orElse(null);
            log.info("Redis on 127.0.0.1:{}", port);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on " + port, e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            log.warn("Redis did not stop cleanly", e);
        }
        server = null;
    }

    /** A crash (SIGKILL): nothing saved (nothing is: no persistence); {@link #start()} brings it back, empty. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            process.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
            process = null;
        }
        server = null;
    }

    /** The server ended without {@link #stop()} or {@link #kill()} (a crash, an outside {@code kill}). */
    public synchronized boolean exitedByItself() {
        return process != null && !process.isAlive();
    }

    private static java.util.stream.Stream<ProcessHandle> redisProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }
}
