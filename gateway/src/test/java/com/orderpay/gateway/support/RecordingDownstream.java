package com.orderpay.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for one orderpay service behind the gateway: records every request it receives (headers included) and
 * answers JSON naming itself. {@code .../slow} answers after {@link #SLOW_MILLIS}; {@code .../drop} closes the
 * connection without answering; {@code .../conflict} answers a 409 problem, as a service would; {@code .../held}
 * waits until {@link #releaseHeld()} (or 30 s) when {@link #holdRequests()} was called.
 */
public final class RecordingDownstream implements AutoCloseable {

    public static final long SLOW_MILLIS = 3_000;

    /** One request as the service saw it; header names lower-cased. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public boolean hasHeader(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private RecordingDownstream(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, name + "-stub");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Routes order-service to {@code orders} and every other service to {@code others}, with the shared test Redis
     * as the rate limiter's store: the wiring of a gateway test that holds order-service's requests.
     */
    public static void wire(org.springframework.test.context.DynamicPropertyRegistry registry,
            RecordingDownstream orders, RecordingDownstream others) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("spring.cloud.discovery.client.simple.instances.order-service[0].uri", orders::baseUrl);
        for (String service : List.of("inventory-service", "wallet-service", "compensation-service")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", others::baseUrl);
        }
    }

    public static RecordingDownstream start(String name) {
        try {
            return new RecordingDownstream(name);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the " + name + " stub", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public Received last() {
        if (received.isEmpty()) {
            throw new AssertionError(name + " received no request");
        }
        return received.get(received.size() - 1);
    }

    public long count(String path) {
        return received.stream().filter(r -> r.path().equals(path)).count();
    }

    public void clear() {
        received.clear();
    }

    /** From now on {@code .../held} requests wait for {@link #releaseHeld()}. */
    public void holdRequests() {
        gate = new CountDownLatch(1);
    }

    public void releaseHeld() {
        gate.countDown();
    }

    /** {@code .../held} requests being held right now. */
    public int held() {
        return held.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((key, values) -> headers.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers, body));
            if (path.endsWith("/slow")) {
                sleep(SLOW_MILLIS);
            }
            if (path.endsWith("/held")) {
                held.incrementAndGet();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
            }
            if (path.endsWith("/drop")) {
                return; // closes the connection without an answer, as a crashing service would
            }
            if (path.endsWith("/conflict")) {
                respond(exchange, 409, "application/problem+json",
                        "{\"type\":\"https://orderpay.dev/problems/order-not-payable\",\"title\":\"Order is not payable\","
                                + "\"status\":409,\"detail\":\"Order o-1 is CANCELLED\"}");
                return;
            }
            respond(exchange, 200, "application/json",
                    "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
