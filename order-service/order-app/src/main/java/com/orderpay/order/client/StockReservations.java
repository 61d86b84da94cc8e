package com.orderpay.order.client;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.api.ReserveStockRequest;
import com.orderpay.inventory.api.StockLine;
import com.orderpay.order.domain.Order;
import org.springframework.stereotype.Component;

/** The inventory branch of a global transaction (its Try; the coordinator drives Confirm and Cancel). */
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
}
