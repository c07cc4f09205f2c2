/**
 * Journeys: a versioned graph from a trigger through waits, conditions, splits and actions to exits
 * ({@link com.retailpulse.contracts.journey.JourneyGraph}), checked by the command side's
 * {@code JourneyGraphCheck} with errors that name the node. Each
 * enrollment of a customer runs as a saga (docs/journeys.md).
 */
package com.retailpulse.contracts.journey;
