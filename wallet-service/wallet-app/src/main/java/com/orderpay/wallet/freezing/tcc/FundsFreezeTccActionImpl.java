package com.orderpay.wallet.freezing.tcc;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.domain.FundsFreeze;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.freezing.FundsFreezeService;
import com.orderpay.wallet.freezing.WalletMetrics;
import java.math.BigDecimal;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phase two works from the branch alone ((xid, branchId) is stored on the freeze by the Try), so it needs nothing
 * from the action context; each step is a status compare-and-set, idempotent even without the fence.
 */
@Component
public class FundsFreezeTccActionImpl implements FundsFreezeTccAction {

    private static final Logger log = LoggerFactory.getLogger(FundsFreezeTccActionImpl.class);

    private final FundsFreezeService freezes;
    private final WalletMetrics metrics;

    public FundsFreezeTccActionImpl(FundsFreezeService freezes, WalletMetrics metrics) {
        this.freezes = freezes;
        this.metrics = metrics;
    }

    @Override
    public FundsFreeze freeze(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            @BusinessActionContextParameter(paramName = "userId") String userId,
            @BusinessActionContextParameter(paramName = "amount") BigDecimal amount,
            BusinessActionContext context) {
        // Outside a global transaction Seata runs this as a plain call with no branch: nothing would ever finish it.
        if (!RootContext.inGlobalTransaction()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Freezing funds must run inside a global transaction (header " + RootContext.KEY_XID + ")");
        }
        return freezes.freeze(context.getXid(), context.getBranchId(), orderNo, userId, amountToFreeze(amount));
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        try {
            FundsFreeze debited = freezes.debit(context.getXid(), context.getBranchId());
            // Every paid order confirms: counted by the metric below, logged only when asked for (a cancel is logged).
            log.debug("Freeze {} of order {} is {}", debited.id(), debited.orderNo(), debited.status());
            metrics.phaseTwo("confirm", "done");
            return true;
        } catch (RuntimeException e) {
            metrics.phaseTwo("confirm", "failed");
            throw e;
        }
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        try {
            freezes.unfreeze(context.getXid(), context.getBranchId()).ifPresent(
                    f -> log.info("Freeze {} of order {} is {}", f.id(), f.orderNo(), f.status()));
            metrics.phaseTwo("cancel", "done");
            return true;
        } catch (RuntimeException e) {
            metrics.phaseTwo("cancel", "failed");
            throw e;
        }
    }

    private static Money amountToFreeze(BigDecimal amount) {
        if (amount == null) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "amount is required");
        }
        try {
            return Money.positive(amount);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "amount: " + e.getMessage());
        }
    }
}
