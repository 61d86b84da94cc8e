package com.orderpay.order.placing;

import com.orderpay.order.api.OrderItemRequest;
import com.orderpay.order.api.PlaceOrderRequest;
import com.orderpay.order.client.Catalogue;
import com.orderpay.order.client.Coordinator;
import com.orderpay.order.config.OrderProperties;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderItem;
import com.orderpay.order.domain.OrderNumbers;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.expiring.PaymentDeadlines;
import com.orderpay.order.paying.PaymentMetrics;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.placing.PlacementMetrics.Outcome;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Places an order: prices from the catalogue, then the global transaction, then the order as the database has
 * it. Business refusals (out-of-stock, insufficient-balance) come back from the participants as the same
 * problem, after the coordinator has cancelled every branch.
 */
@Service
public class OrderPlacingService {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacingService.class);

    private final Catalogue catalogue;
    private final OrderPlacement placement;
    private final OrderRepository orders;
    private final OrderNumbers orderNumbers;
    private final PlacementMetrics metrics;
    private final PaymentDeadlines deadlines;
    private final OrderProperties properties;
    private final PaymentMetrics payments;
    private final Clock clock;

    public OrderPlacingService(Catalogue catalogue, OrderPlacement placement, OrderRepository orders,
            PlacementMetrics metrics, PaymentDeadlines deadlines, OrderProperties properties, PaymentMetrics payments,
            Clock clock) {
        this.catalogue = catalogue;
        this.placement = placement;
        this.orders = orders;
        this.orderNumbers = new OrderNumbers(clock);
        this.metrics = metrics;
        this.deadlines = deadlines;
        this.properties = properties;
        this.payments = payments;
        this.clock = clock;
    }

    /** Checks what bean validation cannot: the SKUs of an order are distinct. Nothing is claimed or changed. */
    /** The order's own Try landed and the coordinator has not cancelled it: its outcome is still to come. */
    private boolean triedAndUndecided(String orderNo) {
        return orders.find(orderNo).map(tried -> tried.status() != OrderStatus.REJECTED).orElse(false);
    }

    public static void validate(PlaceOrderRequest request) {
        Set<String> seen = new HashSet<>();
        for (OrderItemRequest item : request.items()) {
            if (!seen.add(item.skuId())) {
                throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Request is not valid",
                        Map.of("errors", List.of(Map.of("field", "items",
                                "message", "SKU " + item.skuId() + " appears more than once; give each SKU once"))));
            }
        }
    }

    /**
     * @return the order as stored after the global commit: PAID or AWAITING_PAYMENT, or still PLACING when the
     *         coordinator has not finished phase two of the order's own branch yet
     */
    public Order place(String userId, PlaceOrderRequest request) {
        validate(request);
        Timer.Sample sample = metrics.start();
        Outcome outcome = Outcome.FAILED;
        try {
            Map<String, BigDecimal> prices = catalogue.pricesOf(
                    request.items().stream().map(OrderItemRequest::skuId).toList());
            List<OrderItem> items = request.items().stream()
                    .map(item -> new OrderItem(item.skuId(), item.quantity(), prices.get(item.skuId())))
                    .toList();
            Order order = Order.place(orderNumbers.next(), userId, items, request.paysNow(), clock.instant());
            try {
                Coordinator.run("Placing " + order.orderNo(), () -> placement.place(order));
            } catch (ProblemException e) {
                if (e.code() != ProblemCode.SERVICE_UNAVAILABLE || !triedAndUndecided(order.orderNo())) {
                    throw e;
                }
                // Every Try ran and only the commit's answer is missing: the coordinator may well have committed.
                // A 503 would free the Idempotency-Key and a retry would charge a second order, so the caller gets
                // the order as it stands and the coordinator finishes it (confirm, or cancel on its timeout).
                log.warn("Order {}: the coordinator did not answer the commit; it decides the outcome", order.orderNo());
            }
            Order placed = orders.find(order.orderNo())
                    .orElseThrow(() -> new IllegalStateException("Order " + order.orderNo() + " committed but not found"));
            if (placed.status() == OrderStatus.PLACING) {
                log.info("Order {} committed; its own phase two has not landed yet", placed.orderNo());
            }
            if (!placed.paysNow() && !placed.status().isFinal()) {
                // Its deadline row was written with its Confirm; Redis and this process's timer learn it now.
                deadlines.track(placed.orderNo(), placed.createdAt().plus(properties.paymentTimeout()));
            }
            outcome = placed.status() == OrderStatus.PLACING ? Outcome.UNDECIDED
                    : placed.paysNow() ? Outcome.PAID : Outcome.AWAITING_PAYMENT;
            return placed;
        } catch (ProblemException e) {
            outcome = switch (e.code()) {
                case OUT_OF_STOCK -> Outcome.OUT_OF_STOCK;
                case INSUFFICIENT_BALANCE -> Outcome.INSUFFICIENT_BALANCE;
                default -> Outcome.FAILED;
            };
            throw e;
        } finally {
            metrics.placed(sample, outcome);
            if (request.paysNow()) {
                countPayment(outcome);
            }
        }
    }

    /** A pay-now placement is a payment too, once it got as far as asking for the money (not short of stock). */
    private void countPayment(Outcome outcome) {
        switch (outcome) {
            case PAID -> payments.counted(PaymentMetrics.Outcome.PAID);
            case INSUFFICIENT_BALANCE -> payments.counted(PaymentMetrics.Outcome.DECLINED);
            case FAILED -> payments.counted(PaymentMetrics.Outcome.FAILED);
            default -> {
                // out of stock: no money was asked for; undecided: the coordinator decides, it was not refused
            }
        }
    }
}
