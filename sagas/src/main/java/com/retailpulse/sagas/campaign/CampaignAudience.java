package com.retailpulse.sagas.campaign;

import com.retailpulse.contracts.campaign.CampaignId;
import com.retailpulse.contracts.customer.CustomerId;

import java.util.List;
import java.util.Objects;

/**
 * The customers a campaign addresses, read page by page as dispatch goes: those in any of
 * {@code segments} and in none of {@code excludedSegments}, in ascending order of customer id. The
 * cursor is a customer id (keyset paging): a page holds the customers strictly after {@code after}, so
 * the dispatch may stop in the middle of a page (budget) and carry on later from the last customer it
 * decided, and a re-read never repeats anyone. Membership is read as it is when each page is asked for.
 */
public interface CampaignAudience {

    /**
     * At most {@code size} customers after {@code after} (null: from the first).
     */
    Page page(CampaignId campaign, List<String> segments, List<String> excludedSegments, String after, int size);

    /** Customers in ascending id order; {@code exhausted} when no customer follows the last of them. */
    record Page(List<CustomerId> customers, boolean exhausted) {
        public Page {
            customers = List.copyOf(Objects.requireNonNull(customers, "customers"));
        }
    }
}
