package com.orderpay.inventory.stocking.web;

import com.orderpay.inventory.api.RestockRequest;
import com.orderpay.inventory.api.StockFiguresResponse;
import com.orderpay.inventory.api.UpsertSkuRequest;
import com.orderpay.inventory.domain.SkuStock;
import com.orderpay.inventory.stocking.StockingService;
import com.orderpay.platform.problem.ProblemException;
import com.orderpay.inventory.web.StockResponses;
import com.orderpay.platform.idempotency.IdempotentRequests;
import com.orderpay.platform.identity.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
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

    /** Every figure of a SKU (on hand, reserved, available, sold) with its ETag, for a following update. */
    @GetMapping("/{skuId}")
    public ResponseEntity<StockFiguresResponse> figures(@PathVariable("skuId") String skuId) {
        SkuStock sku = stocking.find(StockResponses.requireSkuId(skuId))
                .orElseThrow(() -> ProblemException.notFound("SKU " + skuId));
        return ResponseEntity.ok().eTag(sku.etag()).body(StockResponses.figures(sku));
    }

    /**
     * Creates a SKU, or updates one from the version its {@code If-Match} names (412 precondition-failed without it or
     * when the SKU changed since). PUT is idempotent by nature, so it takes no Idempotency-Key.
     */
    @PutMapping("/{skuId}")
    public ResponseEntity<StockFiguresResponse> upsert(@PathVariable("skuId") String skuId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody @Valid UpsertSkuRequest request) {
        StockResponses.requireSkuId(skuId);
        StockingService.Upserted upserted = stocking.upsert(skuId, request.name().strip(), request.price(),
                request.onHand(), EntityTags.version(ifMatch));
        StockFiguresResponse body = StockResponses.figures(upserted.sku());
        return (upserted.created()
                ? ResponseEntity.created(URI.create("/api/admin/skus/" + skuId))
                : ResponseEntity.ok()).eTag(upserted.sku().etag()).body(body);
    }

    /**
     * Adds received units once per Idempotency-Key: a retried delivery note is not counted twice, even when the first
     * attempt died between adding the units and storing its answer (both commit in one local transaction).
     */
    @PostMapping("/{skuId}/restock")
    public ResponseEntity<?> restock(@PathVariable("skuId") String skuId,
            @RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody @Valid RestockRequest request,
            Caller caller) {
        StockResponses.requireSkuId(skuId);
        return idempotentRequests.executeLocally(caller.userId(), idempotencyKey,
                "POST /api/admin/skus/" + skuId + "/restock",
                request, () -> ResponseEntity.status(HttpStatus.OK)
                        .body(StockResponses.figures(stocking.restock(skuId, request.quantity()))));
    }
}
