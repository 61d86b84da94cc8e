package com.orderpay.order.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpay.inventory.api.InventoryClient;
import com.orderpay.inventory.api.ReservedLine;
import com.orderpay.inventory.api.ReservedStockResponse;
import com.orderpay.inventory.api.StockLine;
import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prices an order is placed at come from the reservation's answer, whatever version of inventory gives it. */
class StockReservationsTest {

    @Test
    void thePricesAreTheOnesTheReservationAnswered() {
        StockReservations stock = stockAnswering(new ReservedStockResponse("O-1", "TRYING",
                List.of(new ReservedLine("A", 2, "TRYING")), Map.of("A", new BigDecimal("12.50"))));

        assertThat(stock.reserveFor("O-1", true, List.of(new StockLine("A", 2))))
                .containsExactlyEntriesOf(Map.of("A", new BigDecimal("12.50")));
    }

    @Test
    void anInventoryThatAnswersNoPriceIsUnavailableNotA500() {
        // an inventory older than order-service (a rollout that updated the caller first) leaves unitPrices out
        StockReservations stock = stockAnswering(new ReservedStockResponse("O-1", "TRYING",
                List.of(new ReservedLine("A", 2, "TRYING")), null));

        assertThatThrownBy(() -> stock.reserveFor("O-1", true, List.of(new StockLine("A", 2))))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE));
    }

    private static StockReservations stockAnswering(ReservedStockResponse answer) {
        InventoryClient inventory = (InventoryClient) Proxy.newProxyInstance(InventoryClient.class.getClassLoader(),
                new Class<?>[] {InventoryClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("reserve")) {
                        return answer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new StockReservations(inventory, new SiblingCalls(CircuitBreakerRegistry.ofDefaults()));
    }
}
