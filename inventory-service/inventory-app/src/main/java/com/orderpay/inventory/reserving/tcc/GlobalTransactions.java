package com.orderpay.inventory.reserving.tcc;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import org.apache.seata.core.context.RootContext;

/** Guards of the Try methods. */
final class GlobalTransactions {

    private GlobalTransactions() {
    }

    /**
     * Outside a global transaction Seata's interceptor runs the Try as a plain call with no branch, so nothing
     * would ever confirm or cancel it: refuse it instead.
     */
    static void requireGlobalTransaction(String what) {
        if (!RootContext.inGlobalTransaction()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    what + " must run inside a global transaction (header " + RootContext.KEY_XID + ")");
        }
    }
}
