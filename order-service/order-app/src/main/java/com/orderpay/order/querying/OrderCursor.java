package com.orderpay.order.querying;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where a page of orders ended: the last order's creation time and number (the listing's sort key), opaque to
 * clients. Keyset paging stays correct while new orders arrive and costs the same on every page.
 */
public record OrderCursor(Instant createdAt, String orderNo) {

    private static final String VERSION = "1";

    public String encode() {
        String plain = VERSION + ":" + createdAt.toEpochMilli() + ":" + orderNo;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor a previous page gave out; anything else is a 400. */
    public static OrderCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 3);
            if (parts.length == 3 && VERSION.equals(parts[0]) && !parts[2].isEmpty() && parts[2].length() <= 40) {
                return new OrderCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // Not base64 or not a number: the same answer as any other foreign cursor.
        }
        throw ProblemException.invalidParameter("cursor", "is not a cursor this API gave out");
    }
}
