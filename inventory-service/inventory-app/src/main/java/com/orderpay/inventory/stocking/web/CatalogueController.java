package com.orderpay.inventory.stocking.web;

import com.orderpay.inventory.api.SkuResponse;
import com.orderpay.inventory.stocking.StockingService;
import com.orderpay.inventory.web.StockResponses;
import com.orderpay.platform.problem.ProblemException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the storefront sees of the catalogue: price and available units. */
@RestController
@RequestMapping("/api/skus")
public class CatalogueController {

    private final StockingService stocking;

    public CatalogueController(StockingService stocking) {
        this.stocking = stocking;
    }

    @GetMapping
    public List<SkuResponse> catalogue() {
        return stocking.catalogue().stream().map(StockResponses::sku).toList();
    }

    @GetMapping("/{skuId}")
    public SkuResponse sku(@PathVariable("skuId") String skuId) {
        return stocking.find(StockResponses.requireSkuId(skuId)).map(StockResponses::sku)
                .orElseThrow(() -> ProblemException.notFound("SKU " + skuId));
    }
}
