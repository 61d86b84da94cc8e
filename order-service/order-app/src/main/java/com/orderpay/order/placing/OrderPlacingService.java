package com.orderpay.order.placing;

import com.orderpay.order.api.OrderItemRequest;
import com.orderpay.order.api.PlaceOrderRequest;
import com.orderpay.order.client.Coordinator;
import com.orderpay.order.config.OrderProperties;
import com.orderpay.order.domain.Order;
import com.orderpay.order.domain.OrderAlreadyPlacedException;
import com.orderpay.order.domain.OrderNumbers;
import com.orderpay.order.domain.OrderStatus;
import com.orderpay.order.expiring.PaymentDeadlines;
import com.orderpay.order.persistence.OrderRepository;
import com.orderpay.order.placing.PlacementMetrics.Outcome;
import com.orderpay.platform.idempotency.IdempotentAttempt;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Places an order: the global transaction (whose stock Try answers the catalogue prices), then the order as the
 * database has it. Business refusals (out-of-stock, insufficient-balance) come back from the participants as the same
 * problem, after the coordinator has cancelled every branch.
 *
 * <p>One user and Idempotency-Key make at most one live order, whatever crashed where: a resumed attempt answers the
 * order an earlier attempt placed, and a placement that meets such an order in its own Try rolls back and answers it.
 */
