package com.orderpay.inventory.domain;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A catalogue entry and its stock figures. {@code onHand} units are physically there; {@code reserved} of them
 * are held for unpaid or in-flight orders; {@code sold} units have left. {@code version} changes with every change of
 * the row (the admin API's ETag).
 */
public record SkuStock(String skuId, String name, BigDecimal price, long onHand, long reserved, long sold,
                       long version) {

    /** What a SKU id may look like (api.md): also the shape of user ids. */
    public static final String ID_REGEX = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern ID = Pattern.compile(ID_REGEX);

    public static boolean isValidId(String skuId) {
        return skuId != null && ID.matcher(skuId).matches();
    }

    /** The version as an HTTP entity tag. */
    public String etag() {
        return "\"" + version + "\"";
    }

    /** Units that can still be reserved. */
    public long available() {
        return onHand - reserved;
    }
}
