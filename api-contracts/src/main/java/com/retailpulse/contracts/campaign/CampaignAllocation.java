package com.retailpulse.contracts.campaign;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a running campaign splits its treated traffic among its variants (docs/campaigns.md, ADR 0022). The
 * holdout share never changes, whatever the allocation: it is the control that measures lift.
 * <ul>
 *   <li>{@link #FIXED}: the plan's weights from the first batch to the last;</li>
 *   <li>{@link #AUTO_WINNER}: the plan's weights until the report's sequential-safe rule names a winner,
 *       then every later treated customer gets the winner ({@link CampaignWinnerDeclaredEvent});</li>
 *   <li>{@link #THOMPSON}: weights re-set periodically to the report's Thompson-sampling shares, each
 *       variant kept at or above the plan's {@code minimumShare} ({@link CampaignTrafficReallocatedEvent}).</li>
 * </ul>
 */
public enum CampaignAllocation {
    FIXED("fixed"), AUTO_WINNER("auto-winner"), THOMPSON("thompson");

    private final String code;

    CampaignAllocation(String code) {
        this.code = code;
    }

    /** As marketers write it: {@code fixed}, {@code auto-winner}, {@code thompson}. */
    public String code() {
        return code;
    }

    /** The allocation a marketer wrote, by code or constant name, any case; empty when unknown. */
    public static Optional<CampaignAllocation> fromCode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(a -> a.code.equals(wanted)).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(CampaignAllocation::code).toList();
    }
}
