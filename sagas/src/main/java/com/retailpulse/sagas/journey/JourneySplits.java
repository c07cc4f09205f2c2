package com.retailpulse.sagas.journey;

import com.retailpulse.contracts.common.Assignment;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.journey.JourneyNode;

/**
 * Which branch of a split a customer goes down: the experiment is the journey's split step
 * ({@code <journey>:<step>}), so a customer who enters again goes down the same branch, and a report can
 * tell anyone's branch without a table of assignments.
 */
final class JourneySplits {

    private JourneySplits() {
    }

    static JourneyNode.Branch branch(JourneyKey journey, JourneyNode.Split split, CustomerId customer) {
        String key = Assignment.arm(journey + ":" + split.id(), customer.value(), 0,
                split.branches().stream().map(b -> new Assignment.Arm(b.key(), b.weight())).toList());
        return split.branches().stream().filter(b -> b.key().equals(key)).findFirst().orElseThrow();
    }
}