@Service
public class OrderPlacingService {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacingService.class);

    private final OrderPlacement placement;
    private final Coordinator coordinator;
    private final OrderRepository orders;
    private final OrderNumbers orderNumbers;
    private final PlacementMetrics metrics;
    private final PaymentDeadlines deadlines;
    private final UnpaidOrderLimits unpaidLimits;
    private final OrderProperties properties;
    private final Clock clock;

    public OrderPlacingService(OrderPlacement placement, Coordinator coordinator, OrderRepository orders,
            PlacementMetrics metrics, PaymentDeadlines deadlines, UnpaidOrderLimits unpaidLimits,
            OrderProperties properties, Clock clock) {
        this.placement = placement;
        this.coordinator = coordinator;
        this.orders = orders;
        this.orderNumbers = new OrderNumbers(clock);
        this.metrics = metrics;
        this.deadlines = deadlines;
        this.unpaidLimits = unpaidLimits;
        this.properties = properties;
        this.clock = clock;
    }

    /** Checks what bean validation cannot: the SKUs of an order are distinct. Nothing is claimed or changed. */
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
     * @param placementKey the request's Idempotency-Key
     * @param attempt      a resumed attempt first answers the order an earlier one placed, if any
     * @return the order as stored after the global commit: PAID or AWAITING_PAYMENT, or still PLACING when the
     *         coordinator has not finished phase two of the order's own branch yet
     */
    public Order place(String userId, String placementKey, PlaceOrderRequest request, IdempotentAttempt attempt) {
        validate(request);
        if (attempt.isResumed()) {
            Optional<Order> earlier = orders.findLive(userId, placementKey);
            if (earlier.isPresent() && earlier.get().status() == OrderStatus.PLACING) {
                // The attempt that placed it ended without an answer (a crash, a 5xx): its transaction is the
                // coordinator's to finish, confirmed or, its manager gone, rolled back on its timeout. Answered now,
                // the key would keep "PLACING" for good, even for an order then REJECTED that a retry must place
                // afresh; a 503 keeps the key retryable until the order is decided.
                log.info("Key {} of {} resumed: order {} of an earlier attempt is still undecided", placementKey,
                        userId, earlier.get().orderNo());
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, "Order " + earlier.get().orderNo()
                        + ", placed by an earlier attempt with this Idempotency-Key, is still being decided by the "
                        + "transaction coordinator; retry with the same key");
            }
            if (earlier.isPresent()) {
                log.info("Key {} of {} resumed: answering order {} ({}) placed by an earlier attempt", placementKey,
                        userId, earlier.get().orderNo(), earlier.get().status());
                return earlier.get();
            }
        }
        Timer.Sample sample = metrics.start();
        Outcome outcome = Outcome.FAILED;
        try {
            Order placed = placeNew(userId, placementKey, request);
            outcome = placed.status() == OrderStatus.PLACING ? Outcome.UNDECIDED
                    : placed.paysNow() ? Outcome.PAID : Outcome.AWAITING_PAYMENT;
            return placed;
        } catch (ProblemException e) {
            outcome = switch (e.code()) {
                case OUT_OF_STOCK -> Outcome.OUT_OF_STOCK;
                case INSUFFICIENT_BALANCE -> Outcome.INSUFFICIENT_BALANCE;
                case TOO_MANY_UNPAID_ORDERS -> Outcome.TOO_MANY_UNPAID_ORDERS;
                // An unknown SKU, a reused key: the request's fault, not a failure of ours.
                default -> e.code().status().is4xxClientError() ? Outcome.REFUSED : Outcome.FAILED;
            };
            throw e;
        } finally {
            metrics.placed(sample, outcome, request.paysNow());
        }
    }

    private Order placeNew(String userId, String placementKey, PlaceOrderRequest request) {
        String orderNo = orderNumbers.next();
        if (!request.paysNow()) {
            // A cheap refusal before anything is reserved; the order's own Try checks again under the user's lock.
            unpaidLimits.check(orders.countUnpaid(userId), unitsOf(request));
        }
        try {
            coordinator.run("Placing " + orderNo,
                    () -> placement.place(orderNo, userId, request, clock.instant(), placementKey));
        } catch (OrderAlreadyPlacedException e) {
            return theOrderAlreadyPlaced(userId, placementKey, request);
        } catch (ProblemException e) {
            if (e.code() != ProblemCode.SERVICE_UNAVAILABLE || !triedAndUndecided(orderNo)) {
                throw e;
            }
            // Every Try ran and only the commit's answer is missing: the coordinator may well have committed. The
            // caller gets the order as it stands (202) and the coordinator finishes it (confirm, or cancel on its
            // timeout); a retry under the key would find this same order anyway.
            log.warn("Order {}: the coordinator did not answer the commit; it decides the outcome", orderNo);
        }
        Order placed = orders.find(orderNo)
                .orElseThrow(() -> new IllegalStateException("Order " + orderNo + " committed but not found"));
        if (placed.status() == OrderStatus.PLACING) {
            log.info("Order {} committed; its own phase two has not landed yet", placed.orderNo());
        }
        if (!placed.paysNow() && !placed.status().isFinal()) {
            // Its deadline row was written with its Confirm; Redis and this process's timer learn it now.
            deadlines.track(placed.orderNo(), placed.createdAt().plus(properties.paymentTimeout()));
        }
        return placed;
    }

    private static long unitsOf(PlaceOrderRequest request) {
        return request.items().stream().mapToLong(OrderItemRequest::quantity).sum();
    }

    /**
     * This attempt's Try met a live order under the same key (an earlier attempt placed it, maybe still committing):
     * this one rolled back, and the answer is that order, provided it is the same request. After the key's record
     * has been purged (24 hours) a different order under an old key is a reuse, never a replay of something else.
     */
    private Order theOrderAlreadyPlaced(String userId, String placementKey, PlaceOrderRequest attempted) {
        Order existing = orders.findLive(userId, placementKey).orElseThrow(() -> new ProblemException(
                ProblemCode.SERVICE_UNAVAILABLE, "An earlier attempt with this Idempotency-Key is still deciding; retry"));
        if (!sameRequest(existing, attempted)) {
            throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSE,
                    "This Idempotency-Key placed order " + existing.orderNo() + " with other items");
        }
        log.info("Key {} of {}: order {} was placed under it already; answering it", placementKey, userId,
                existing.orderNo());
        return existing;
    }

    private static boolean sameRequest(Order existing, PlaceOrderRequest attempted) {
        return existing.paysNow() == attempted.paysNow()
                && existing.items().stream().map(i -> i.skuId() + "x" + i.quantity()).sorted().toList()
                .equals(attempted.items().stream().map(i -> i.skuId() + "x" + i.quantity()).sorted().toList());
    }

    /** The order's own Try landed and the coordinator has not cancelled it: its outcome is still to come. */
    private boolean triedAndUndecided(String orderNo) {
        return orders.find(orderNo).map(tried -> tried.status() != OrderStatus.REJECTED).orElse(false);
    }
}
