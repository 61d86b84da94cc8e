package com.orderpay.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/** Requests in flight per user, bounded; a user's entry goes when their last request ends (no growth per user). */
final class UsersInFlight {

    private final int limit;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

    UsersInFlight(int limit) {
        this.limit = limit;
    }

    /** Takes a place for one more request of {@code user}, or none when they have {@code limit} in flight. */
    boolean tryEnter(String user) {
        boolean[] entered = new boolean[1];
        counts.compute(user, (key, count) -> {
            int now = count == null ? 0 : count;
            entered[0] = now < limit;
            return entered[0] ? now + 1 : count;
        });
        return entered[0];
    }

    /** Gives back the place a {@link #tryEnter} took. */
    void leave(String user) {
        counts.computeIfPresent(user, (key, count) -> count <= 1 ? null : count - 1);
    }

    int users() {
        return counts.size();
    }
}
