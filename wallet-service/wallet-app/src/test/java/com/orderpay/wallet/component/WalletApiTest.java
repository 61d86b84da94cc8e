package com.orderpay.wallet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderpay.wallet.domain.Money;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.Test;

/** The public API: a user's own wallet and ledger, and the operators' idempotent top-ups. */
class WalletApiTest extends WalletComponentTest {

    private static final String ADMIN = "ops-admin";

    // ---- credits --------------------------------------------------------------------------------------------

    @Test
    void aCreditOpensTheWalletAndAReplayWithTheSameKeyCreditsOnce() throws Exception {
        String user = unique("u");
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = credit(user, key, "{\"amount\":\"100.00\"}");
        HttpResponse<String> replay = credit(user, key, "{\"amount\":\"100.00\"}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode wallet = json(first);
        assertThat(wallet.path("userId").asText()).isEqualTo(user);
        assertThat(wallet.path("available").asText()).isEqualTo("100.00");
        assertThat(wallet.path("frozen").asText()).isEqualTo("0.00");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay)).isEqualTo(wallet);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(figures(user)).isEqualTo(new Figures("100.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 100.00");

        // another key is another top-up
        assertThat(credit(user, UUID.randomUUID().toString(), "{\"amount\":\"0.01\"}").statusCode()).isEqualTo(200);
        assertThat(figures(user)).isEqualTo(new Figures("100.01", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 100.00", "CREDIT 0.01");
        assertLedgerInvariants(user);
    }

    @Test
    void theSameKeyWithAnotherBodyOrForAnotherWalletIsRefused() throws Exception {
        String user = unique("u");
        String otherUser = unique("u");
        String key = UUID.randomUUID().toString();
        assertThat(credit(user, key, "{\"amount\":\"10.00\"}").statusCode()).isEqualTo(200);

        assertProblem(credit(user, key, "{\"amount\":\"20.00\"}"), 422, "idempotency-key-reuse");
        assertProblem(credit(otherUser, key, "{\"amount\":\"10.00\"}"), 422, "idempotency-key-reuse");

        assertThat(figures(user)).isEqualTo(new Figures("10.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 10.00");
        assertThat(figures(otherUser)).isNull();
    }

    /** The ledger's unique credit reference is the second guard, for a replay that outlived its idempotency record. */
    @Test
    void aReplayAfterTheIdempotencyRecordExpiredStillCreditsOnce() throws Exception {
        String user = unique("u");
        String key = UUID.randomUUID().toString();
        assertThat(credit(user, key, "{\"amount\":\"10.00\"}").statusCode()).isEqualTo(200);
        expireIdempotencyRecord(key);

        HttpResponse<String> late = credit(user, key, "{\"amount\":\"10.00\"}");

        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(json(late).path("available").asText()).isEqualTo("10.00");
        assertThat(ledger(user)).containsExactly("CREDIT 10.00");

        expireIdempotencyRecord(key);
        assertProblem(credit(user, key, "{\"amount\":\"99.00\"}"), 422, "idempotency-key-reuse");
        assertThat(figures(user)).isEqualTo(new Figures("10.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 10.00");
    }

    @Test
    void anInvalidCreditIsA400AndChangesNothing() throws Exception {
        String user = userWith("5.00");
        List<String> badBodies = List.of(
                "{\"amount\":100.00}",          // a JSON number: money is a string
                "{\"amount\":\"1.5\"}",          // one fraction digit
                "{\"amount\":\"1.005\"}",        // three fraction digits
                "{\"amount\":\"-1.00\"}",
                "{\"amount\":\"0.00\"}",
                "{\"amount\":\"1000000.01\"}",   // above the top-up limit
                "{}",
                "{\"amount\":",                   // malformed JSON
                "not json");
        for (String body : badBodies) {
            assertProblem(credit(user, UUID.randomUUID().toString(), body), 400, "validation-failed");
        }
        assertProblem(send("POST", "/api/admin/wallets/" + user + "/credits", "{\"amount\":\"1.00\"}", admin(ADMIN)),
                400, "validation-failed");
        assertProblem(credit(user, "", "{\"amount\":\"1.00\"}"), 400, "validation-failed");
        assertProblem(credit(user, "k".repeat(129), "{\"amount\":\"1.00\"}"), 400, "validation-failed");
        assertProblem(credit("bad%20user", UUID.randomUUID().toString(), "{\"amount\":\"1.00\"}"), 400,
                "validation-failed");

        assertThat(figures(user)).isEqualTo(new Figures("5.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 5.00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_record WHERE scope = ? AND response_body LIKE ?",
                Integer.class, ADMIN, "%" + user + "%")).isZero();
    }

    @Test
    void onlyAnAdminCreditsAndOnlyThroughTheGateway() throws Exception {
        String user = userWith("5.00");
        String body = "{\"amount\":\"50.00\"}";

        assertProblem(send("POST", "/api/admin/wallets/" + user + "/credits", body,
                withKey(user(user), UUID.randomUUID().toString())), 403, "forbidden");
        Map<String, String> noToken = withKey(admin(ADMIN), UUID.randomUUID().toString());
        noToken.remove("X-Internal-Token");
        assertProblem(send("POST", "/api/admin/wallets/" + user + "/credits", body, noToken), 401, "unauthorized");
        Map<String, String> wrongToken = withKey(admin(ADMIN), UUID.randomUUID().toString());
        wrongToken.put("X-Internal-Token", "guessed");
        assertProblem(send("POST", "/api/admin/wallets/" + user + "/credits", body, wrongToken), 401, "unauthorized");

        assertThat(figures(user)).isEqualTo(new Figures("5.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 5.00");
    }

    @Test
    void traceMeetsTheCredentialCheckThenIsA405ProblemNamingWhatThePathTakesNeverAnEchoOfTheRequest() throws Exception {
        String user = userWith("5.00");
        Map<String, String> noToken = user(user);
        noToken.remove("X-Internal-Token");

        HttpResponse<String> anonymous = send("TRACE", "/api/wallet", null, noToken);
        assertProblem(anonymous, 401, "unauthorized");
        assertThat(anonymous.body().toLowerCase(java.util.Locale.ROOT)).doesNotContain("x-user-id");
        HttpResponse<String> traced = send("TRACE", "/api/wallet", null, user(user));
        assertProblem(traced, 405, "method-not-allowed");
        assertThat(traced.body()).doesNotContain(user(user).get("X-Internal-Token"));
        assertThat(traced.body().toLowerCase(java.util.Locale.ROOT)).doesNotContain("x-user-id");
        assertThat(traced.headers().firstValue("Allow")).as("what /api/wallet takes").hasValue("GET, HEAD, OPTIONS");
        HttpResponse<String> credits = send("TRACE", "/api/admin/wallets/" + user + "/credits", null, admin("ops"));
        assertProblem(credits, 405, "method-not-allowed");
        assertThat(credits.headers().firstValue("Allow")).as("what a credit path takes").hasValue("OPTIONS, POST");
        assertProblem(send("TRACE", "/internal/wallets/" + user, null, internal(null)), 405, "method-not-allowed");
        // A path nothing serves is a 404, whatever the method.
        HttpResponse<String> nowhere = send("TRACE", "/api/nothing-here", null, user(user));
        assertProblem(nowhere, 404, "not-found");
        assertThat(nowhere.headers().firstValue("Allow")).isEmpty();
    }

    // ---- a user's own wallet and ledger ---------------------------------------------------------------------

    @Test
    void aUserSeesTheirOwnWalletAndZerosWithoutOne() throws Exception {
        String user = userWith("12.50");
        String other = userWith("99.99");

        JsonNode mine = json(send("GET", "/api/wallet", null, user(user)));
        assertThat(mine.path("userId").asText()).isEqualTo(user);
        assertThat(mine.path("available").asText()).isEqualTo("12.50");
        assertThat(mine.path("frozen").asText()).isEqualTo("0.00");

        String newcomer = unique("u");
        HttpResponse<String> none = send("GET", "/api/wallet", null, user(newcomer));
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(none).path("userId").asText()).isEqualTo(newcomer);
        assertThat(json(none).path("available").asText()).isEqualTo("0.00");
        assertThat(json(none).path("frozen").asText()).isEqualTo("0.00");
        assertThat(figures(newcomer)).isNull();

        // the wallet shown is always the verified caller's: there is no way to name another user's (a parameter
        // that tries is refused, and shows nothing of theirs)
        HttpResponse<String> naming = send("GET", "/api/wallet?userId=" + other, null, user(user));
        assertThat(assertProblem(naming, 400, "validation-failed").path("detail").asText())
                .isEqualTo("Parameter userId is not a parameter of this operation, which takes none");
        assertThat(naming.body()).doesNotContain("99.99");
        Map<String, String> noToken = user(user);
        noToken.remove("X-Internal-Token");
        assertProblem(send("GET", "/api/wallet", null, noToken), 401, "unauthorized");
        Map<String, String> noUser = internal(null);
        assertProblem(send("GET", "/api/wallet", null, noUser), 401, "unauthorized");
        assertProblem(send("GET", "/internal/wallets/" + user, null, Map.of()), 401, "unauthorized");
    }

    @Test
    void userIdsAndIdempotencyKeysAreComparedExactlyNotIgnoringCase() throws Exception {
        String alice = userWith("12.50");
        String shouting = alice.toUpperCase(java.util.Locale.ROOT);

        JsonNode theirs = json(send("GET", "/api/wallet", null, user(shouting)));
        assertThat(theirs.path("userId").asText()).isEqualTo(shouting);
        assertThat(theirs.path("available").asText()).as("another subject, another wallet").isEqualTo("0.00");
        String key = "Case-Key-" + UUID.randomUUID();
        assertThat(credit(shouting, key, "{\"amount\":\"1.00\"}").statusCode()).isEqualTo(200);
        assertThat(figures(shouting)).isEqualTo(new Figures("1.00", "0.00"));
        assertThat(figures(alice)).isEqualTo(new Figures("12.50", "0.00"));
        assertThat(ledger(alice)).containsExactly("CREDIT 12.50");

        // a key differing only in case is another key: a second top-up, not a replay
        HttpResponse<String> other = credit(shouting, key.toUpperCase(java.util.Locale.ROOT), "{\"amount\":\"1.00\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(figures(shouting)).isEqualTo(new Figures("2.00", "0.00"));
        assertLedgerInvariants(shouting);
        assertLedgerInvariants(alice);
    }

    @Test
    void theLedgerPagesNewestFirstThroughAnOpaqueCursorAndShowsOnlyTheCallersEntries() throws Exception {
        String user = userWith("10.00");
        String other = userWith("77.00");
        for (String amount : List.of("1.00", "2.00", "3.00", "4.00")) {
            credits.credit(user, Money.of(amount), "fixture:" + UUID.randomUUID());
        }
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("ledger-debit");
        assertThat(freeze(tx.getXid(), orderNo, user, "6.00").statusCode()).isEqualTo(200);
        tx.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(freezeStatuses(orderNo)).containsExactly("DEBITED"));

        List<JsonNode> entries = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(send("GET", "/api/wallet/ledger?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                    null, user(user)));
            page.path("entries").forEach(entries::add);
            pageSizes.add(page.path("entries").size());
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(entries).extracting(e -> e.path("type").asText() + " " + e.path("amount").asText())
                .containsExactly("DEBIT 6.00", "FREEZE 6.00", "CREDIT 4.00", "CREDIT 3.00", "CREDIT 2.00", "CREDIT 1.00",
                        "CREDIT 10.00");
        assertThat(entries.get(0).path("orderNo").asText()).isEqualTo(orderNo);
        assertThat(entries.get(0).path("createdAt").asText()).isNotBlank();
        assertThat(entries.get(6).has("orderNo")).isFalse();
        assertThat(new HashSet<>(entries.stream().map(e -> e.path("entryId").asLong()).toList())).hasSize(7);
        assertThat(entries).extracting(e -> e.path("entryId").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        JsonNode defaults = json(send("GET", "/api/wallet/ledger", null, user(user)));
        assertThat(defaults.path("entries")).hasSize(7);
        assertThat(defaults.has("nextCursor")).isFalse();

        // another user sees only their own entries, whatever cursor they send
        JsonNode first = json(send("GET", "/api/wallet/ledger?limit=1", null, user(user)));
        JsonNode theirs = json(send("GET", "/api/wallet/ledger?cursor=" + first.path("nextCursor").asText(), null,
                user(other)));
        assertThat(theirs.path("entries")).hasSize(1);
        assertThat(theirs.path("entries").get(0).path("amount").asText()).isEqualTo("77.00");
        assertLedgerInvariants(user);
    }

    @Test
    void badLedgerParametersAreA400() throws Exception {
        String user = userWith("1.00");
        for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "cursor=not-a-cursor",
                "cursor=YmVmb3JlOng", "cursor=%21%21")) {
            assertProblem(send("GET", "/api/wallet/ledger?" + query, null, user(user)), 400, "validation-failed");
        }
        assertThat(json(send("GET", "/api/wallet/ledger?limit=100", null, user(user))).path("entries")).hasSize(1);
    }

    // ---- what an operator reads ------------------------------------------------------------------------------

    @Test
    void anAdminReadsAnyWalletItsLedgerAndTheFundsOfOneOrder() throws Exception {
        String user = userWith("20.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("admin-read-debit");
        assertThat(freeze(tx.getXid(), orderNo, user, "7.50").statusCode()).isEqualTo(200);
        tx.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(freezeStatuses(orderNo)).containsExactly("DEBITED"));

        JsonNode wallet = json(send("GET", "/api/admin/wallets/" + user, null, admin(ADMIN)));
        assertThat(wallet.path("userId").asText()).isEqualTo(user);
        assertThat(wallet.path("available").asText()).isEqualTo("12.50");
        JsonNode ledger = json(send("GET", "/api/admin/wallets/" + user + "/ledger?limit=2", null, admin(ADMIN)));
        assertThat(ledger.path("entries")).extracting(e -> e.path("type").asText()).containsExactly("DEBIT", "FREEZE");
        assertThat(ledger.path("nextCursor").asText()).isNotBlank();

        JsonNode funds = json(send("GET", "/api/admin/funds-freezes/" + orderNo, null, admin(ADMIN)));
        assertThat(funds.path("freezes")).hasSize(1);
        assertThat(funds.at("/freezes/0/status").asText()).isEqualTo("DEBITED");
        assertThat(funds.at("/freezes/0/xid").asText()).isEqualTo(tx.getXid());
        assertThat(funds.path("entries")).extracting(e -> e.path("type").asText() + " " + e.path("amount").asText())
                .containsExactly("FREEZE 7.50", "DEBIT 7.50");

        assertProblem(send("GET", "/api/admin/funds-freezes/" + unique("O"), null, admin(ADMIN)), 404, "not-found");
        assertProblem(send("GET", "/api/admin/wallets/" + user, null, user(user)), 403, "forbidden");
        assertProblem(send("GET", "/api/admin/wallets/bad%20id", null, admin(ADMIN)), 400, "validation-failed");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private HttpResponse<String> credit(String userId, String key, String body) throws Exception {
        return send("POST", "/api/admin/wallets/" + userId + "/credits", body, withKey(admin(ADMIN), key));
    }

    private static Map<String, String> withKey(Map<String, String> headers, String key) {
        headers.put("Idempotency-Key", key);
        return headers;
    }

    /** What the purge does once the retention has passed. */
    private void expireIdempotencyRecord(String key) {
        assertThat(jdbc.update("DELETE FROM idempotency_record WHERE scope = ? AND idempotency_key = ?", ADMIN, key))
                .isEqualTo(1);
    }
}
