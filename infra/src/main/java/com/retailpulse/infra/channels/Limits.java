package com.retailpulse.infra.channels;

import com.retailpulse.infra.web.InvalidRequestException;

import java.util.List;

/** The {@code limit} of the channel listings. */
final class Limits {

    static final int MAX = 500;

    private Limits() {
    }

    static int check(int limit) {
        if (limit < 1 || limit > MAX) {
            throw new InvalidRequestException("Invalid limit", List.of("limit: 1 to " + MAX + ", got " + limit));
        }
        return limit;
    }
}
