package com.orderpay.inventory.stocking.web;

import com.orderpay.inventory.api.RestockRequest;
import com.orderpay.inventory.api.StockFiguresResponse;
import com.orderpay.inventory.api.UpsertSkuRequest;
import com.orderpay.inventory.stocking.StockingService;
import com.orderpay.inventory.web.StockResponses;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.identity.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Catalogue and stock maintenance (ADMIN; the identity filter refuses anyone else). */
@RestController
@RequestMapping("/api/admin/skus")
public class SkuAdminController {

    private final StockingService stocking;
    private final IdempotentRequests idempotentRequests;

    public SkuAdminController(StockingService stocking, IdempotentRequests idempotentRequests) {
        this.stocking = stocking;
        this.idempotentRequests = idempotentRequests;
    }

    /** PUT is idempotent by nature (same body, same state), so it takes no Idempotency-Key. */
    @PutMapping("/{skuId}")
    public ResponseEntity<StockFiguresResponse> upsert(@PathVariable("skuId") String skuId,
            @RequestBody @Valid UpsertSkuRequest request) {
        StockResponses.requireSkuId(skuId);
        StockingService.Upserted upserted = stocking.upsert(skuId, request.name().strip(), request.price(),
                request.onHand());
        StockFiguresResponse body = StockResponses.figures(upserted.sku());
        return upserted.created()
                ? ResponseEntity.created(URI.create("/api/skus/" + skuId)).body(body)
                : ResponseEntity.ok(body);
    }

    /** Adds received units once per Idempotency-Key: a retried delivery note is not counted twice. */
    @PostMapping("/{skuId}/restock")
    public ResponseEntity<?> restock(@PathVariable("skuId") String skuId,
            @RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody @Valid RestockRequest request,
            Caller caller) {
        StockResponses.requireSkuId(skuId);
        return idempotentRequests.execute(caller.userId(), idempotencyKey, "POST /api/admin/skus/" + skuId + "/restock",
                request, () -> ResponseEntity.status(HttpStatus.OK)
                        .body(StockResponses.figures(stocking.restock(skuId, request.quantity()))));
    }
}
