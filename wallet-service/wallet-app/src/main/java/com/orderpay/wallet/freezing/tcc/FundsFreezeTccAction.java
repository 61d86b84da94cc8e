package com.orderpay.wallet.freezing.tcc;

import com.orderpay.wallet.domain.FundsFreeze;
import java.math.BigDecimal;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * The wallet branch of paying an order. Try freezes the amount (409 insufficient-balance with nothing changed);
 * Confirm debits it; Cancel unfreezes it. The fence makes each phase run once, turns a Cancel before its Try into
 * an empty rollback and refuses a Try that arrives after its Cancel.
 */
@LocalTCC
public interface FundsFreezeTccAction {

    String NAME = "wallet-freeze-funds";

    @TwoPhaseBusinessAction(name = NAME, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    FundsFreeze freeze(@BusinessActionContextParameter(paramName = "orderNo") String orderNo,
            @BusinessActionContextParameter(paramName = "userId") String userId,
            @BusinessActionContextParameter(paramName = "amount") BigDecimal amount,
            BusinessActionContext context);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
