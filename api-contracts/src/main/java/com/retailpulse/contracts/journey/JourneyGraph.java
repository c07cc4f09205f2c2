package com.retailpulse.contracts.journey;

import java.util.List;
import java.util.Optional;

/**
 * A journey as a marketer draws it: the {@code trigger} that enrolls a customer, the {@code start} step,
 * the steps, the {@code goal} that ends a run as converted wherever it is (may be null), the re-entry
 * policy, and the {@code priority} of its messages against other journeys and campaigns (0–100). The command side
 * checks it ({@code JourneyGraphCheck}) before it is published.
 */
public record JourneyGraph(String name, Trigger trigger, String start, List<JourneyNode> nodes, EventSpec goal, Reentry reentry,
                           int priority) {

    public JourneyGraph {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public Optional<JourneyNode> node(String id) {
        return nodes.stream().filter(n -> n.id() != null && n.id().equals(id)).findFirst();
    }
}
