package com.orderpay.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP link on loopback that can be made slow: everything it forwards, both ways, waits {@link #delay(Duration)}
 * first. Put between a caller and a service, it plays a congested or lossy network beyond the caller's timeouts
 * (Toxiproxy's "latency" toxic; Toxiproxy itself is in no package registry reachable here). Transparent at zero delay.
 */
public final class DelayingProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DelayingProxy.class);

    private final String name;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;
    private volatile long delayMillis;
    private volatile boolean closed;

    private DelayingProxy(String name, ServerSocket server) {
        this.name = name;
        this.server = server;
    }

    /** Listens on {@code port} (0: a free one); forwards nowhere until {@link #target(int)} is set. */
    public static DelayingProxy listen(String name, int port) {
        try {
            ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
            DelayingProxy proxy = new DelayingProxy(name, server);
            Thread acceptor = new Thread(proxy::accept, "proxy-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Proxy " + name + " cannot listen on " + port, e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Where new connections go (a loopback port). */
    public void target(int port) {
        this.targetPort = port;
    }

    /** From now on, every chunk forwarded waits this long first (zero: none). */
    public void delay(Duration delay) {
        this.delayMillis = delay.toMillis();
        log.info("Link {} delayed by {}", name, delay);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    log.debug("Proxy {} accept failed", name, e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    long delay = delayMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed, or the proxy did
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-" + name + "-" + direction);
        pump.setDaemon(true);
        pump.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::closeQuietly);
    }
}
