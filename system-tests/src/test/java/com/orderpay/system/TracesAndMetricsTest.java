package com.orderpay.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.devstack.OrderpayService;
import com.orderpay.system.Storefront.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SRE's view of one order through the gateway: it moves the business metrics, and its trace id (with the request
 * id, and the XID on the hops of the global transaction) is in the gateway's and every service's log. The alert
 * rules and the dashboard query only metrics the services really export.
 */
class TracesAndMetricsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern METRIC = Pattern.compile("\\borderpay_[a-z0-9_]+");
    /** compensation-service's counters tagged by finding kind and alert rule: they appear with the first of each. */
    private static final Set<String> NOT_YET_EXPORTED = Set.of("orderpay_reconciliation_findings_total",
            "orderpay_alerts_raised_total");

    private static Storefront api;
    private static String admin;

    @BeforeAll
    static void startSystem() {
        api = RunningSystem.storefront();
        admin = api.token("ops-metrics", "ADMIN", "USER");
    }

    @Test
    void oneOrderThroughTheGatewayMovesTheOrderMetricsAndLeavesItsTraceInEveryHop() throws Exception {
        Shopper shopper = shopper("TRACE", "tracer");
        String sku = shopper.sku();
        String buyer = api.token(shopper.user(), "USER");
        String order = scrape(OrderpayService.ORDER);
        String inventory = scrape(OrderpayService.INVENTORY);
        String wallet = scrape(OrderpayService.WALLET);
        String traceId = hex(16);
        String requestId = "trace-" + UUID.randomUUID();

        Reply placed = api.send("POST", "/api/orders", buyer, UUID.randomUUID().toString(),
                Map.of("items", List.of(Map.of("skuId", sku, "quantity", 2)), "payNow", true),
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01", "X-Request-Id", requestId));

        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        assertThat(placed.body().path("status").asText()).isEqualTo("PAID");
        String orderAfter = scrape(OrderpayService.ORDER);
        assertThat(delta(order, orderAfter, "orderpay_orders_placed_total", "outcome=\"paid\"")).isEqualTo(1);
        assertThat(delta(order, orderAfter, "orderpay_payments_total", "flow=\"pay_now\",outcome=\"paid\"")).isEqualTo(1);
        assertThat(delta(order, orderAfter, "orderpay_orders_placement_seconds_count", "")).isEqualTo(1);
        // The SLO buckets of the latency histogram.
        assertThat(orderAfter).contains("orderpay_orders_placement_seconds_bucket{application=\"order-service\",le=\"0.1\"}")
                .contains("le=\"0.25\"").contains("le=\"0.5\"");
        assertThat(delta(inventory, scrape(OrderpayService.INVENTORY), "orderpay_stock_reservations_total",
                "outcome=\"reserved\"")).isEqualTo(1);
        assertThat(delta(wallet, scrape(OrderpayService.WALLET), "orderpay_wallet_freezes_total", "outcome=\"frozen\""))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(delta(wallet, scrape(OrderpayService.WALLET), "orderpay_wallet_tcc_phase_two_total",
                    "outcome=\"done\",phase=\"confirm\"")).isEqualTo(1);
            assertThat(delta(inventory, scrape(OrderpayService.INVENTORY), "orderpay_stock_tcc_phase_two_total",
                    "outcome=\"done\",phase=\"confirm\"")).isEqualTo(1);
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String service : List.of("gateway", "order-service", "inventory-service", "wallet-service")) {
                List<String> lines = linesWith(service, traceId);
                assertThat(lines).as(service + " logs the trace").isNotEmpty();
                assertThat(lines).as(service + " logs the request id with it").anyMatch(l -> l.contains("req=" + requestId));
            }
            // Every hop of the global transaction carries its one XID: order-service's line, written after the
            // transaction it began has ended, and the participants' hops inside it.
            Set<String> xids = new HashSet<>();
            for (String service : List.of("order-service", "inventory-service", "wallet-service")) {
                List<String> found = linesWith(service, traceId).stream().map(TracesAndMetricsTest::xidIn)
                        .filter(xid -> !xid.isEmpty()).toList();
                assertThat(found).as(service + " logs the XID").isNotEmpty();
                xids.addAll(found);
            }
            assertThat(xids).as("one global transaction").hasSize(1);
        });
    }

    /**
     * A caller (or a lower management.tracing.sampling.probability) may leave a trace unsampled: it records no spans,
     * yet its ids still travel every hop and correlate every log line.
     */
    @Test
    void anUnsampledOrderStillLeavesItsTraceIdInEveryHop() throws Exception {
        Shopper shopper = shopper("UNSAMPLED", "untraced");
        String traceId = hex(16);

        Reply placed = api.send("POST", "/api/orders", api.token(shopper.user(), "USER"), UUID.randomUUID().toString(),
                Map.of("items", List.of(Map.of("skuId", shopper.sku(), "quantity", 1)), "payNow", true),
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-00"));

        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String service : List.of("gateway", "order-service", "inventory-service", "wallet-service")) {
                assertThat(linesWith(service, traceId)).as(service + " logs the unsampled trace").isNotEmpty();
            }
        });
    }

    /** A latency spike is told from a pause afterwards: every service JVM logs its pauses and safepoints, timed. */
    @Test
    void everyServiceKeepsItsPausesInItsOwnGcLog() throws IOException {
        oneOrderThroughTheGatewayIsPaid();
        for (String service : List.of("gateway", "order-service", "inventory-service", "wallet-service",
                "compensation-service")) {
            Path gcLog = RunningSystem.logs().resolve(service).resolve("gc.log");
            assertThat(gcLog).as(service).isRegularFile();
            String text = Files.readString(gcLog);
            assertThat(text).as(service + " names its collector").contains("Using Serial");
            assertThat(text).as(service + " logs safepoints with wall-clock time")
                    .containsPattern("(?m)^\\[\\d{4}-\\d{2}-\\d{2}T[^\\]]+\\]\\[[\\d.]+s\\] Safepoint ");
        }
    }

    @Test
    void theAlertRulesAndTheDashboardQueryOnlyMetricsTheServicesExport() throws IOException {
        String root = System.getProperty("orderpay.root");
        Set<String> queried = new TreeSet<>();
        for (Path file : List.of(Path.of(root, "deploy/k8s/monitoring/prometheusrule.yaml"),
                Path.of(root, "deploy/k8s/monitoring/grafana/orderpay.json"))) {
            Matcher matcher = METRIC.matcher(Files.readString(file));
            while (matcher.find()) {
                queried.add(matcher.group());
            }
        }
        oneOrderThroughTheGatewayIsPaid(); // phase-two counters appear with the first transaction
        StringBuilder exported = new StringBuilder();
        for (OrderpayService service : List.of(OrderpayService.GATEWAY, OrderpayService.ORDER,
                OrderpayService.INVENTORY, OrderpayService.WALLET, OrderpayService.COMPENSATION)) {
            exported.append(scrape(service));
        }

        assertThat(queried).hasSizeGreaterThan(10);
        for (String metric : queried) {
            if (!NOT_YET_EXPORTED.contains(metric)) {
                assertThat(exported.toString()).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
            }
        }
    }

    /** A SKU with 5 units at 4.00, and a user whose wallet holds 20.00. */
    private record Shopper(String sku, String user) {
    }

    private static Shopper shopper(String skuLabel, String userLabel) {
        String sku = "SKU-" + skuLabel + "-" + UUID.randomUUID().toString().substring(0, 8);
        String user = userLabel + "-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/api/admin/skus/" + sku, admin, Map.of("name", "Mug " + skuLabel, "price", "4.00",
                "onHand", 5)).status()).isIn(200, 201);
        assertThat(api.post("/api/admin/wallets/" + user + "/credits", admin, UUID.randomUUID().toString(),
                Map.of("amount", "20.00")).status()).isEqualTo(200);
        return new Shopper(sku, user);
    }

    private static void oneOrderThroughTheGatewayIsPaid() {
        String sku = "SKU-M-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        api.put("/api/admin/skus/" + sku, admin, Map.of("name", "Mug", "price", "1.00", "onHand", 1));
        api.post("/api/admin/wallets/" + user + "/credits", admin, UUID.randomUUID().toString(), Map.of("amount", "5.00"));
        Reply placed = api.post("/api/orders", api.token(user, "USER"), UUID.randomUUID().toString(),
                Map.of("items", List.of(Map.of("skuId", sku, "quantity", 1)), "payNow", true));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> scrape(OrderpayService.WALLET)
                .contains("orderpay_wallet_tcc_phase_two_total") && scrape(OrderpayService.INVENTORY)
                .contains("orderpay_stock_tcc_phase_two_total"));
    }

    private static final Pattern XID = Pattern.compile("\\[xid=([^\\]\\s]*)]");

    private static String xidIn(String line) {
        Matcher matcher = XID.matcher(line);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static List<String> linesWith(String service, String text) throws IOException {
        try (var lines = Files.lines(RunningSystem.logs().resolve(service + ".log"))) {
            return lines.filter(line -> line.contains(text)).toList();
        }
    }

    /** How much the sample of {@code metric} whose labels contain {@code labels} grew between two scrapes. */
    private static double delta(String before, String after, String metric, String labels) {
        return value(after, metric, labels) - value(before, metric, labels);
    }

    private static double value(String scrape, String metric, String labels) {
        for (String line : scrape.split("\n")) {
            if ((line.startsWith(metric + "{") || line.startsWith(metric + " ")) && line.contains(labels)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static String scrape(OrderpayService service) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(RunningSystem.get().baseUrl(service) + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
