package com.orderpay.order.auditing;

import com.orderpay.order.api.TransactionStatusResponse;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.seata.core.exception.TransactionException;
import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.springframework.stereotype.Component;

/**
 * Asks the coordinator where a global transaction stands. order-service is the TM, so it has the channel; the
 * coordinator answers {@code Finished} for an XID it does not know (ended and removed, or its store was lost).
 */
@Component
public class CoordinatorView {

    /** Statuses in which the coordinator still owns phase two: nobody else may finish the branches. */
    private static final Set<GlobalStatus> ACTIVE = EnumSet.of(GlobalStatus.Begin, GlobalStatus.Committing,
            GlobalStatus.CommitRetrying, GlobalStatus.AsyncCommitting, GlobalStatus.Rollbacking,
            GlobalStatus.RollbackRetrying, GlobalStatus.TimeoutRollbacking, GlobalStatus.TimeoutRollbackRetrying,
            GlobalStatus.UnKnown);

    public TransactionStatusResponse status(String xid) {
        try {
            GlobalStatus status = GlobalTransactionContext.reload(xid).getStatus();
            return new TransactionStatusResponse(xid, status.name(), ACTIVE.contains(status));
        } catch (TransactionException | RuntimeException e) {
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                    "The transaction coordinator did not answer for " + xid + ": " + e.getMessage());
        }
    }
}
