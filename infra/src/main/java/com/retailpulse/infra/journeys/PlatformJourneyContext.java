package com.retailpulse.infra.journeys;

import com.retailpulse.command.customer.MessagingPolicy;
import com.retailpulse.contracts.customer.CustomerId;
import com.retailpulse.contracts.journey.JourneyGraph;
import com.retailpulse.contracts.journey.JourneyKey;
import com.retailpulse.contracts.tag.TagCondition;
import com.retailpulse.projections.journey.JourneyCatalogue;
import com.retailpulse.projections.profile.ProfileDocument;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentEvaluator;
import com.retailpulse.sagas.journey.JourneyContext;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Journey runs see the catalogue's versions and the customer's profile as Elasticsearch holds it. */
@Component
class PlatformJourneyContext implements JourneyContext {

    private final JourneyCatalogue catalogue;
    private final ProfileIndex profiles;
    private final MessagingPolicy policy;

    PlatformJourneyContext(JourneyCatalogue catalogue, ProfileIndex profiles, MessagingPolicy policy) {
        this.catalogue = catalogue;
        this.profiles = profiles;
        this.policy = policy;
    }

    @Override
    public Optional<JourneyGraph> graph(JourneyKey journey, int version) {
        return catalogue.graph(journey, version);
    }

    /** A customer without a profile yet (their first event a moment ago) meets a condition as an empty profile would. */
    @Override
    public boolean matches(CustomerId customer, TagCondition condition) {
        Optional<ProfileDocument> profile = profiles.find(customer.value());
        return SegmentEvaluator.matches(condition, profile.map(ProfileDocument::tags).orElse(Map.of()),
                profile.map(p -> Set.copyOf(p.segments())).orElse(Set.of()));
    }

    @Override
    public ZoneId zoneOf(CustomerId customer) {
        Object region = profiles.find(customer.value()).map(p -> p.tags().get("member.region")).orElse(null);
        return policy.zoneOf(region == null ? null : region.toString());
    }
}
