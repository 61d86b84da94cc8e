package com.orderpay.inventory.web;

import com.orderpay.inventory.api.SkuResponse;
import com.orderpay.inventory.api.StockFiguresResponse;
import com.orderpay.inventory.api.StockLine;
import com.orderpay.inventory.api.StockReservationResponse;
import com.orderpay.inventory.domain.SkuStock;
import com.orderpay.inventory.domain.StockReservation;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.List;
import java.util.Map;

/** Domain to wire, at the web edge. */
public final class StockResponses {

    private StockResponses() {
    }

    public static SkuResponse sku(SkuStock sku) {
        return new SkuResponse(sku.skuId(), sku.name(), sku.price(), sku.available());
    }

    public static StockFiguresResponse figures(SkuStock sku) {
        return new StockFiguresResponse(sku.skuId(), sku.name(), sku.price(), sku.onHand(), sku.reserved(),
                sku.available(), sku.sold());
    }

    /** An order's lines move together, so the first line's status is the reservation's. */
    public static StockReservationResponse reservation(String orderNo, List<StockReservation> lines) {
        if (lines.isEmpty()) {
            throw ProblemException.notFound("Stock reservation of order " + orderNo);
        }
        return new StockReservationResponse(orderNo, lines.get(0).status().name(),
                lines.stream().map(l -> new StockLine(l.skuId(), l.quantity())).toList());
    }

    /** A SKU id in a path must look like one (api.md), else the request is refused before touching anything. */
    public static String requireSkuId(String skuId) {
        if (!SkuStock.isValidId(skuId)) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "skuId must match " + SkuStock.ID_REGEX,
                    Map.of("errors", List.of(Map.of("field", "skuId", "message", "must match " + SkuStock.ID_REGEX))));
        }
        return skuId;
    }
}
