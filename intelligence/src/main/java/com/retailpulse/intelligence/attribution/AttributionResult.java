package com.retailpulse.intelligence.attribution;

import java.util.List;

/**
 * The outcome of an attribution: every conversion in the period ({@code conversions}, {@code revenue}),
 * those with at least one touch in their window ({@code attributed…}, the ones the models share out), the
 * converting and non-converting paths seen, and each model's credits (which add up to the attributed
 * conversions and revenue).
 */
public record AttributionResult(long conversions, double revenue, long attributedConversions, double attributedRevenue,
                                long convertingPaths, long nonConvertingPaths, List<ModelCredits> models) {

    public AttributionResult {
        models = List.copyOf(models);
    }

    public ModelCredits model(AttributionModel model) {
        return models.stream().filter(m -> m.model() == model).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(model.key() + " was not computed"));
    }
}
