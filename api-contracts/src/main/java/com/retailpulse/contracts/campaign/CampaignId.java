package com.retailpulse.contracts.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jmolecules.ddd.types.Identifier;

import java.util.regex.Pattern;

/**
 * A campaign's identity, e.g. {@code singles-day-2026}. It is the experiment key of the campaign's
 * assignment and part of each message id ({@code campaign:<id>:<customer>}), so it has no colon and
 * stays short.
 */
public record CampaignId(@JsonValue String value) implements Identifier {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    @JsonCreator
    public CampaignId {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("campaign id must be 1–64 characters of A–Z, a–z, 0–9, _ and -, starting with a letter"
                    + " or digit; got " + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    /** Axon routes commands and associates sagas by the identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}
