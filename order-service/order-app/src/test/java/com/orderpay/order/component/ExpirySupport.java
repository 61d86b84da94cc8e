package com.orderpay.order.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpay.order.component.OrderServiceComponentTest.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the expiry tests share: unpaid orders on a child order-service, their lag, and the figures printed. */
final class ExpirySupport {

    static final String[] LAYERS = {"redis", "db", "timer"};

    private ExpirySupport() {
    }

    /** An order placed with pay-later, its deadline as the API gave it. */
    record Unpaid(String orderNo, String userId, Instant expiresAt) {
    }

    static Unpaid placeUnpaid(OrderServiceProcess service, String userId, String skuId, int quantity) {
        Reply placed = OrderServiceComponentTest.placeAt(service.baseUrl(), userId, skuId, quantity, false);
        assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
        assertThat(placed.body().path("status").asText()).isEqualTo("AWAITING_PAYMENT");
        return new Unpaid(placed.body().path("orderNo").asText(), userId,
                Instant.parse(placed.body().path("expiresAt").asText()));
    }

    static String statusOf(OrderServiceProcess service, String orderNo) {
        return service.database().queryForObject("SELECT status FROM customer_order WHERE order_no = ?", String.class,
                orderNo);
    }

    /** From the deadline to the status change that ended the order, in the database's own figures. */
    static long lagMillis(JdbcTemplate database, String orderNo) {
        return database.queryForObject("SELECT TIMESTAMPDIFF(MICROSECOND, expires_at, updated_at) DIV 1000 "
                + "FROM customer_order WHERE order_no = ?", Long.class, orderNo);
    }

    /** Min, median, max of the lags; printed by the tests and quoted in the issue note. */
    static String summary(List<Long> lags) {
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return String.format("n=%d min %d ms, median %d ms, max %d ms", sorted.size(), sorted.get(0),
                sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1));
    }

    /** Orders expired by each layer so far, as the service's Prometheus scrape counts them. */
    static double[] expiredByLayer(OrderServiceProcess service) {
        double[] counts = new double[LAYERS.length];
        for (int i = 0; i < LAYERS.length; i++) {
            counts[i] = service.metric("orderpay_orders_expired_total", "layer=\"" + LAYERS[i] + "\"");
        }
        return counts;
    }

    static String layerCounts(double[] before, double[] after) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < LAYERS.length; i++) {
            text.append(i == 0 ? "" : ", ").append(LAYERS[i]).append(' ').append((long) (after[i] - before[i]));
        }
        return text.toString();
    }

    /**
     * One command to the shared Redis in its wire protocol (no client library needed): the tests use it to put back
     * what a Redis that kept its data would still hold.
     *
     * @return the first line of the answer
     */
    static String redis(int port, String... args) {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                    .append("\r\n");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
