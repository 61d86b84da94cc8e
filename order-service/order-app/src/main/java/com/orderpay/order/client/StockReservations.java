package com.orderpay.order.client;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.api.ReserveStockRequest;
import com.orderpay.inventory.api.ReservedStockResponse;
import com.orderpay.inventory.api.StockLine;
import com.orderpay.inventory.api.StockReservationResponse;
import com.orderpay.order.domain.Order;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The inventory side of an order: the Trys of its global transactions (the coordinator drives Confirm and Cancel)
 * and the release of a hold nobody will pay for.
 */
@Component
public class StockReservations {

    static final String SIBLING = "inventory-service";
    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    private final InventoryClient inventory;
    private final SiblingCalls siblings;

    public StockReservations(InventoryClient inventory, SiblingCalls siblings) {
        this.inventory = inventory;
        this.siblings = siblings;
    }

    /**
     * Reserves every line of an order about to be placed, sold on Confirm when it pays now, else held; 404 not-found
     * naming the SKUs the catalogue does not know, 409 out-of-stock.
     *
     * @return the catalogue price of each SKU, as inventory read it under the reservation's row locks: the order's
     *         prices
     */
    public Map<String, BigDecimal> reserveFor(String orderNo, boolean paysNow, List<StockLine> lines) {
        ReserveStockRequest request = new ReserveStockRequest(orderNo,
                paysNow ? ReservationPurpose.SALE : ReservationPurpose.HOLD, lines);
        ReservedStockResponse reserved = siblings.call(SIBLING, () -> inventory.reserve(request));
        Map<String, BigDecimal> prices = reserved.unitPrices() == null ? Map.of() : reserved.unitPrices();
        for (StockLine line : lines) {
            if (prices.get(line.skuId()) == null) {
                // Only an inventory older than this contract answers without prices (a rollout that updated the
                // caller first): the transaction rolls back, and the retry succeeds once inventory is updated.
                log.error("inventory-service reserved {} for {} without its price: is it older than order-service?",
                        line.skuId(), orderNo);
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                        "inventory-service answered without prices; nothing was placed, retry later");
            }
        }
        return prices;
    }

    /** The inventory branch of a later payment: the order's hold is sold on Confirm; 409 order-not-payable without one. */
    public void sellHeldFor(Order order) {
        siblings.call(SIBLING, () -> inventory.sellHeld(order.orderNo()));
    }

    /**
     * Gives the order's hold back (no global transaction: release is idempotent and safe to repeat).
     *
     * @return the reservation's status after the call: RELEASED, TRYING/SELLING (undecided, retry later), SOLD or
     *         CANCELLED; a 404 not-found when the order never reserved stock, 503 when inventory is unreachable
     */
    public String release(String orderNo) {
        StockReservationResponse reservation = siblings.call(SIBLING, () -> inventory.release(orderNo));
        return reservation.status();
    }
}
