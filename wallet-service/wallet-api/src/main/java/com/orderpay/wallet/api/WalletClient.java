package com.orderpay.wallet.api;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * wallet-service's internal API ({@code /internal/**}, never routed by the gateway). The Try call must be made
 * inside a Seata global transaction (XID in {@code TX_XID}); the coordinator drives Confirm (debit) and Cancel
 * (unfreeze).
 */
@FeignClient(name = "wallet-service", contextId = "walletClient")
public interface WalletClient {

    /** At most this many rows per audit page or lookup. */
    int MAX_AUDIT_PAGE = 200;

    /** TCC Try: freeze the amount, or 409 insufficient-balance with nothing changed. */
    @PostMapping("/internal/wallet-freezes")
    FundsFreezeResponse freeze(@RequestBody @Valid FreezeFundsRequest request);

    /** A user's wallet (zeros when the user has none). */
    @GetMapping("/internal/wallets/{userId}")
    WalletResponse wallet(@PathVariable("userId") String userId);

    /**
     * Freezes in id order after {@code cursor}, for reconciliation: only those last changed before
     * {@code updatedBefore} (ISO-8601) and, when given, in one of {@code statuses}.
     *
     * @param limit 1-{@value #MAX_AUDIT_PAGE}
     */
    @GetMapping("/internal/freeze-audits")
    FreezeAuditPageResponse freezeAudits(@RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam("limit") int limit,
            @RequestParam(name = "statuses", required = false) List<String> statuses,
            @RequestParam("updatedBefore") String updatedBefore);

    /** Every freeze of the given orders (at most {@value #MAX_AUDIT_PAGE} orders). */
    @PostMapping("/internal/freeze-audits/lookup")
    List<FreezeAuditResponse> lookupFreezes(@RequestBody List<String> orderNos);

    /** Finishes the order's wallet branch of a global transaction the coordinator no longer drives; 404 without one. */
    @PostMapping("/internal/wallet-freezes/{orderNo}/settlement")
    FundsFreezeResponse settle(@PathVariable("orderNo") String orderNo, @RequestBody @Valid SettlementRequest request);

    /**
     * Refunds what the order was debited: 404 when it was not debited (or not from that user, or not that amount);
     * at most one refund per order, so a repeated call answers the first refund ({@code replayed}).
     */
    @PostMapping("/internal/refunds")
    RefundResponse refund(@RequestBody @Valid RefundRequest request);

    /** Wallets in user order after {@code cursor}, each with the sums of its ledger. */
    @GetMapping("/internal/wallet-audits")
    WalletAuditPageResponse walletAudits(@RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam("limit") int limit);

    /**
     * Users with more than {@code morePaymentsThan} debits, or more than {@code moreThanAmount} debited in all, since
     * {@code since} (ISO-8601); at most 100, the largest amounts first.
     */
    @GetMapping("/internal/payment-stats")
    List<UserPaymentsResponse> heavyPayers(@RequestParam("since") String since,
            @RequestParam("morePaymentsThan") long morePaymentsThan,
            @RequestParam("moreThanAmount") java.math.BigDecimal moreThanAmount);
}
