package com.orderpay.order.client;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.api.ReserveStockRequest;
import com.orderpay.inventory.api.StockLine;
import com.orderpay.inventory.api.StockReservationResponse;
import com.orderpay.order.domain.Order;
import org.springframework.stereotype.Component;

/**
 * The inventory side of an order: the Trys of its global transactions (the coordinator drives Confirm and Cancel)
 * and the release of a hold nobody will pay for.
 */
@Component
public class StockReservations {

    private final InventoryClient inventory;
    private final SiblingCalls siblings;

    public StockReservations(InventoryClient inventory, SiblingCalls siblings) {
        this.inventory = inventory;
        this.siblings = siblings;
    }

    /** Reserves every line of the order, sold on Confirm when it pays now, else held; 409 out-of-stock. */
    public void reserveFor(Order order) {
        ReserveStockRequest request = new ReserveStockRequest(order.orderNo(),
                order.paysNow() ? ReservationPurpose.SALE : ReservationPurpose.HOLD,
                order.items().stream().map(item -> new StockLine(item.skuId(), item.quantity())).toList());
        siblings.call(Catalogue.SIBLING, () -> inventory.reserve(request));
    }

    /** The inventory branch of a later payment: the order's hold is sold on Confirm; 409 order-not-payable without one. */
    public void sellHeldFor(Order order) {
        siblings.call(Catalogue.SIBLING, () -> inventory.sellHeld(order.orderNo()));
    }

    /**
     * Gives the order's hold back (no global transaction: release is idempotent and safe to repeat).
     *
     * @return the reservation's status after the call: RELEASED, TRYING/SELLING (undecided, retry later), SOLD or
     *         CANCELLED; a 404 not-found when the order never reserved stock, 503 when inventory is unreachable
     */
    public String release(String orderNo) {
        StockReservationResponse reservation = siblings.call(Catalogue.SIBLING, () -> inventory.release(orderNo));
        return reservation.status();
    }
}
