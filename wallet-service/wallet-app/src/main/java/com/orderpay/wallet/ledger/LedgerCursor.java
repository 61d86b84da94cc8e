package com.orderpay.wallet.ledger;

import com.orderpay.platform.problem.ProblemCode;
import com.orderpay.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque ledger cursor: where the previous page ended (its last entry id), base64url-encoded so clients do
 * not build it themselves. It only narrows the caller's own ledger, so a forged one reveals nothing.
 */
public final class LedgerCursor {

    private static final String PREFIX = "before:";
    private static final Pattern ENTRY_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private LedgerCursor() {
    }

    public static String after(long lastEntryId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastEntryId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The entry id the next page starts below; null for the first page. */
    public static Long decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!text.startsWith(PREFIX) || !ENTRY_ID.matcher(text.substring(PREFIX.length())).matches()) {
            throw invalid();
        }
        try {
            return Long.parseLong(text.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.invalidParameter("cursor", "is not a cursor this API gave out");
    }
}
