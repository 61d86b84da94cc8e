package com.orderpay.inventory.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.domain.SkuQuantity;
import com.orderpay.inventory.reserving.tcc.StockReservationTccAction;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The three TCC anomalies, each provoked for real against the coordinator and the RM: every test asserts the
 * stock figures and the {@code tcc_fence_log} row, so it would fail if the action ran without the fence.
 */
class TccFenceAnomaliesTest extends InventoryComponentTest {

    private static final int TRIED = 1;
    private static final int COMMITTED = 2;
    private static final int ROLLED_BACK = 3;
    private static final int SUSPENDED = 4;

    @Autowired
    StockReservationTccAction reservationAction;

    @Test
    void aRepeatedConfirmChangesNothing() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("repeat-confirm");
        assertThat(reserve(tx.getXid(), orderNo, "SALE", new Line(sku, 2)).statusCode()).isEqualTo(200);
        tx.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(tx.getXid())).containsExactly(COMMITTED));
        assertThat(figures(sku)).isEqualTo(new Figures(8, 0, 2));
        long branchId = fenceBranchId(tx.getXid());

        // the coordinator delivering the Confirm again (lost ack, TC restart): the fence answers "done"
        BranchStatus again = DefaultResourceManager.get().branchCommit(BranchType.TCC, tx.getXid(), branchId,
                StockReservationTccAction.NAME, reservationApplicationData(orderNo, fenced()));

        assertThat(again).isEqualTo(BranchStatus.PhaseTwo_Committed);
        assertThat(figures(sku)).isEqualTo(new Figures(8, 0, 2));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(COMMITTED);

        // the business guard is the second line: even a delivery that bypasses the fence sells nothing twice
        BranchStatus unfenced = DefaultResourceManager.get().branchCommit(BranchType.TCC, tx.getXid(), branchId,
                StockReservationTccAction.NAME, reservationApplicationData(orderNo, false));
        assertThat(unfenced).isEqualTo(BranchStatus.PhaseTwo_Committed);
        assertThat(figures(sku)).isEqualTo(new Figures(8, 0, 2));
        assertThat(reservationStatuses(orderNo)).containsExactly("SOLD");
    }

    @Test
    void aRepeatedCancelChangesNothing() throws Exception {
        String sku = skuWith(10);
        String other = heldElsewhere(sku, 3);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("repeat-cancel");
        assertThat(reserve(tx.getXid(), orderNo, "SALE", new Line(sku, 2)).statusCode()).isEqualTo(200);
        tx.rollback();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(tx.getXid())).containsExactly(ROLLED_BACK));
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));
        long branchId = fenceBranchId(tx.getXid());

        BranchStatus again = DefaultResourceManager.get().branchRollback(BranchType.TCC, tx.getXid(), branchId,
                StockReservationTccAction.NAME, reservationApplicationData(orderNo, fenced()));

        assertThat(again).isEqualTo(BranchStatus.PhaseTwo_Rollbacked);
        // the other order's 3 held units are not given back by a second Cancel
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(ROLLED_BACK);
        assertThat(reservationStatuses(orderNo)).containsExactly("CANCELLED");
        assertThat(reservationStatuses(other)).containsExactly("HELD");
    }

    @Test
    void aCancelBeforeAnyTryIsAnEmptyRollback() throws Exception {
        String sku = skuWith(10);
        heldElsewhere(sku, 3);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("empty-rollback");
        // the branch is registered (as Seata's interceptor does first), but its Try never reaches the database
        long branchId = DefaultResourceManager.get().branchRegister(BranchType.TCC, StockReservationTccAction.NAME,
                null, tx.getXid(), reservationApplicationData(orderNo, fenced()), null);

        BranchStatus cancelled = DefaultResourceManager.get().branchRollback(BranchType.TCC, tx.getXid(), branchId,
                StockReservationTccAction.NAME, reservationApplicationData(orderNo, fenced()));

        assertThat(cancelled).isEqualTo(BranchStatus.PhaseTwo_Rollbacked);
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(SUSPENDED);
        assertThat(reservationStatuses(orderNo)).isEmpty();

        // the coordinator's own Cancel of that branch lands on the same fence row and changes nothing either
        tx.rollback();
        assertThat(figures(sku)).isEqualTo(new Figures(10, 3, 0));
        assertThat(fenceStatuses(tx.getXid())).containsExactly(SUSPENDED);
    }

    /**
     * Mirrors {@code TccActionInterceptorHandler} / {@code ActionInterceptorHandler.proceed}: register the branch,
     * bind the action context, then {@code prepareFence(xid, branchId, actionName, callback)} with the Try as the
     * callback. Here the global transaction is rolled back between registration and the fence, as when the
     * Try's request is delayed past the global timeout.
     */
    @Test
    void aTryArrivingAfterItsCancelIsRefusedAndReservesNothing() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("suspended-try");
        String xid = tx.getXid();
        String applicationData = reservationApplicationData(orderNo, fenced());
        long branchId = DefaultResourceManager.get().branchRegister(BranchType.TCC, StockReservationTccAction.NAME,
                null, xid, applicationData, null);

        tx.rollback();

        // the TC's Cancel ran first: empty rollback, the fence row is SUSPENDED
        await().atMost(PHASE_TWO_WAIT).untilAsserted(() -> assertThat(fenceStatuses(xid)).containsExactly(SUSPENDED));

        StockReservationTccAction tryLogic = AopTestUtils.getUltimateTargetObject(reservationAction);
        assertThat(tryLogic).isNotSameAs(reservationAction);
        @SuppressWarnings("unchecked")
        Map<String, Object> actionContext = (Map<String, Object>) new ObjectMapper()
                .readValue(applicationData, Map.class).get("actionContext");
        BusinessActionContext context = new BusinessActionContext(xid, String.valueOf(branchId), actionContext);
        context.setActionName(StockReservationTccAction.NAME);
        context.setBranchType(BranchType.TCC);
        AtomicBoolean tryRan = new AtomicBoolean();
        RootContext.bind(xid);
        BusinessActionContextUtil.setContext(context);
        Callback<Object> tryCall = () -> {
            tryRan.set(true);
            return tryLogic.reserve(orderNo, ReservationPurpose.SALE, List.of(new SkuQuantity(sku, 4)), context);
        };
        try {
            // ActionInterceptorHandler.proceed: the fence when the action asks for it, else the Try directly
            assertThatThrownBy(() -> {
                if (fenced()) {
                    DefaultCommonFenceHandler.get().prepareFence(xid, branchId, StockReservationTccAction.NAME, tryCall);
                } else {
                    tryCall.execute();
                }
            }).isInstanceOf(SkipCallbackWrapperException.class).cause().isInstanceOf(CommonFenceException.class);
        } finally {
            BusinessActionContextUtil.clear();
            RootContext.unbind();
        }

        assertThat(tryRan).isFalse();
        assertThat(figures(sku)).isEqualTo(new Figures(10, 0, 0));
        assertThat(reservationStatuses(orderNo)).isEmpty();
        // Seata then purges the suspended record asynchronously; it never becomes a TRIED record
        assertThat(fenceStatuses(xid)).doesNotContain(TRIED).hasSizeLessThanOrEqualTo(1);
    }

    /**
     * The same anomaly through the service, unaltered: a real HTTP Try whose branch registration succeeded is held (a
     * {@link TccHook} runs between registration and the fence, exactly where a slow network or a GC pause would delay
     * it) while the TM rolls the global transaction back; then the Try goes on into the fence and is refused.
     */
    @Test
    void aTryDelayedPastItsRollbackIsRefusedOnTheRealHttpPath() throws Exception {
        String sku = skuWith(10);
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("delayed-try");
        String xid = tx.getXid();
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        TccHookManager.registerHook(new HoldTryAfterRegistration(xid, registered, goOn));
        try {
            CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return reserve(xid, orderNo, "SALE", new Line(sku, 4));
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
        assertThat(figures(sku)).isEqualTo(new Figures(10, 0, 0));
        assertThat(reservationStatuses(orderNo)).isEmpty();
        assertThat(fenceStatuses(xid)).doesNotContain(TRIED).hasSizeLessThanOrEqualTo(1);
    }

    /** Holds the Try of one global transaction between its branch registration and its fence. */
    private record HoldTryAfterRegistration(String xid, CountDownLatch registered, CountDownLatch goOn)
            implements TccHook {

        @Override
        public void beforeTccPrepare(String xid, Long branchId, String actionName, BusinessActionContext context) {
            if (this.xid.equals(xid)) {
                registered.countDown();
                try {
                    goOn.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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

    /** What the action declares: the anomalies below are absorbed only because this is true. */
    private static boolean fenced() throws NoSuchMethodException {
        return StockReservationTccAction.class
                .getMethod("reserve", String.class, ReservationPurpose.class, List.class, BusinessActionContext.class)
                .getAnnotation(TwoPhaseBusinessAction.class).useTCCFence();
    }

    /** Another order holding units of the same SKU, so that a wrong give-back would show in the figures. */
    private String heldElsewhere(String sku, int quantity) throws Exception {
        String orderNo = unique("O");
        GlobalTransaction tx = beginGlobal("other-hold");
        assertThat(reserve(tx.getXid(), orderNo, "HOLD", new Line(sku, quantity)).statusCode()).isEqualTo(200);
        tx.commit();
        await().atMost(PHASE_TWO_WAIT).untilAsserted(
                () -> assertThat(reservationStatuses(orderNo)).containsExactly("HELD"));
        return orderNo;
    }
}
