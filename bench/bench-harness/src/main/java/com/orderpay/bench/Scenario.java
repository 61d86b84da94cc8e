package com.orderpay.bench;

/** What a buyer does, and which answer counts as one order done. */
public enum Scenario {
    /** Pay-now orders of 1 unit, each on a random SKU of many. */
    SPREAD("spread", "place (pay now)", 201),
    /** Pay-now orders of 1 unit, every buyer on the same SKU. */
    HOT("hot", "place (pay now)", 201),
    /** An order paid later: placed unpaid (its stock held), then paid. An order is done when paid. */
    PAY_LATER("pay-later", "pay", 200),
    /** A storefront: mostly reads of SKUs and of one's own orders, some pay-now orders. */
    MIX("mix", "place (pay now)", 201),
    /** The baseline: the spread scenario's orders as one local transaction (bench-baseline), same gateway. */
    BASELINE("baseline", "place (one local tx)", 201);

    private final String label;
    private final String orderRequest;
    private final int orderDoneStatus;

    Scenario(String label, String orderRequest, int orderDoneStatus) {
        this.label = label;
        this.orderRequest = orderRequest;
        this.orderDoneStatus = orderDoneStatus;
    }

    public String label() {
        return label;
    }

    /** The request whose success completes an order. */
    public String orderRequest() {
        return orderRequest;
    }

    public int orderDoneStatus() {
        return orderDoneStatus;
    }

    public static Scenario of(String label) {
        for (Scenario scenario : values()) {
            if (scenario.label.equals(label)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("Unknown scenario " + label + "; one of spread, hot, pay-later, mix, baseline");
    }
}
