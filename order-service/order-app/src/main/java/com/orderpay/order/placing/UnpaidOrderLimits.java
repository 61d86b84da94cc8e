package com.orderpay.order.placing;

import com.orderpay.order.config.OrderProperties;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderItem;
import com.orderpay.order.persistence.UnpaidHoldings;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Stock cannot be hoarded without money: a user holds at most {@code max-orders} unpaid orders and
 * {@code max-units} units in them. Checked before the global transaction (a cheap refusal) and again by the order's
 * own Try under the user's lock, which is the guard that holds under concurrency.
 */
@Component
public class UnpaidOrderLimits {

    private final OrderProperties.UnpaidLimits limits;

    public UnpaidOrderLimits(OrderProperties properties) {
        this.limits = properties.unpaidLimits();
    }

    /** Refuses (409 too-many-unpaid-orders) a pay-later order that would take {@code held} over a limit. */
    public void check(UnpaidHoldings held, Order order) {
        if (order.paysNow()) {
            return;
        }
        check(held, order.items().stream().mapToLong(OrderItem::quantity).sum());
    }

    /** Refuses (409 too-many-unpaid-orders) one more pay-later order of {@code units} when it would exceed a limit. */
    public void check(UnpaidHoldings held, long units) {
        if (held.orders() + 1 > limits.maxOrders()) {
            throw refusal("You have " + held.orders() + " unpaid orders, the most allowed is " + limits.maxOrders()
                    + "; pay or cancel one first", held, units);
        }
        if (held.units() + units > limits.maxUnits()) {
            throw refusal("Unpaid orders may hold at most " + limits.maxUnits() + " units; you hold " + held.units()
                    + " and this order asks for " + units + "; pay or cancel first", held, units);
        }
    }

    private ProblemException refusal(String detail, UnpaidHoldings held, long requestedUnits) {
        return new ProblemException(ProblemCode.TOO_MANY_UNPAID_ORDERS, detail + "; nothing was reserved",
                Map.of("unpaidOrders", held.orders(), "unitsHeld", held.units(), "requestedUnits", requestedUnits,
                        "maxUnpaidOrders", limits.maxOrders(), "maxUnitsHeld", limits.maxUnits()));
    }
}
