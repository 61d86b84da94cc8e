package com.orderpay.inventory.reserving;

import com.orderpay.inventory.api.ReservationPurpose;
import com.orderpay.inventory.domain.IllegalReservationTransitionException;
import com.orderpay.inventory.domain.ReservationTransition;
import com.orderpay.inventory.domain.ReservedStock;
import com.orderpay.inventory.domain.SkuQuantity;
import com.orderpay.inventory.domain.StockReservation;
import com.orderpay.inventory.persistence.SkuEntity;
import com.orderpay.inventory.persistence.SkuMapper;
import com.orderpay.inventory.persistence.StockReservationEntity;
import com.orderpay.inventory.persistence.StockReservationMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserving, selling and giving back stock for orders. Each method is one local transaction (inside a TCC
 * phase it joins the fence's transaction, so the fence row and the business rows commit or roll back together).
 * SKUs are always touched in skuId order, so two multi-SKU orders never wait on each other's rows in a cycle.
 */
@Service
public class StockReservationService {

    private static final Logger log = LoggerFactory.getLogger(StockReservationService.class);

    private final SkuMapper skus;
    private final StockReservationMapper reservations;

    public StockReservationService(SkuMapper skus, StockReservationMapper reservations) {
        this.skus = skus;
        this.reservations = reservations;
    }

    /**
     * Try: reserves every line or nothing, and reads the reserved SKUs' prices under the locks just taken. One guarded
     * UPDATE per SKU; the first short line throws and the transaction rolls back whatever the earlier lines reserved.
     * An order naming an unknown SKU is refused as not-found, naming every unknown one, even when another of its
     * lines is short too.
     */
    @Transactional
    public ReservedStock reserve(String orderNo, ReservationPurpose purpose, List<SkuQuantity> lines,
            String tryXid) {
        List<SkuQuantity> sorted = lines.stream().sorted(Comparator.comparing(SkuQuantity::skuId)).toList();
        requireDistinct(sorted);
        if (!reservations.selectByOrder(orderNo).isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Order " + orderNo + " already has a stock reservation");
        }
        List<StockReservation> reserved = new ArrayList<>(sorted.size());
        for (SkuQuantity line : sorted) {
            if (skus.reserve(line.skuId(), line.quantity()) != 1) {
                throw shortOf(line, sorted);
            }
            reserved.add(StockReservation.tried(orderNo, line, purpose, tryXid));
        }
        try {
            reserved.forEach(r -> reservations.insert(StockReservationEntity.of(r)));
        } catch (DuplicateKeyException e) {
            // the same order reserved concurrently by another request: one of them wins, this one changes nothing
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Order " + orderNo + " already has a stock reservation");
        }
        Map<String, BigDecimal> prices = skus.selectByIds(sorted.stream().map(SkuQuantity::skuId).toList()).stream()
                .collect(Collectors.toMap(SkuEntity::getSkuId, SkuEntity::getPrice));
        return new ReservedStock(reserved, prices);
    }

    /** Confirm of the reservation Try {@code tryXid}; returns how many lines moved now. */
    @Transactional
    public int confirmReservation(String tryXid) {
        return advance(load(reservations.selectByTryXid(tryXid)), StockReservation::confirm);
    }

    /** Cancel of the reservation Try {@code tryXid}; nothing to do when the Try never reserved anything. */
    @Transactional
    public int cancelReservation(String tryXid) {
        return advance(load(reservations.selectByTryXid(tryXid)), StockReservation::cancel);
    }

    /** Try of a pay-later payment: every held line of the order becomes SELLING under {@code saleXid}. */
    @Transactional
    public List<StockReservation> beginSale(String orderNo, String saleXid) {
        List<StockReservation> current = load(reservations.selectByOrder(orderNo));
        if (current.isEmpty()) {
            throw notPayable(orderNo, "has no stock held");
        }
        for (StockReservation reservation : current) {
            Optional<ReservationTransition> step;
            try {
                step = reservation.beginSale(saleXid);
            } catch (IllegalReservationTransitionException e) {
                throw notPayable(orderNo, "has no stock held (" + e.status() + ")");
            }
            if (step.isPresent() && reservations.beginSale(orderNo, reservation.skuId(), saleXid) != 1) {
                // released or sold concurrently: this Try rolls back entirely
                throw notPayable(orderNo, "no longer has stock held");
            }
        }
        return find(orderNo);
    }

    /** Confirm of the sale Try {@code saleXid}: the held units are sold. */
    @Transactional
    public int completeSale(String saleXid) {
        return advance(load(reservations.selectBySaleXid(saleXid)), StockReservation::completeSale);
    }

    /** Cancel of the sale Try {@code saleXid}: the units are held again. */
    @Transactional
    public int abortSale(String saleXid) {
        return advance(load(reservations.selectBySaleXid(saleXid)), StockReservation::abortSale);
    }

    /** Gives the order's hold back; a no-op for any other state. Empty when the order never reserved stock. */
    @Transactional
    public List<StockReservation> release(String orderNo) {
        List<StockReservation> current = load(reservations.selectByOrder(orderNo));
        advance(current, StockReservation::release);
        return current.isEmpty() ? current : find(orderNo);
    }

    /**
     * Reconciliation's phase two for a global transaction the coordinator no longer drives: the lines of the order
     * that transaction tried (or is selling) take the step its Confirm ({@code commit}) or Cancel would have taken.
     * Each step is the same compare-and-set as in phase two; a line already past it is left as it is, and when any
     * line contradicts the step (e.g. a confirm of a cancelled line) nothing changes at all.
     *
     * @return the order's lines afterwards; empty when the order has none
     */
    @Transactional
    public List<StockReservation> settle(String orderNo, String xid, boolean commit) {
        List<StockReservation> current = find(orderNo);
        List<StockReservation> tried = current.stream().filter(line -> xid.equals(line.tryXid())).toList();
        List<StockReservation> selling = current.stream().filter(line -> xid.equals(line.saleXid())).toList();
        if (!current.isEmpty() && tried.isEmpty() && selling.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                    "Order " + orderNo + " has no reservation of transaction " + xid);
        }
        Function<StockReservation, Optional<ReservationTransition>> step = !tried.isEmpty()
                ? (commit ? StockReservation::confirm : StockReservation::cancel)
                : (commit ? StockReservation::completeSale : StockReservation::abortSale);
        List<StockReservation> lines = !tried.isEmpty() ? tried : selling;
        try {
            lines.forEach(step::apply);
        } catch (IllegalReservationTransitionException e) {
            log.warn("Settlement {} of order {} ({}) contradicts its lines: {}", xid, orderNo,
                    commit ? "commit" : "rollback", e.getMessage());
            return current;
        }
        int moved = advance(lines, step);
        log.warn("Order {}: transaction {} settled by reconciliation ({}), {} lines moved", orderNo, xid,
                commit ? "commit" : "rollback", moved);
        return find(orderNo);
    }

    @Transactional(readOnly = true)
    public List<StockReservation> find(String orderNo) {
        return load(reservations.selectByOrder(orderNo));
    }

    /**
     * Applies one step to each line: the status compare-and-set first, the SKU figures only if it won. A line
     * whose compare-and-set loses was moved by a concurrent delivery of the same step and is left alone.
     */
    private int advance(List<StockReservation> lines, Function<StockReservation, Optional<ReservationTransition>> step) {
        int moved = 0;
        for (StockReservation line : lines) {
            Optional<ReservationTransition> transition = step.apply(line);
            if (transition.isEmpty()) {
                continue;
            }
            ReservationTransition t = transition.get();
            if (reservations.transition(line.orderNo(), line.skuId(), t.from().name(), t.to().name()) != 1) {
                log.info("Reservation of order {} SKU {} left {} concurrently; {} skipped", line.orderNo(),
                        line.skuId(), t.from(), t.to());
                continue;
            }
            int updated = switch (t.movement()) {
                case SELL -> skus.sellReserved(line.skuId(), line.quantity());
                case RETURN -> skus.unreserve(line.skuId(), line.quantity());
                case NONE -> 1;
            };
            if (updated != 1) {
                // The figures disagree with the reservation rows: refuse, roll back, let reconciliation see it.
                throw new IllegalStateException("SKU " + line.skuId() + " has fewer than " + line.quantity()
                        + " units reserved for order " + line.orderNo() + " (" + t.from() + " -> " + t.to() + ")");
            }
            moved++;
        }
        return moved;
    }

    private ProblemException shortOf(SkuQuantity line, List<SkuQuantity> order) {
        List<String> skuIds = order.stream().map(SkuQuantity::skuId).toList();
        Map<String, SkuEntity> known = skus.selectByIds(skuIds).stream()
                .collect(Collectors.toMap(SkuEntity::getSkuId, Function.identity()));
        List<String> unknown = skuIds.stream().filter(id -> !known.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            return new ProblemException(ProblemCode.NOT_FOUND, "Unknown SKU: " + String.join(", ", unknown),
                    Map.of("skuIds", unknown));
        }
        SkuEntity sku = known.get(line.skuId());
        long available = sku.getOnHand() - sku.getReserved();
        return new ProblemException(ProblemCode.OUT_OF_STOCK,
                "Not enough stock of " + line.skuId() + ": " + line.quantity() + " requested, " + available
                        + " available; nothing was reserved",
                Map.of("skuId", line.skuId(), "requested", line.quantity(), "available", available));
    }

    private static void requireDistinct(List<SkuQuantity> lines) {
        Set<String> seen = new HashSet<>();
        for (SkuQuantity line : lines) {
            if (!seen.add(line.skuId())) {
                throw new ProblemException(ProblemCode.VALIDATION_FAILED,
                        "SKU " + line.skuId() + " appears more than once; send one line per SKU");
            }
        }
    }

    private static ProblemException notPayable(String orderNo, String why) {
        return new ProblemException(ProblemCode.ORDER_NOT_PAYABLE, "Order " + orderNo + " " + why);
    }

    private static List<StockReservation> load(List<StockReservationEntity> rows) {
        return rows.stream().map(StockReservationEntity::toDomain).toList();
    }
}
