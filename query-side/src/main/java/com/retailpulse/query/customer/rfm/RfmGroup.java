package com.retailpulse.query.customer.rfm;

/**
 * Named RFM groups from the recency (R) and frequency (F) scores; the mapping is documented in
 * docs/tags.md:
 * <pre>
 *            F 1              F 2–3                F 4–5
 *  R 4–5     New customers    Potential loyalists  Champions
 *  R 3       About to sleep   Need attention       Loyal
 *  R 2       Lost             Hibernating (F 2),   At risk
 *                             At risk (F 3)
 *  R 1       Lost             Hibernating (F 2),   Cannot lose them
 *                             At risk (F 3)
 * </pre>
 */
public enum RfmGroup {
    CHAMPIONS("Champions"),
    LOYAL("Loyal"),
    POTENTIAL_LOYALISTS("Potential loyalists"),
    NEW_CUSTOMERS("New customers"),
    NEED_ATTENTION("Need attention"),
    ABOUT_TO_SLEEP("About to sleep"),
    AT_RISK("At risk"),
    CANNOT_LOSE_THEM("Cannot lose them"),
    HIBERNATING("Hibernating"),
    LOST("Lost");

    private final String label;

    RfmGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RfmGroup of(int r, int f) {
        if (r >= 4) {
            return f >= 4 ? CHAMPIONS : f >= 2 ? POTENTIAL_LOYALISTS : NEW_CUSTOMERS;
        }
        if (r == 3) {
            return f >= 4 ? LOYAL : f >= 2 ? NEED_ATTENTION : ABOUT_TO_SLEEP;
        }
        if (f >= 4) {
            return r == 2 ? AT_RISK : CANNOT_LOSE_THEM;
        }
        return f == 3 ? AT_RISK : f == 2 ? HIBERNATING : LOST;
    }
}
