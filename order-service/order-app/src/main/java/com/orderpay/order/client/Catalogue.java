package com.orderpay.order.client;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.StockFiguresResponse;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Catalogue prices, read from inventory-service before any global transaction starts. */
@Component
public class Catalogue {

    static final String SIBLING = "inventory-service";

    private final InventoryClient inventory;
    private final SiblingCalls siblings;

    public Catalogue(InventoryClient inventory, SiblingCalls siblings) {
        this.inventory = inventory;
        this.siblings = siblings;
    }

    /** The current price of every given SKU; 404 not-found naming the SKUs the catalogue does not know. */
    public Map<String, BigDecimal> pricesOf(Collection<String> skuIds) {
        List<StockFiguresResponse> known = siblings.read(SIBLING, () -> inventory.skus(List.copyOf(skuIds)));
        Map<String, BigDecimal> prices = known.stream()
                .collect(Collectors.toMap(StockFiguresResponse::skuId, StockFiguresResponse::price, (a, b) -> a));
        List<String> unknown = skuIds.stream().filter(id -> !prices.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "Unknown SKU: " + String.join(", ", unknown),
                    Map.of("skuIds", unknown));
        }
        return prices;
    }
}
