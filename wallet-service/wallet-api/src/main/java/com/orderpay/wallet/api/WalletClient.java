package com.orderpay.wallet.api;

import jakarta.validation.Valid;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * wallet-service's internal API ({@code /internal/**}, never routed by the gateway). The Try call must be made
 * inside a Seata global transaction (XID in {@code TX_XID}); the coordinator drives Confirm (debit) and Cancel
 * (unfreeze).
 */
@FeignClient(name = "wallet-service", contextId = "walletClient")
public interface WalletClient {

    /** TCC Try: freeze the amount, or 409 insufficient-balance with nothing changed. */
    @PostMapping("/internal/wallet-freezes")
    FundsFreezeResponse freeze(@RequestBody @Valid FreezeFundsRequest request);

    /** A user's wallet (zeros when the user has none). */
    @GetMapping("/internal/wallets/{userId}")
    WalletResponse wallet(@PathVariable("userId") String userId);
}
