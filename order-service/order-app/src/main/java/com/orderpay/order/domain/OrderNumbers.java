package com.orderpay.order.domain;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Order numbers: {@code O}, the creation time in milliseconds (10 Crockford base32 characters, so numbers sort
 * by time as strings) and 70 random bits (14 characters) that make them unguessable. Never a sequence: a
 * number must not tell how many orders exist or let anyone guess another's.
 */
public final class OrderNumbers {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int TIME_CHARS = 10;
    private static final int RANDOM_CHARS = 14;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OrderNumbers(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        char[] number = new char[1 + TIME_CHARS + RANDOM_CHARS];
        number[0] = 'O';
        long millis = clock.millis();
        for (int i = TIME_CHARS; i >= 1; i--) {
            number[i] = CROCKFORD[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 1 + TIME_CHARS; i < number.length; i++) {
            number[i] = CROCKFORD[random.nextInt(32)];
        }
        return new String(number);
    }
}
