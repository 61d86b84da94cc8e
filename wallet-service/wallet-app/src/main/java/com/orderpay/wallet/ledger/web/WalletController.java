package com.orderpay.wallet.ledger.web;

import com.orderpay.platform.identity.Caller;
import com.orderpay.wallet.api.LedgerPageResponse;
import com.orderpay.wallet.api.WalletResponse;
import com.orderpay.wallet.ledger.LedgerPage;
import com.orderpay.wallet.ledger.WalletQueries;
import com.orderpay.wallet.web.WalletResponses;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own wallet and ledger: the user id comes from the verified identity, never from the request. */
@RestController
public class WalletController {

    private final WalletQueries queries;

    public WalletController(WalletQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/wallet")
    public WalletResponse wallet(Caller caller) {
        return WalletResponses.wallet(caller.userId(), queries.balance(caller.userId()));
    }

    @GetMapping("/api/wallet/ledger")
    public LedgerPageResponse ledger(Caller caller,
            @RequestParam(name = "limit", defaultValue = "" + WalletQueries.DEFAULT_LIMIT) int limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        LedgerPage page = queries.ledger(caller.userId(), limit, cursor);
        return new LedgerPageResponse(page.entries().stream().map(WalletResponses::entry).toList(), page.nextCursor());
    }
}
