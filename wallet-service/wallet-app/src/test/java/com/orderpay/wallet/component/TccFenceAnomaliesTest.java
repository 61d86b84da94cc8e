package com.orderpay.wallet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.orderpay.wallet.freezing.tcc.FundsFreezeTccAction;
import java.lang.reflect.UndeclaredThrowableException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.seata.common.exception.FrameworkErrorCode;
import org.apache.seata.common.exception.SkipCallbackWrapperException;
import org.apache.seata.common.executor.Callback;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.core.model.BranchStatus;
import org.apache.seata.core.model.BranchType;
import org.apache.seata.integration.tx.api.fence.DefaultCommonFenceHandler;
import org.apache.seata.integration.tx.api.fence.exception.CommonFenceException;
import org.apache.seata.integration.tx.api.fence.hook.TccHook;
import org.apache.seata.integration.tx.api.fence.hook.TccHookManager;
import org.apache.seata.rm.DefaultResourceManager;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextUtil;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;
import org.apache.seata.tm.api.GlobalTransaction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.AopTestUtils;

/**
 * The three TCC anomalies, each provoked for real against the coordinator and the RM. Every test asserts the money
 * and the {@code tcc_fence_log} row, so it would fail if the action ran without the fence.
 */
class TccFenceAnomaliesTest extends WalletComponentTest {

    @Autowired
    FundsFreezeTccAction freezeAction;

    // ---- (a) a repeated Confirm or Cancel -------------------------------------------------------------------

    @Test
    void aRepeatedConfirmChangesNothing() throws Exception {
        String user = userWith("100.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("repeat-confirm");
        assertThat(freeze(tx.getXid(), orderNo, user, "40.00").statusCode()).isEqualTo(200);
        tx.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(tx.getXid())).containsExactly(COMMITTED));
        assertThat(figures(user)).isEqualTo(new Figures("60.00", "0.00"));
        long branchId = fenceBranchId(tx.getXid());

        // the coordinator delivering the Confirm again (lost ack, TC restart): the fence answers "done"
        BranchStatus again = DefaultResourceManager.get().branchCommit(BranchType.TCC, tx.getXid(), branchId,
                FundsFreezeTccAction.NAME, freezeApplicationData(orderNo, user, "40.00", fenced()));

