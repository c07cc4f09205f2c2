package com.retailpulse.infra.attribution;

import com.retailpulse.intelligence.attribution.AttributionModel;
import com.retailpulse.intelligence.attribution.AttributionRules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One version of an attribution definition (docs/attribution.md): the models to compute side by side, the
 * conversion window, the time-decay half-life, the position-based shares, what a touch is ({@code touch}:
 * the message {@code accepted}, or its first {@code delivered}, {@code opened} or {@code clicked} receipt)
 * and what credit is given to ({@code groupBy}: {@code channel}, {@code source} — the campaign or journey —
 * or {@code step} — the journey node or campaign variant). Versions never change once stored, so a run
 * names exactly the rules it applied.
 */
public record AttributionDefinition(String key, int version, String name, List<String> models, Duration window, Duration halfLife,
                                    double firstShare, double lastShare, String touch, String groupBy, String createdBy,
                                    Instant createdAt) {

    public static final List<String> TOUCHES = List.of("accepted", "delivered", "opened", "clicked");
    public static final List<String> GROUPS = List.of("channel", "source", "step");

    public AttributionDefinition {
        models = List.copyOf(models);
    }

    List<AttributionModel> attributionModels() {
        return models.stream().map(AttributionModel::of).toList();
    }

    AttributionRules rules(Instant from, Instant to) {
        return new AttributionRules(from, to, window, halfLife, firstShare, lastShare);
    }

    /** The same rules, whoever stored them and when. */
    boolean sameRules(AttributionDefinition other) {
        return name.equals(other.name) && models.equals(other.models) && window.equals(other.window) && halfLife.equals(other.halfLife)
                && firstShare == other.firstShare && lastShare == other.lastShare && touch.equals(other.touch)
                && groupBy.equals(other.groupBy);
    }
}
