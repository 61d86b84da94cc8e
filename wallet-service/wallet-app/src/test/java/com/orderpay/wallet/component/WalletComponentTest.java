package com.orderpay.wallet.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.devstack.ServiceHop;
import com.orderpay.devstack.SharedInfrastructure;
import com.orderpay.wallet.crediting.CreditService;
import com.orderpay.wallet.domain.LedgerEntryType;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.domain.WalletBalance;
import com.orderpay.wallet.domain.WalletLedgerEntry;
import com.orderpay.wallet.freezing.WalletMetrics;
import com.orderpay.wallet.freezing.tcc.FundsFreezeTccAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.seata.common.Constants;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
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
abstract class WalletComponentTest {

    /** Short enough that a held row lock makes a phase-two step fail quickly, long enough for normal traffic. */
    static final int LOCK_WAIT_SECONDS = 2;
    static final Duration PHASE_TWO_WAIT = Duration.ofSeconds(20);

    static final int TRIED = 1;
    static final int COMMITTED = 2;
    static final int ROLLED_BACK = 3;
    static final int SUSPENDED = 4;

    static final ObjectMapper JSON = new ObjectMapper();

    private static String jdbcUrl;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Map<String, String> props = SharedInfrastructure.get().springProperties("wallet_db");
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
    @Autowired
    CreditService credits;

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

    /** A user whose wallet was topped up with {@code amount} through the real credit path (ledger included). */
    String userWith(String amount) {
        String userId = unique("u");
        credits.credit(userId, Money.of(amount), "fixture:" + UUID.randomUUID());
        return userId;
    }

    /** A wallet's two figures as plain strings, so that assertions are exact to the cent (scale included). */
    record Figures(String available, String frozen) {
    }

    Figures figures(String userId) {
        List<Figures> rows = jdbc.query("SELECT available, frozen FROM wallet WHERE user_id = ?",
                (rs, i) -> new Figures(rs.getBigDecimal(1).toPlainString(), rs.getBigDecimal(2).toPlainString()),
                userId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    List<String> freezeStatuses(String orderNo) {
        return jdbc.queryForList("SELECT status FROM funds_freeze WHERE order_no = ? ORDER BY id", String.class,
                orderNo);
    }

    /** The user's ledger as "TYPE amount" in the order it was written. */
    List<String> ledger(String userId) {
        return jdbc.query("SELECT type, amount FROM wallet_ledger_entry WHERE user_id = ? ORDER BY entry_id",
                (rs, i) -> rs.getString(1) + " " + rs.getBigDecimal(2).toPlainString(), userId);
    }

    List<String> orderLedger(String orderNo) {
        return jdbc.query("SELECT type, amount FROM wallet_ledger_entry WHERE order_no = ? ORDER BY entry_id",
                (rs, i) -> rs.getString(1) + " " + rs.getBigDecimal(2).toPlainString(), orderNo);
    }

    /** Fence rows of a global transaction, one per branch: status 1 tried, 2 committed, 3 rolled back, 4 suspended. */
    List<Integer> fenceStatuses(String xid) {
        return jdbc.queryForList("SELECT status FROM tcc_fence_log WHERE xid = ? ORDER BY branch_id", Integer.class, xid);
    }

    long fenceBranchId(String xid) {
        return jdbc.queryForObject("SELECT branch_id FROM tcc_fence_log WHERE xid = ?", Long.class, xid);
    }

    /**
     * The ledger invariants for one wallet, both as sums in SQL and by replaying the entries through the domain:
     * {@code available + frozen = CREDIT + REFUND - DEBIT} and {@code frozen = FREEZE - UNFREEZE - DEBIT}.
     */
    void assertLedgerInvariants(String userId) {
        Map<String, Object> sums = jdbc.queryForMap("SELECT w.available, w.frozen, "
                + "(SELECT COALESCE(SUM(CASE type WHEN 'CREDIT' THEN amount WHEN 'REFUND' THEN amount "
                + "  WHEN 'DEBIT' THEN -amount ELSE 0 END), 0) FROM wallet_ledger_entry e WHERE e.user_id = w.user_id) AS owned, "
                + "(SELECT COALESCE(SUM(CASE type WHEN 'FREEZE' THEN amount WHEN 'UNFREEZE' THEN -amount "
                + "  WHEN 'DEBIT' THEN -amount ELSE 0 END), 0) FROM wallet_ledger_entry e WHERE e.user_id = w.user_id) AS held "
                + "FROM wallet w WHERE w.user_id = ?", userId);
        BigDecimal available = (BigDecimal) sums.get("available");
        BigDecimal frozen = (BigDecimal) sums.get("frozen");
        assertThat(available.signum()).as("available of %s", userId).isGreaterThanOrEqualTo(0);
        assertThat(frozen.signum()).as("frozen of %s", userId).isGreaterThanOrEqualTo(0);
        assertThat(available.add(frozen)).as("available + frozen = CREDIT + REFUND - DEBIT for %s", userId)
                .isEqualByComparingTo((BigDecimal) sums.get("owned"));
        assertThat(frozen).as("frozen = FREEZE - UNFREEZE - DEBIT for %s", userId)
                .isEqualByComparingTo((BigDecimal) sums.get("held"));

        List<WalletLedgerEntry> entries = jdbc.query("SELECT entry_id, type, amount, order_no, freeze_id "
                        + "FROM wallet_ledger_entry WHERE user_id = ? ORDER BY entry_id",
                (rs, i) -> new WalletLedgerEntry(rs.getLong(1), userId, LedgerEntryType.valueOf(rs.getString(2)),
                        Money.of(rs.getBigDecimal(3)), rs.getString(4), (Long) rs.getObject(5), null), userId);
        assertThat(WalletBalance.replay(entries)).as("the ledger of %s replayed", userId)
                .isEqualTo(new WalletBalance(Money.of(available), Money.of(frozen)));
    }

    double freezeCount(String outcome) {
        Counter counter = meters.find(WalletMetrics.FREEZES).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    double phaseTwoCount(String phase, String outcome) {
        Counter counter = meters.find(WalletMetrics.PHASE_TWO).tag("phase", phase).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    // ---- the TM side ----------------------------------------------------------------------------------------

    static GlobalTransaction beginGlobal(String name) throws Exception {
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, name);
        return tx;
    }

    /** The applicationData Seata's TCC interceptor registers a freeze branch with (the part that matters). */
    static String freezeApplicationData(String orderNo, String userId, String amount, boolean useFence)
            throws IOException {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("orderNo", orderNo);
        context.put("userId", userId);
        context.put("amount", new BigDecimal(amount));
        context.put(Constants.ACTION_START_TIME, System.currentTimeMillis());
        context.put(Constants.PREPARE_METHOD, "freeze");
        context.put(Constants.COMMIT_METHOD, "confirm");
        context.put(Constants.ROLLBACK_METHOD, "cancel");
        context.put(Constants.ACTION_NAME, FundsFreezeTccAction.NAME);
        context.put(Constants.USE_COMMON_FENCE, useFence);
        return JSON.writeValueAsString(Map.of(Constants.TX_ACTION_CONTEXT, context));
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    HttpResponse<String> freeze(String xid, String orderNo, String userId, String amount) throws Exception {
        String body = JSON.writeValueAsString(Map.of("orderNo", orderNo, "userId", userId, "amount", amount));
        return send("POST", "/internal/wallet-freezes", body, internal(xid));
    }

    static Map<String, String> internal(String xid) {
        return ServiceHop.internal(xid);
    }

    static Map<String, String> user(String userId) {
        return ServiceHop.caller(userId, "USER");
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
}
