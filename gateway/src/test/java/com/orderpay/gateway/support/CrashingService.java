package com.orderpay.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that reads a whole request, then dies before answering: the connection is reset (RST), the way a
 * killed process leaves it. Counts the requests it read.
 */
public final class CrashingService implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger requestsRead = new AtomicInteger();
    private final Thread acceptor;

    private CrashingService() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "crashing-service");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static CrashingService start() {
        try {
            return new CrashingService();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int requestsRead() {
        return requestsRead.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5_000);
                readRequest(socket.getInputStream());
                requestsRead.incrementAndGet();
                socket.setSoLinger(true, 0); // close = RST
            } catch (IOException e) {
                // closed server or a client that went away: keep serving until closed
            }
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request ended");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("short body: " + new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
