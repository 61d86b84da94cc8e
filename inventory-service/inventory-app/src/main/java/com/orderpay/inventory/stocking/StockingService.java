package com.orderpay.inventory.stocking;

import com.orderpay.inventory.api.UpsertSkuRequest;
import com.orderpay.inventory.domain.SkuStock;
import com.orderpay.inventory.persistence.SkuEntity;
import com.orderpay.inventory.persistence.SkuMapper;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue and its stock counts as admins maintain them. */
@Service
public class StockingService {

    private final SkuMapper skus;

    public StockingService(SkuMapper skus) {
        this.skus = skus;
    }

    /** The outcome of an upsert: the figures, and whether the SKU is new. */
    public record Upserted(SkuStock sku, boolean created) {
    }

    @Transactional(readOnly = true)
    public List<SkuStock> catalogue() {
        return skus.selectCatalogue().stream().map(SkuEntity::toDomain).toList();
    }

    @Transactional(readOnly = true)
    public Optional<SkuStock> find(String skuId) {
        return Optional.ofNullable(skus.selectById(skuId)).map(SkuEntity::toDomain);
    }

    @Transactional(readOnly = true)
    public List<SkuStock> findAll(Collection<String> skuIds) {
        if (skuIds.isEmpty()) {
            return List.of();
        }
        return skus.selectByIds(skuIds).stream().map(SkuEntity::toDomain).toList();
    }

    /**
     * Creates the SKU, or revises its name, price and on-hand count from the version the admin last saw. The revision
     * is one guarded UPDATE (version and reserved units both checked in it), so neither a stale view nor an order
     * reserving at the same moment can leave the figures wrong: a stale on-hand count never re-adds units sold
     * meanwhile.
     *
     * @param seenVersion the version of the admin's {@code If-Match}; empty when none was sent (a creation)
     */
    @Transactional
    public Upserted upsert(String skuId, String name, BigDecimal price, long onHand, Optional<Long> seenVersion) {
        Optional<SkuStock> existing = find(skuId);
        if (existing.isEmpty()) {
            if (seenVersion.isPresent()) {
                throw preconditionFailed("SKU " + skuId + " does not exist; create it without If-Match");
            }
            try {
                skus.insert(SkuEntity.newSku(skuId, name, price, onHand));
                return new Upserted(require(skuId), true);
            } catch (DuplicateKeyException e) {
                throw preconditionFailed("SKU " + skuId + " was created meanwhile; read it and send its ETag");
            }
        }
        SkuStock current = existing.get();
        if (seenVersion.isEmpty()) {
            throw preconditionFailed("Updating SKU " + skuId + " needs If-Match with its ETag "
                    + "(GET /api/admin/skus/" + skuId + "); its current ETag is " + current.etag());
        }
        if (skus.revise(skuId, name, price, onHand, seenVersion.get()) == 1) {
            return new Upserted(require(skuId), false);
        }
        SkuStock now = require(skuId);
        if (now.version() != seenVersion.get()) {
            throw preconditionFailed("SKU " + skuId + " changed since ETag \"" + seenVersion.get() + "\" (now "
                    + now.etag() + ": " + now.onHand() + " on hand, " + now.reserved() + " reserved, " + now.sold()
                    + " sold); nothing was changed");
        }
        throw belowReserved(now, onHand);
    }

    /** Adds received units. */
    @Transactional
    public SkuStock restock(String skuId, long quantity) {
        if (skus.restock(skuId, quantity, UpsertSkuRequest.MAX_ON_HAND) != 1) {
            SkuStock now = require(skuId);
            throw new ProblemException(ProblemCode.VALIDATION_FAILED, "Restocking " + quantity + " would bring SKU "
                    + skuId + " to " + (now.onHand() + quantity) + " on hand, more than "
                    + UpsertSkuRequest.MAX_ON_HAND + "; nothing was changed");
        }
        return require(skuId);
    }

    private SkuStock require(String skuId) {
        return find(skuId).orElseThrow(() -> ProblemException.notFound("SKU " + skuId));
    }

    private static ProblemException preconditionFailed(String detail) {
        return new ProblemException(ProblemCode.PRECONDITION_FAILED, detail);
    }

    private static ProblemException belowReserved(SkuStock sku, long onHand) {
        String message = "must be at least the " + sku.reserved() + " units reserved by orders";
        return new ProblemException(ProblemCode.VALIDATION_FAILED, "onHand " + onHand + " " + message,
                Map.of("errors", List.of(Map.of("field", "onHand", "message", message))));
    }
}
