package com.retailpulse.intelligence.attribution;

import java.util.List;

/** One model's credit per group, groups in name order. */
public record ModelCredits(AttributionModel model, List<GroupCredit> groups) {

    public ModelCredits {
        groups = List.copyOf(groups);
    }

    public GroupCredit group(String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst()
                .orElse(new GroupCredit(name, 0, 0, model == AttributionModel.MARKOV ? 0.0 : null));
    }
}
