package com.orderpay.inventory.domain;

import static com.orderpay.inventory.domain.ReservationStatus.CANCELLED;
import static com.orderpay.inventory.domain.ReservationStatus.HELD;
import static com.orderpay.inventory.domain.ReservationStatus.RELEASED;
import static com.orderpay.inventory.domain.ReservationStatus.SELLING;
import static com.orderpay.inventory.domain.ReservationStatus.SOLD;
import static com.orderpay.inventory.domain.ReservationStatus.TRYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpay.inventory.api.ReservationPurpose;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StockReservationTest {

    private static StockReservation sale(ReservationStatus status) {
        return new StockReservation("O-1", "SKU-1", 3, ReservationPurpose.SALE, status, "xid-try", null);
    }

    private static StockReservation hold(ReservationStatus status) {
        return new StockReservation("O-1", "SKU-1", 3, ReservationPurpose.HOLD, status, "xid-try",
                status == SELLING ? "xid-sale" : null);
    }

    private static Optional<ReservationTransition> step(ReservationStatus from, ReservationStatus to,
            StockMovement movement) {
        return Optional.of(new ReservationTransition(from, to, movement));
    }

    @Test
    void aTriedReservationIsTryingUnderItsTryXid() {
        StockReservation tried = StockReservation.tried("O-1", new SkuQuantity("SKU-1", 2), ReservationPurpose.HOLD,
                "xid-1");
        assertThat(tried.status()).isEqualTo(TRYING);
        assertThat(tried.tryXid()).isEqualTo("xid-1");
        assertThat(tried.saleXid()).isNull();
        assertThat(tried.quantity()).isEqualTo(2);
    }

    @Test
    void aLineNeedsAPositiveQuantity() {
        assertThatThrownBy(() -> new SkuQuantity("SKU-1", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Confirm {

        @Test
        void confirmTurnsASaleReservationIntoASale() {
            assertThat(sale(TRYING).confirm()).isEqualTo(step(TRYING, SOLD, StockMovement.SELL));
        }

        @Test
        void confirmTurnsAHoldReservationIntoAHoldKeepingTheUnitsReserved() {
            assertThat(hold(TRYING).confirm()).isEqualTo(step(TRYING, HELD, StockMovement.NONE));
        }

        @Test
        void repeatedConfirmOfASaleDoesNothing() {
            assertThat(sale(SOLD).confirm()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = ReservationStatus.class, names = {"HELD", "SELLING", "SOLD", "RELEASED"})
        void repeatedConfirmOfAHoldDoesNothingWhereverTheHoldWentSince(ReservationStatus status) {
            assertThat(hold(status).confirm()).isEmpty();
        }

        @Test
        void confirmAfterCancelIsRefused() {
            assertThatThrownBy(() -> sale(CANCELLED).confirm()).isInstanceOf(IllegalReservationTransitionException.class);
            assertThatThrownBy(() -> hold(CANCELLED).confirm()).isInstanceOf(IllegalReservationTransitionException.class);
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancelGivesTheUnitsBack() {
            assertThat(sale(TRYING).cancel()).isEqualTo(step(TRYING, CANCELLED, StockMovement.RETURN));
            assertThat(hold(TRYING).cancel()).isEqualTo(step(TRYING, CANCELLED, StockMovement.RETURN));
        }

        @Test
        void repeatedCancelDoesNothing() {
            assertThat(sale(CANCELLED).cancel()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = ReservationStatus.class, names = {"HELD", "SELLING", "SOLD", "RELEASED"})
        void cancelAfterConfirmIsRefused(ReservationStatus status) {
            assertThatThrownBy(() -> hold(status).cancel()).isInstanceOf(IllegalReservationTransitionException.class);
        }
    }

    @Nested
    class PayLaterSale {

        @Test
        void aHoldCanBeginItsSale() {
            assertThat(hold(HELD).beginSale("xid-sale")).isEqualTo(step(HELD, SELLING, StockMovement.NONE));
        }

        @Test
        void theSameSaleBeginningAgainDoesNothing() {
            assertThat(hold(SELLING).beginSale("xid-sale")).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = ReservationStatus.class, names = {"TRYING", "SOLD", "CANCELLED", "RELEASED"})
        void onlyAHoldCanBeSold(ReservationStatus status) {
            assertThatThrownBy(() -> hold(status).beginSale("xid-sale"))
                    .isInstanceOf(IllegalReservationTransitionException.class);
        }

        @Test
        void anotherSaleOfAHoldAlreadyBeingSoldIsRefused() {
            assertThatThrownBy(() -> hold(SELLING).beginSale("xid-other"))
                    .isInstanceOf(IllegalReservationTransitionException.class);
        }

        @Test
        void saleConfirmSellsTheHeldUnits() {
            assertThat(hold(SELLING).completeSale()).isEqualTo(step(SELLING, SOLD, StockMovement.SELL));
            assertThat(hold(SOLD).completeSale()).isEmpty();
        }

        @Test
        void saleConfirmOfAnythingNotBeingSoldIsRefused() {
            assertThatThrownBy(() -> hold(HELD).completeSale()).isInstanceOf(IllegalReservationTransitionException.class);
            assertThatThrownBy(() -> sale(SOLD).completeSale()).isInstanceOf(IllegalReservationTransitionException.class);
        }

        @Test
        void saleCancelHoldsTheUnitsAgain() {
            assertThat(hold(SELLING).abortSale()).isEqualTo(step(SELLING, HELD, StockMovement.NONE));
            assertThat(hold(HELD).abortSale()).isEmpty();
            assertThat(hold(RELEASED).abortSale()).isEmpty();
        }

        @Test
        void saleCancelAfterTheSaleWasConfirmedIsRefused() {
            assertThatThrownBy(() -> hold(SOLD).abortSale()).isInstanceOf(IllegalReservationTransitionException.class);
        }
    }

    @Nested
    class Release {

        @Test
        void releaseGivesAHoldBack() {
            assertThat(hold(HELD).release()).isEqualTo(step(HELD, RELEASED, StockMovement.RETURN));
        }

        @ParameterizedTest
        @EnumSource(value = ReservationStatus.class, names = {"TRYING", "SELLING", "SOLD", "CANCELLED", "RELEASED"})
        void releaseIsANoOpUnlessHeldSoASaleInFlightIsNeverReleased(ReservationStatus status) {
            assertThat(hold(status).release()).isEmpty();
        }
    }

    @Nested
    class WholeReservation {

        @Test
        void linesThatAgreeGiveTheirStatus() {
            assertThat(ReservationStatus.ofLines(java.util.List.of(ReservationStatus.RELEASED, ReservationStatus.RELEASED)))
                    .isEqualTo(ReservationStatus.RELEASED);
        }

        @Test
        void linesThatDisagreeGiveTheLeastSettledNeverTheFirst() {
            assertThat(ReservationStatus.ofLines(java.util.List.of(ReservationStatus.RELEASED, ReservationStatus.HELD)))
                    .as("one line still held: the hold is not released").isEqualTo(ReservationStatus.HELD);
            assertThat(ReservationStatus.ofLines(java.util.List.of(ReservationStatus.SOLD, ReservationStatus.SELLING)))
                    .as("a sale still deciding").isEqualTo(ReservationStatus.SELLING);
            assertThat(ReservationStatus.ofLines(java.util.List.of(ReservationStatus.HELD, ReservationStatus.TRYING)))
                    .isEqualTo(ReservationStatus.TRYING);
        }
    }

    @Nested
    class Sku {

        @Test
        void availableIsOnHandMinusReserved() {
            SkuStock sku = new SkuStock("SKU-1", "Mug", new BigDecimal("9.99"), 10, 4, 7, 3);
            assertThat(sku.available()).isEqualTo(6);
        }

        @Test
        void skuIdsAreShortAndPlain() {
            assertThat(SkuStock.isValidId("SKU-1_a")).isTrue();
            assertThat(SkuStock.isValidId("bad id")).isFalse();
            assertThat(SkuStock.isValidId("x".repeat(65))).isFalse();
            assertThat(SkuStock.isValidId("")).isFalse();
        }
    }
}