        assertThat(again).isEqualTo(BranchStatus.PhaseTwo_Committed);
        assertThat(figures(user)).isEqualTo(new Figures("60.00", "0.00"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 40.00", "DEBIT 40.00");
        assertThat(fenceStatuses(tx.getXid())).containsExactly(COMMITTED);

        // the business guard is the second line: even a delivery that bypasses the fence debits nothing twice
        BranchStatus unfenced = DefaultResourceManager.get().branchCommit(BranchType.TCC, tx.getXid(), branchId,
                FundsFreezeTccAction.NAME, freezeApplicationData(orderNo, user, "40.00", false));
        assertThat(unfenced).isEqualTo(BranchStatus.PhaseTwo_Committed);
        assertThat(figures(user)).isEqualTo(new Figures("60.00", "0.00"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 40.00", "DEBIT 40.00");
        assertThat(freezeStatuses(orderNo)).containsExactly("DEBITED");
        assertLedgerInvariants(user);
    }

    @Test
    void aRepeatedCancelChangesNothing() throws Exception {
        String user = userWith("100.00");
        OtherFreeze other = frozenElsewhere(user, "30.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("repeat-cancel");
        assertThat(freeze(tx.getXid(), orderNo, user, "25.00").statusCode()).isEqualTo(200);
        tx.rollback();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(tx.getXid())).containsExactly(ROLLED_BACK));
        assertThat(figures(user)).isEqualTo(new Figures("70.00", "30.00"));
        long branchId = fenceBranchId(tx.getXid());

        BranchStatus again = DefaultResourceManager.get().branchRollback(BranchType.TCC, tx.getXid(), branchId,
                FundsFreezeTccAction.NAME, freezeApplicationData(orderNo, user, "25.00", fenced()));

        assertThat(again).isEqualTo(BranchStatus.PhaseTwo_Rollbacked);
        // the other order's 30.00 stays frozen: a second Cancel does not give back money it does not own
        assertThat(figures(user)).isEqualTo(new Figures("70.00", "30.00"));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(ROLLED_BACK);
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 25.00", "UNFREEZE 25.00");
        assertThat(freezeStatuses(other.orderNo())).containsExactly("TRYING");

        BranchStatus unfenced = DefaultResourceManager.get().branchRollback(BranchType.TCC, tx.getXid(), branchId,
                FundsFreezeTccAction.NAME, freezeApplicationData(orderNo, user, "25.00", false));
        assertThat(unfenced).isEqualTo(BranchStatus.PhaseTwo_Rollbacked);
        assertThat(figures(user)).isEqualTo(new Figures("70.00", "30.00"));
        assertThat(orderLedger(orderNo)).containsExactly("FREEZE 25.00", "UNFREEZE 25.00");
        assertLedgerInvariants(user);

        other.rollBackAndAwait(this);
        assertThat(figures(user)).isEqualTo(new Figures("100.00", "0.00"));
        assertLedgerInvariants(user);
    }

    // ---- (b) a Cancel before any Try: empty rollback --------------------------------------------------------

    @Test
    void aCancelBeforeAnyTryIsAnEmptyRollback() throws Exception {
        String user = userWith("100.00");
        OtherFreeze other = frozenElsewhere(user, "30.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("empty-rollback");
        String applicationData = freezeApplicationData(orderNo, user, "30.00", fenced());
        // the branch is registered (as Seata's interceptor does first), but its Try never reaches the database
        long branchId = DefaultResourceManager.get().branchRegister(BranchType.TCC, FundsFreezeTccAction.NAME,
                null, tx.getXid(), applicationData, null);

        BranchStatus cancelled = DefaultResourceManager.get().branchRollback(BranchType.TCC, tx.getXid(), branchId,
                FundsFreezeTccAction.NAME, applicationData);

        assertThat(cancelled).isEqualTo(BranchStatus.PhaseTwo_Rollbacked);
        assertThat(figures(user)).isEqualTo(new Figures("70.00", "30.00"));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(SUSPENDED);
        assertThat(freezeStatuses(orderNo)).isEmpty();
        assertThat(orderLedger(orderNo)).isEmpty();

        // the coordinator's own Cancel of that branch lands on the same fence row and changes nothing either
        tx.rollback();
        assertThat(figures(user)).isEqualTo(new Figures("70.00", "30.00"));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(SUSPENDED);
        assertLedgerInvariants(user);

        other.rollBackAndAwait(this);
        assertThat(figures(user)).isEqualTo(new Figures("100.00", "0.00"));
    }

    // ---- (c) a Try after its Cancel: suspension -------------------------------------------------------------

    /**
     * Mirrors {@code TccActionInterceptorHandler.doInvoke} → {@code ActionInterceptorHandler.proceed}: register the
     * branch ({@code doTxActionLogStore}), bind the action context, then
     * {@code DefaultCommonFenceHandler.prepareFence(xid, branchId, actionName, callback)} with the Try as the
     * callback, unwrapping {@link SkipCallbackWrapperException} as {@code proceed} does. Differences from the real
     * sequence: the applicationData is built here (the same keys, without the host name), the callback calls the
     * un-proxied target where the real one calls {@code invocation.proceed()} (which reaches the same target), and
     * the XID is bound by the test where Seata's MVC interceptor binds it from {@code TX_XID}. Between
     * registration and the fence the global transaction is rolled back, as when the Try's request is delayed past
     * the global timeout. {@link #aTryDelayedPastItsRollbackIsRefusedOnTheRealHttpPath} runs the unaltered path.
     */
    @Test
    void aTryArrivingAfterItsCancelIsRefusedAndFreezesNothing() throws Exception {
        String user = userWith("100.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("suspended-try");
        String xid = tx.getXid();
        String applicationData = freezeApplicationData(orderNo, user, "45.00", fenced());
        long branchId = DefaultResourceManager.get().branchRegister(BranchType.TCC, FundsFreezeTccAction.NAME,
                null, xid, applicationData, null);

        tx.rollback();

        // the TC's Cancel ran first: empty rollback, the fence row is SUSPENDED
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(xid)).containsExactly(SUSPENDED));

        FundsFreezeTccAction tryLogic = AopTestUtils.getUltimateTargetObject(freezeAction);
        assertThat(tryLogic).isNotSameAs(freezeAction);
        @SuppressWarnings("unchecked")
        Map<String, Object> actionContext = (Map<String, Object>) JSON.readValue(applicationData, Map.class)
                .get("actionContext");
        BusinessActionContext context = new BusinessActionContext(xid, String.valueOf(branchId), actionContext);
        context.setActionName(FundsFreezeTccAction.NAME);
        context.setBranchType(BranchType.TCC);
        AtomicBoolean tryRan = new AtomicBoolean();
        Callback<Object> tryCall = () -> {
            tryRan.set(true);
            return tryLogic.freeze(orderNo, user, new BigDecimal("45.00"), context);
        };
        RootContext.bind(xid);
        BusinessActionContextUtil.setContext(context);
        try {
            assertThatThrownBy(() -> proceedLikeTheInterceptor(xid, branchId, tryCall))
                    .isInstanceOfSatisfying(CommonFenceException.class,
                            e -> assertThat(e.getErrcode()).isEqualTo(FrameworkErrorCode.DuplicateKeyException));
        } finally {
            BusinessActionContextUtil.clear();
            RootContext.unbind();
        }

        assertThat(tryRan).isFalse();
        assertThat(figures(user)).isEqualTo(new Figures("100.00", "0.00"));
        assertThat(freezeStatuses(orderNo)).isEmpty();
        assertThat(orderLedger(orderNo)).isEmpty();
        // Seata then purges the suspended record asynchronously; it never becomes a TRIED record
        assertThat(fenceStatuses(xid)).doesNotContain(TRIED).hasSizeLessThanOrEqualTo(1);
        assertLedgerInvariants(user);
    }

    /**
     * The same anomaly through the unaltered path: a real HTTP Try whose branch registration succeeded is held (a
     * {@link TccHook} runs between registration and the fence, exactly where a slow network or a GC pause would
     * delay it) while the TM rolls the global transaction back; then the Try goes on into the fence.
     */
    @Test
    void aTryDelayedPastItsRollbackIsRefusedOnTheRealHttpPath() throws Exception {
        String user = userWith("100.00");
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("delayed-try");
        String xid = tx.getXid();
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        AtomicLong heldBranch = new AtomicLong();
        TccHookManager.registerHook(new DelayTry(xid, heldBranch, registered, goOn));
        try {
            CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return freeze(xid, orderNo, user, "45.00");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(registered.await(20, TimeUnit.SECONDS)).as("branch registered").isTrue();

            tx.rollback();
            await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(xid)).containsExactly(SUSPENDED));
            goOn.countDown();

            assertProblem(response.get(30, TimeUnit.SECONDS), 503, "service-unavailable");
        } finally {
            goOn.countDown();
            TccHookManager.clear();
        }
        assertThat(heldBranch.get()).isPositive();
        assertThat(figures(user)).isEqualTo(new Figures("100.00", "0.00"));
        assertThat(freezeStatuses(orderNo)).isEmpty();
        assertThat(orderLedger(orderNo)).isEmpty();
        assertThat(fenceStatuses(xid)).doesNotContain(TRIED).hasSizeLessThanOrEqualTo(1);
        assertLedgerInvariants(user);
    }

