package com.orderpay.wallet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.Test;

/** The wallet branch driven by the real coordinator: global commit debits, global rollback unfreezes. */
class FundsFreezeTccTest extends WalletComponentTest {

    @Test
    void tryFreezesAndTheGlobalCommitDebitsTheFrozenFunds() throws Exception {
        String user = userWith("100.00");
        String orderNo = unique("O");
        double frozenBefore = freezeCount("frozen");
        GlobalTransaction tx = beginGlobal("freeze-commit");

        HttpResponse<String> tried = freeze(tx.getXid(), orderNo, user, "12.34");

        assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
        JsonNode body = json(tried);
        assertThat(body.path("orderNo").asText()).isEqualTo(orderNo);
        assertThat(body.path("userId").asText()).isEqualTo(user);
        assertThat(body.path("amount").asText()).isEqualTo("12.34");
        assertThat(body.path("status").asText()).isEqualTo("TRYING");
        assertThat(figures(user)).isEqualTo(new Figures("87.66", "12.34"));
        assertThat(freezeStatuses(orderNo)).containsExactly("TRYING");
        assertThat(fenceStatuses(tx.getXid())).containsExactly(TRIED);
        assertThat(freezeCount("frozen")).isEqualTo(frozenBefore + 1);
        assertLedgerInvariants(user);

        tx.commit();

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(freezeStatuses(orderNo)).containsExactly("DEBITED");
            assertThat(fenceStatuses(tx.getXid())).containsExactly(COMMITTED);
        });
        assertThat(figures(user)).isEqualTo(new Figures("87.66", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 100.00", "FREEZE 12.34", "DEBIT 12.34");
        assertLedgerInvariants(user);
        JsonNode wallet = json(send("GET", "/internal/wallets/" + user, null, internal(null)));
        assertThat(wallet.path("available").asText()).isEqualTo("87.66");
        assertThat(wallet.path("frozen").asText()).isEqualTo("0.00");
    }

    @Test
    void theGlobalRollbackUnfreezesTheFunds() throws Exception {
        String user = userWith("50.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("freeze-rollback");
        assertThat(freeze(tx.getXid(), orderNo, user, "20.01").statusCode()).isEqualTo(200);
        assertThat(figures(user)).isEqualTo(new Figures("29.99", "20.01"));

        tx.rollback();

        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> {
            assertThat(freezeStatuses(orderNo)).containsExactly("UNFROZEN");
            assertThat(fenceStatuses(tx.getXid())).containsExactly(ROLLED_BACK);
        });
        assertThat(figures(user)).isEqualTo(new Figures("50.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 50.00", "FREEZE 20.01", "UNFREEZE 20.01");
        assertLedgerInvariants(user);
    }

    @Test
    void aFreezeAboveTheAvailableFundsIsRefusedAndChangesNothing() throws Exception {
        String user = userWith("10.00");
        String orderNo = unique("O");
        double refusedBefore = freezeCount("insufficient_balance");
        GlobalTransaction tx = beginGlobal("freeze-too-much");

        JsonNode problem = assertProblem(freeze(tx.getXid(), orderNo, user, "10.01"), 409, "insufficient-balance");

        assertThat(problem.path("available").asText()).isEqualTo("10.00");
        assertThat(problem.path("requested").asText()).isEqualTo("10.01");
        assertThat(figures(user)).isEqualTo(new Figures("10.00", "0.00"));
        assertThat(freezeStatuses(orderNo)).isEmpty();
        assertThat(orderLedger(orderNo)).isEmpty();
        assertThat(fenceStatuses(tx.getXid())).isEmpty();
        assertThat(freezeCount("insufficient_balance")).isEqualTo(refusedBefore + 1);

        // the TM rolls back: the coordinator's Cancel is an empty rollback and changes nothing either
        tx.rollback();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(tx.getXid())).containsExactly(SUSPENDED));
        assertThat(figures(user)).isEqualTo(new Figures("10.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 10.00");
        assertLedgerInvariants(user);
    }

    @Test
    void aUserWithoutAWalletHasInsufficientBalance() throws Exception {
        String user = unique("nobody");
        GlobalTransaction tx = beginGlobal("freeze-no-wallet");
        String orderNo = unique("O");

        assertProblem(freeze(tx.getXid(), orderNo, user, "0.01"), 409, "insufficient-balance");

        tx.rollback();
        assertThat(figures(user)).isNull();
        assertThat(freezeStatuses(orderNo)).isEmpty();
        JsonNode wallet = json(send("GET", "/internal/wallets/" + user, null, internal(null)));
        assertThat(wallet.path("available").asText()).isEqualTo("0.00");
        assertThat(wallet.path("frozen").asText()).isEqualTo("0.00");
    }

    @Test
    void aTryOutsideAGlobalTransactionIsRefused() throws Exception {
        String user = userWith("10.00");
        String orderNo = unique("O");

        assertProblem(freeze(null, orderNo, user, "1.00"), 400, "validation-failed");

        assertThat(figures(user)).isEqualTo(new Figures("10.00", "0.00"));
        assertThat(freezeStatuses(orderNo)).isEmpty();
    }

    @Test
    void aTryForAGlobalTransactionThatAlreadyEndedIsRefusedByTheCoordinator() throws Exception {
        String user = userWith("10.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("already-over");
        tx.rollback();

        assertProblem(freeze(tx.getXid(), orderNo, user, "1.00"), 503, "service-unavailable");

        assertThat(figures(user)).isEqualTo(new Figures("10.00", "0.00"));
        assertThat(freezeStatuses(orderNo)).isEmpty();
        assertThat(fenceStatuses(tx.getXid())).isEmpty();
    }

    @Test
    void aFreezeRequestThatIsNotValidIsRefusedBeforeAnyBranch() throws Exception {
        String user = userWith("10.00");
        GlobalTransaction tx = beginGlobal("freeze-invalid");
        try {
            assertProblem(freeze(tx.getXid(), unique("O"), user, "0.00"), 400, "validation-failed");
            assertProblem(freeze(tx.getXid(), unique("O"), "not a user id", "1.00"), 400, "validation-failed");
            assertProblem(send("POST", "/internal/wallet-freezes",
                    "{\"orderNo\":\"O-1\",\"userId\":\"" + user + "\",\"amount\":1.00}", internal(tx.getXid())),
                    400, "validation-failed");
            assertProblem(send("POST", "/internal/wallet-freezes", "{\"orderNo\":", internal(tx.getXid())),
                    400, "validation-failed");
            // no branch was registered, so no fence row either
            assertThat(fenceStatuses(tx.getXid())).isEmpty();
        } finally {
            tx.rollback();
        }
        assertThat(figures(user)).isEqualTo(new Figures("10.00", "0.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 10.00");
    }

    /**
     * Why the ledger is keyed per freeze and not per (order, type): a failed payment attempt leaves FREEZE and
     * UNFREEZE for the order, and the retry that succeeds writes a second FREEZE and the one DEBIT.
     */
    @Test
    void anOrderCanBeFrozenAgainAfterAFailedAttemptAndIsDebitedOnce() throws Exception {
        String user = userWith("30.00");
        String orderNo = unique("O");
        GlobalTransaction failed = beginGlobal("attempt-1");
        assertThat(freeze(failed.getXid(), orderNo, user, "25.00").statusCode()).isEqualTo(200);
        failed.rollback();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(freezeStatuses(orderNo)).containsExactly("UNFROZEN"));

        GlobalTransaction paid = beginGlobal("attempt-2");
        assertThat(freeze(paid.getXid(), orderNo, user, "25.00").statusCode()).isEqualTo(200);
        paid.commit();

        await().atMost(PHASE_TWO_WAIT).untilAsserted(
                () -> assertThat(freezeStatuses(orderNo)).containsExactly("UNFROZEN", "DEBITED"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 25.00", "UNFREEZE 25.00", "FREEZE 25.00", "DEBIT 25.00");
        assertThat(figures(user)).isEqualTo(new Figures("5.00", "0.00"));
        assertLedgerInvariants(user);
    }

    @Test
    void aSecondFreezeOfAnOrderWhoseFundsAreStillFrozenIsRefused() throws Exception {
        String user = userWith("30.00");
        String orderNo = unique("O");
        GlobalTransaction first = beginGlobal("first");
        assertThat(freeze(first.getXid(), orderNo, user, "10.00").statusCode()).isEqualTo(200);
        // one TM thread, two global transactions: the first stays open while the second runs
        RootContext.unbind();

        GlobalTransaction second = beginGlobal("second");
        assertProblem(freeze(second.getXid(), orderNo, user, "10.00"), 409, "order-not-payable");
        second.rollback();

        // the refused Try rolled back its wallet update with it
        assertThat(figures(user)).isEqualTo(new Figures("20.00", "10.00"));
        assertThat(freezeStatuses(orderNo)).containsExactly("TRYING");

        first.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(freezeStatuses(orderNo)).containsExactly("DEBITED"));
        assertThat(figures(user)).isEqualTo(new Figures("20.00", "0.00"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 10.00", "DEBIT 10.00");
        assertLedgerInvariants(user);
    }

    /**
     * A Confirm whose freeze cannot be found (here the row was hand-edited to another branch after the Try) would let
     * the order become PAID with no money taken: it fails, is retried by the coordinator, and debits nothing.
     */
    @Test
    void aConfirmForAFreezeThatCannotBeFoundFailsAndDebitsNothing() throws Exception {
        String user = userWith("40.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("freeze-vanished");
        assertThat(freeze(tx.getXid(), orderNo, user, "15.00").statusCode()).isEqualTo(200);
        jdbc.update("UPDATE funds_freeze SET branch_id = branch_id + 1000000 WHERE order_no = ?", orderNo);
        double failedBefore = phaseTwoCount("confirm", "failed");

        tx.commit();

        // The coordinator keeps delivering the Confirm; every delivery fails and nothing is debited.
        await().atMost(PHASE_TWO_WAIT).until(() -> phaseTwoCount("confirm", "failed") >= failedBefore + 2);
        assertThat(fenceStatuses(tx.getXid())).containsExactly(TRIED);
        assertThat(freezeStatuses(orderNo)).containsExactly("TRYING");
        assertThat(figures(user)).isEqualTo(new Figures("25.00", "15.00"));
        assertThat(ledger(user)).containsExactly("CREDIT 40.00", "FREEZE 15.00");

        // Put right by hand (as an operator would after the alert): the next delivery debits once.
        jdbc.update("UPDATE funds_freeze SET branch_id = branch_id - 1000000 WHERE order_no = ?", orderNo);
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(freezeStatuses(orderNo)).containsExactly("DEBITED"));
        assertThat(ledger(user)).containsExactly("CREDIT 40.00", "FREEZE 15.00", "DEBIT 15.00");
        assertLedgerInvariants(user);
    }
}
