package com.retailpulse.intelligence.attribution;

import java.time.Instant;
import java.util.Objects;

/**
 * A marketing touch of one customer: a message that reached them ({@code id}, the message id), counted in
 * {@code group} (its channel, campaign or journey, as the attribution definition says) at {@code at}.
 */
public record Touch(String id, String group, Instant at) {

    public Touch {
        Objects.requireNonNull(id, "touch id");
        Objects.requireNonNull(group, "touch group");
        Objects.requireNonNull(at, "touch time");
    }
}