    /** {@code ActionInterceptorHandler.proceed} after registration: the fence when the action asks for it. */
    private static Object proceedLikeTheInterceptor(String xid, long branchId, Callback<Object> tryCall)
            throws Throwable {
        if (!fenced()) {
            return tryCall.execute();
        }
        try {
            return DefaultCommonFenceHandler.get().prepareFence(xid, branchId, FundsFreezeTccAction.NAME, tryCall);
        } catch (SkipCallbackWrapperException | UndeclaredThrowableException e) {
            throw e.getCause();
        }
    }

    /** What the action declares: the anomalies are absorbed only because this is true. */
    private static boolean fenced() throws NoSuchMethodException {
        return FundsFreezeTccAction.class
                .getMethod("freeze", String.class, String.class, BigDecimal.class, BusinessActionContext.class)
                .getAnnotation(TwoPhaseBusinessAction.class).useTCCFence();
    }

    /** Another order's funds frozen in the same wallet, so that a wrong give-back would show in the figures. */
    private OtherFreeze frozenElsewhere(String user, String amount) throws Exception {
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("other-freeze");
        assertThat(freeze(tx.getXid(), orderNo, user, amount).statusCode()).isEqualTo(200);
        // its global transaction stays open while the test runs (its funds stay frozen); the test ends it
        RootContext.unbind();
        return new OtherFreeze(orderNo, tx);
    }

    private record OtherFreeze(String orderNo, GlobalTransaction tx) {

        void rollBackAndAwait(WalletComponentTest test) throws Exception {
            tx.rollback();
            await().atMost(PHASE_TWO_WAIT).untilAsserted(
                    () -> assertThat(test.freezeStatuses(orderNo)).containsExactly("UNFROZEN"));
        }
    }

    /** Holds the Try of one global transaction between its branch registration and its fence. */
    private record DelayTry(String xid, AtomicLong branch, CountDownLatch registered, CountDownLatch goOn)
            implements TccHook {

        @Override
        public void beforeTccPrepare(String xid, Long branchId, String actionName, BusinessActionContext context) {
            if (!this.xid.equals(xid)) {
                return;
            }
            branch.set(branchId);
            registered.countDown();
            try {
                goOn.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void afterTccPrepare(String xid, Long branchId, String actionName, BusinessActionContext context) {
        }

        @Override
        public void beforeTccCommit(String xid, Long branchId, String actionName, BusinessActionContext context) {
        }

        @Override
        public void afterTccCommit(String xid, Long branchId, String actionName, BusinessActionContext context) {
        }

        @Override
        public void beforeTccRollback(String xid, Long branchId, String actionName, BusinessActionContext context) {
        }

        @Override
        public void afterTccRollback(String xid, Long branchId, String actionName, BusinessActionContext context) {
        }
    }
}
