package com.orderpay.inventory.component;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.devstack.ServiceHop;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.inventory.reserving.StockMetrics;
import com.orderpay.inventory.reserving.tcc.StockReservationTccAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.seata.common.Constants;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every component test class (same configuration, so Spring's context cache reuses it),
 * wired to the real MariaDB and the real Seata TC of {@link SharedInfrastructure}. The test JVM is the TM: it
 * opens global transactions and calls the internal HTTP API with the XID, as order-service does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the Prometheus endpoint as deployed (Boot's tests switch exporters off by default)
@AutoConfigureObservability(metrics = true, tracing = false)
abstract class InventoryComponentTest {

    /** Short enough that a held row lock makes a phase-two step fail quickly, long enough for normal traffic. */
    static final int LOCK_WAIT_SECONDS = 2;
    static final Duration PHASE_TWO_WAIT = Duration.ofSeconds(20);

    static final ObjectMapper JSON = new ObjectMapper();

    private static String jdbcUrl;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Map<String, String> props = SharedInfrastructure.get().springProperties("inventory_db");
        props.forEach((key, value) -> registry.add(key, () -> value));
        jdbcUrl = props.get("spring.datasource.url");
        registry.add("spring.datasource.url",
                () -> jdbcUrl + "&sessionVariables=innodb_lock_wait_timeout=" + LOCK_WAIT_SECONDS);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @AfterEach
    void noGlobalTransactionLeaksIntoTheNextTest() {
        RootContext.unbind();
    }

    /** A plain connection URL of the service's database, without the service's short lock wait. */
    static String jdbcUrl() {
        return jdbcUrl;
    }

    // ---- fixtures -------------------------------------------------------------------------------------------

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A SKU on the shelf, straight into the table (the admin API has its own tests). */
    String skuWith(long onHand) {
        return skuNamed(unique("SKU"), onHand);
    }

    String skuNamed(String skuId, long onHand) {
        jdbc.update("INSERT INTO sku (sku_id, name, price, on_hand) VALUES (?, ?, 9.99, ?)", skuId, "Item " + skuId,
                onHand);
        return skuId;
    }

    record Figures(long onHand, long reserved, long sold) {
    }

    Figures figures(String skuId) {
        return jdbc.queryForObject("SELECT on_hand, reserved, sold FROM sku WHERE sku_id = ?",
                (rs, i) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3)), skuId);
    }

    /** Fence rows of a global transaction, one per branch: status 1 tried, 2 committed, 3 rolled back, 4 suspended. */
    List<Integer> fenceStatuses(String xid) {
        return jdbc.queryForList("SELECT status FROM tcc_fence_log WHERE xid = ? ORDER BY branch_id", Integer.class, xid);
    }

    long fenceBranchId(String xid) {
        return jdbc.queryForObject("SELECT branch_id FROM tcc_fence_log WHERE xid = ?", Long.class, xid);
    }

    List<String> reservationStatuses(String orderNo) {
        return jdbc.queryForList("SELECT status FROM stock_reservation WHERE order_no = ? ORDER BY sku_id", String.class,
                orderNo);
    }

    double phaseTwoCount(String action, String phase, String outcome) {
        Counter counter = meters.find(StockMetrics.PHASE_TWO).tag("action", action).tag("phase", phase)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    // ---- the TM side ----------------------------------------------------------------------------------------

    static GlobalTransaction beginGlobal(String name) throws Exception {
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, name);
        return tx;
    }

    /** The applicationData Seata's TCC interceptor registers a reservation branch with (a subset that matters). */
    static String reservationApplicationData(String orderNo, boolean useFence) throws IOException {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("orderNo", orderNo);
        context.put(Constants.ACTION_START_TIME, System.currentTimeMillis());
        context.put(Constants.PREPARE_METHOD, "reserve");
        context.put(Constants.COMMIT_METHOD, "confirm");
        context.put(Constants.ROLLBACK_METHOD, "cancel");
        context.put(Constants.ACTION_NAME, StockReservationTccAction.NAME);
        context.put(Constants.USE_COMMON_FENCE, useFence);
        return JSON.writeValueAsString(Map.of(Constants.TX_ACTION_CONTEXT, context));
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    record Line(String skuId, int quantity) {
    }

    static String reserveBody(String orderNo, String purpose, Line... lines) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Line line : lines) {
            items.add(Map.of("skuId", line.skuId(), "quantity", line.quantity()));
        }
        return JSON.writeValueAsString(Map.of("orderNo", orderNo, "purpose", purpose, "lines", items));
    }

    HttpResponse<String> reserve(String xid, String orderNo, String purpose, Line... lines) throws Exception {
        return send("POST", "/internal/stock-reservations", reserveBody(orderNo, purpose, lines), internal(xid));
    }

    HttpResponse<String> sellHeld(String xid, String orderNo) throws Exception {
        return send("POST", "/internal/stock-reservations/" + orderNo + "/sale", "", internal(xid));
    }

    HttpResponse<String> release(String orderNo) throws Exception {
        return send("POST", "/internal/stock-reservations/" + orderNo + "/release", "", internal(null));
    }

    HttpResponse<String> reservation(String orderNo) throws Exception {
        return send("GET", "/internal/stock-reservations/" + orderNo, null, internal(null));
    }

    static Map<String, String> internal(String xid) {
        return ServiceHop.internal(xid);
    }

    static Map<String, String> admin(String userId) {
        return ServiceHop.caller(userId, "ADMIN,USER");
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        return new ServiceHop(port).send(method, path, body, headers);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return ServiceHop.json(response);
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        return ServiceHop.assertProblem(response, status, code);
    }

    static String lineSummary(JsonNode reservation) {
        List<String> lines = new ArrayList<>();
        reservation.path("lines").forEach(l -> lines.add(l.path("skuId").asText() + "x" + l.path("quantity").asInt()));
        return lines.stream().collect(Collectors.joining(","));
    }
}
