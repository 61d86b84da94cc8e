package com.orderpay.wallet.freezing.web;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.api.FreezeAuditPageResponse;
import com.orderpay.wallet.api.FreezeAuditResponse;
import com.orderpay.wallet.api.FreezeFundsRequest;
import com.orderpay.wallet.api.FundsFreezeResponse;
import com.orderpay.wallet.api.RefundRequest;
import com.orderpay.wallet.api.RefundResponse;
import com.orderpay.wallet.api.SettlementRequest;
import com.orderpay.wallet.api.UserPaymentsResponse;
import com.orderpay.wallet.api.WalletAuditPageResponse;
import com.orderpay.wallet.api.WalletClient;
import com.orderpay.wallet.api.WalletResponse;
import com.orderpay.wallet.auditing.WalletAudits;
import com.orderpay.wallet.domain.FundsFreeze;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.freezing.FundsFreezeService;
import com.orderpay.wallet.freezing.WalletMetrics;
import com.orderpay.wallet.freezing.tcc.FundsFreezeTccAction;
import com.orderpay.wallet.ledger.WalletQueries;
import com.orderpay.wallet.refunding.RefundService;
import com.orderpay.wallet.web.UserIds;
import com.orderpay.wallet.web.WalletResponses;
import java.math.BigDecimal;
import java.util.List;
import org.apache.seata.common.exception.FrameworkErrorCode;
import org.apache.seata.common.exception.FrameworkException;
import org.apache.seata.integration.tx.api.fence.exception.CommonFenceException;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal API other services call through {@link WalletClient}; implementing the Feign interface keeps
 * contract and server from drifting. The Try goes through the Seata proxy of the action, which registers the
 * branch with the coordinator (the XID was bound from the {@code TX_XID} header by Seata's MVC interceptor).
 */
@RestController
public class InternalWalletController implements WalletClient {

    private final FundsFreezeTccAction freezeAction;
    private final WalletQueries queries;
    private final WalletMetrics metrics;
    private final FundsFreezeService freezes;
    private final WalletAudits audits;
    private final RefundService refunds;

    public InternalWalletController(FundsFreezeTccAction freezeAction, WalletQueries queries, WalletMetrics metrics,
            FundsFreezeService freezes, WalletAudits audits, RefundService refunds) {
        this.freezeAction = freezeAction;
        this.queries = queries;
        this.metrics = metrics;
        this.freezes = freezes;
        this.audits = audits;
        this.refunds = refunds;
    }

    @Override
    public FundsFreezeResponse freeze(FreezeFundsRequest request) {
        FundsFreeze frozen;
        try {
            frozen = freezeAction.freeze(request.orderNo(), request.userId(), request.amount(), null);
        } catch (ProblemException e) {
            if (e.code() == ProblemCode.INSUFFICIENT_BALANCE) {
                metrics.insufficientBalance();
            }
            throw e;
        } catch (CommonFenceException e) {
            // The fence refused the Try before it ran, so nothing was frozen; retrying the whole payment is the way on.
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                    e.getErrcode() == FrameworkErrorCode.DuplicateKeyException
                            ? "The global transaction of this freeze was already rolled back; nothing was frozen"
                            : "The freeze could not be recorded; nothing was frozen");
        } catch (FrameworkException e) {
            // The coordinator did not register the branch (its global transaction is over, or it is unreachable).
            throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                    "The coordinator did not accept this freeze; nothing was frozen");
        }
        metrics.frozen();
        return WalletResponses.freeze(frozen);
    }

    @Override
    public WalletResponse wallet(String userId) {
        String user = UserIds.require(userId);
        return WalletResponses.wallet(user, queries.balance(user));
    }

    @Override
    public FreezeAuditPageResponse freezeAudits(String cursor, int limit, List<String> statuses, String updatedBefore) {
        return audits.freezes(cursor, limit, statuses, updatedBefore);
    }

    @Override
    public List<FreezeAuditResponse> lookupFreezes(List<String> orderNos) {
        return audits.lookup(orderNos);
    }

    @Override
    public FundsFreezeResponse settle(String orderNo, SettlementRequest request) {
        List<FundsFreeze> settled = freezes.settle(orderNo, request.xid(),
                request.outcome() == SettlementRequest.Outcome.COMMIT);
        if (settled.isEmpty()) {
            throw ProblemException.notFound("Freeze of order " + orderNo + " by " + request.xid());
        }
        return WalletResponses.freeze(settled.get(0));
    }

    @Override
    public RefundResponse refund(RefundRequest request) {
        return refunds.refund(request.orderNo(), UserIds.require(request.userId()), Money.positive(request.amount()),
                request.reason());
    }

    @Override
    public WalletAuditPageResponse walletAudits(String cursor, int limit) {
        return audits.wallets(cursor, limit);
    }

    @Override
    public List<UserPaymentsResponse> heavyPayers(String since, long morePaymentsThan, BigDecimal moreThanAmount) {
        return audits.heavyPayers(since, morePaymentsThan, moreThanAmount);
    }
}
