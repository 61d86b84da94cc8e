package com.orderpay.wallet.crediting.web;

import com.orderpay.platform.identity.Caller;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.wallet.api.CreditRequest;
import com.orderpay.wallet.crediting.CreditService;
import com.orderpay.wallet.domain.Money;
import com.orderpay.wallet.web.UserIds;
import com.orderpay.wallet.web.WalletResponses;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Top-ups by an operator (the gateway and {@code GatewayIdentityFilter} let only ADMIN callers reach
 * {@code /api/admin/**}). The body and headers are checked before anything is claimed or written.
 */
@RestController
public class CreditAdminController {

    private final CreditService credits;
    private final IdempotentRequests idempotentRequests;

    public CreditAdminController(CreditService credits, IdempotentRequests idempotentRequests) {
        this.credits = credits;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/api/admin/wallets/{userId}/credits")
    public ResponseEntity<?> credit(Caller caller, @PathVariable("userId") String userId,
            @RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody @Valid CreditRequest request) {
        String target = UserIds.require(userId);
        Money amount = Money.positive(request.amount());
        // Keys are the admin's; the target wallet is part of the operation, so one key never credits two wallets.
        // The credit and the stored answer commit together; the credit's reference is a second guard besides.
        return idempotentRequests.executeLocally(caller.userId(), idempotencyKey,
                "POST /api/admin/wallets/" + target + "/credits", request,
                () -> ResponseEntity.ok(WalletResponses.wallet(target,
                        credits.credit(target, amount, caller.userId() + ":" + idempotencyKey))));
    }
}
