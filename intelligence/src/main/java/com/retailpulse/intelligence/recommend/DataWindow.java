package com.retailpulse.intelligence.recommend;

import java.time.Instant;

/**
 * What a model was trained on, kept with the model so a registry can tell how fresh and how broad it is.
 *
 * @param from      first purchase used
 * @param to        last purchase used
 * @param purchases purchase lines used (returns excluded)
 * @param baskets   distinct orders
 * @param customers distinct customers
 * @param items     distinct products
 */
public record DataWindow(Instant from, Instant to, int purchases, int baskets, int customers, int items) {
}
