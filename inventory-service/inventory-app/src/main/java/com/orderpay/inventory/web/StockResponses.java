package com.orderpay.inventory.web;

import com.orderpay.inventory.api.SkuResponse;
import com.orderpay.inventory.api.StockFiguresResponse;
import com.orderpay.inventory.api.ReservedLine;
import com.orderpay.inventory.api.ReservedStockResponse;
import com.orderpay.inventory.api.StockReservationResponse;
import com.orderpay.inventory.domain.SkuStock;
import com.orderpay.inventory.domain.ReservationStatus;
import com.orderpay.inventory.domain.ReservedStock;
import com.orderpay.inventory.domain.StockReservation;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Domain to wire, at the web edge. */
public final class StockResponses {

    private static final Logger log = LoggerFactory.getLogger(StockResponses.class);

    private StockResponses() {
    }

    public static SkuResponse sku(SkuStock sku) {
        return new SkuResponse(sku.skuId(), sku.name(), sku.price(), sku.available());
    }

    public static StockFiguresResponse figures(SkuStock sku) {
        return new StockFiguresResponse(sku.skuId(), sku.name(), sku.price(), sku.onHand(), sku.reserved(),
                sku.available(), sku.sold());
    }

    /** The reservation's status from all of its lines ({@link ReservationStatus#ofLines}), and each line's own. */
    public static StockReservationResponse reservation(String orderNo, List<StockReservation> lines) {
        if (lines.isEmpty()) {
            throw ProblemException.notFound("Stock reservation of order " + orderNo);
        }
        Set<ReservationStatus> statuses = lines.stream().map(StockReservation::status)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReservationStatus.class)));
        if (statuses.size() > 1) {
            log.error("The lines of order {}'s reservation disagree: {}", orderNo, statuses);
        }
        return new StockReservationResponse(orderNo, ReservationStatus.ofLines(statuses).name(),
                lines.stream().map(l -> new ReservedLine(l.skuId(), l.quantity(), l.status().name())).toList());
    }

    /** The Try's answer: the reservation as {@link #reservation} gives it, and the price of each reserved SKU. */
    public static ReservedStockResponse reserved(String orderNo, ReservedStock reserved) {
        StockReservationResponse reservation = reservation(orderNo, reserved.lines());
        return new ReservedStockResponse(orderNo, reservation.status(), reservation.lines(), reserved.unitPrices());
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
