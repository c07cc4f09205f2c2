package com.retailpulse.intelligence.experiment;

import java.util.Objects;

/**
 * What one arm of an experiment has seen so far: units exposed (customers), how many of them converted
 * on a yes/no metric, and the sum and sum of squares of a value metric (spend, revenue), enough for rates,
 * means and variances without keeping the units.
 *
 * @param arm         the arm's name
 * @param units       units assigned and exposed
 * @param conversions units with a yes on the metric (a visit, an order)
 * @param valueSum    sum of the value metric over all units (0 for a unit without value)
 * @param valueSquares sum of squared values
 */
public record ArmTally(String arm, long units, long conversions, double valueSum, double valueSquares) {

    public ArmTally {
        Objects.requireNonNull(arm, "arm");
        if (units < 0 || conversions < 0 || conversions > units) {
            throw new IllegalArgumentException("arm " + arm + ": need 0 <= conversions <= units, got " + conversions + " of " + units);
        }
        if (!(valueSquares >= 0) || !Double.isFinite(valueSum) || !Double.isFinite(valueSquares)) {
            throw new IllegalArgumentException("arm " + arm + ": value sums must be finite, squares not negative");
        }
    }

    public static ArmTally empty(String arm) {
        return new ArmTally(arm, 0, 0, 0, 0);
    }

    /** This tally with one more unit. */
    public ArmTally plus(boolean converted, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("arm " + arm + ": a unit's value must be a finite number, got " + value);
        }
        return new ArmTally(arm, units + 1, conversions + (converted ? 1 : 0), valueSum + value, valueSquares + value * value);
    }

    /** This tally and another of the same arm together. */
    public ArmTally plus(ArmTally other) {
        if (!arm.equals(other.arm)) {
            throw new IllegalArgumentException("cannot add a tally of " + other.arm + " to one of " + arm);
        }
        return new ArmTally(arm, units + other.units, conversions + other.conversions, valueSum + other.valueSum,
                valueSquares + other.valueSquares);
    }

    /** Conversions / units; NaN without units. */
    public double rate() {
        return units == 0 ? Double.NaN : (double) conversions / units;
    }

    /** Mean value per unit; NaN without units. */
    public double meanValue() {
        return units == 0 ? Double.NaN : valueSum / units;
    }

    /** Sample variance of the value per unit (n − 1); NaN below two units. */
    public double valueVariance() {
        if (units < 2) {
            return Double.NaN;
        }
        double mean = meanValue();
        return Math.max(0, (valueSquares - units * mean * mean) / (units - 1));
    }
}
