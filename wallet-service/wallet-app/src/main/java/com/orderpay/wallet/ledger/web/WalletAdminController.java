package com.orderpay.wallet.ledger.web;

import com.orderpay.platform.problem.ProblemException;
import com.orderpay.wallet.api.FreezeAuditResponse;
import com.orderpay.wallet.api.LedgerEntryResponse;
import com.orderpay.wallet.api.LedgerPageResponse;
import com.orderpay.wallet.api.OrderFundsResponse;
import com.orderpay.wallet.api.WalletResponse;
import com.orderpay.wallet.auditing.WalletAudits;
import com.orderpay.wallet.ledger.LedgerPage;
import com.orderpay.wallet.ledger.WalletQueries;
import com.orderpay.wallet.web.UserIds;
import com.orderpay.wallet.web.WalletResponses;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator reads of any user's money (ADMIN; the gateway and the identity filter refuse anyone else): a
 * wallet, its ledger, and the freezes and entries of one order. Read only.
 */
@RestController
public class WalletAdminController {

    private static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final WalletQueries queries;
    private final WalletAudits audits;

    public WalletAdminController(WalletQueries queries, WalletAudits audits) {
        this.queries = queries;
        this.audits = audits;
    }

    @GetMapping("/api/admin/wallets/{userId}")
    public WalletResponse wallet(@PathVariable("userId") String userId) {
        String owner = UserIds.require(userId);
        return WalletResponses.wallet(owner, queries.balance(owner));
    }

    @GetMapping("/api/admin/wallets/{userId}/ledger")
    public LedgerPageResponse ledger(@PathVariable("userId") String userId,
            @RequestParam(name = "limit", defaultValue = "" + WalletQueries.DEFAULT_LIMIT) int limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        LedgerPage page = queries.ledger(UserIds.require(userId), limit, cursor);
        return new LedgerPageResponse(page.entries().stream().map(WalletResponses::entry).toList(), page.nextCursor());
    }

    /** 404 when the wallet never heard of the order (a pay-later order not paid yet has no freeze). */
    @GetMapping("/api/admin/funds-freezes/{orderNo}")
    public OrderFundsResponse orderFunds(@PathVariable("orderNo") String orderNo) {
        if (!ORDER_NO.matcher(orderNo).matches()) {
            throw ProblemException.notFound("Funds of order " + orderNo);
        }
        List<FreezeAuditResponse> freezes = audits.lookup(List.of(orderNo));
        List<LedgerEntryResponse> entries = queries.entriesOf(orderNo).stream().map(WalletResponses::entry).toList();
        if (freezes.isEmpty() && entries.isEmpty()) {
            throw ProblemException.notFound("Funds of order " + orderNo);
        }
        return new OrderFundsResponse(orderNo, freezes, entries);
    }
}
