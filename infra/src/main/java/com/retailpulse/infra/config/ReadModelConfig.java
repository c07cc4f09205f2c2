package com.retailpulse.infra.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.retailpulse.projections.catalogue.MongoProductCatalogue;
import com.retailpulse.projections.identity.IdentityDirectory;
import com.retailpulse.projections.index.AliasedReadModel;
import com.retailpulse.projections.profile.CustomerProfileProjection;
import com.retailpulse.projections.profile.TagSettings;
import com.retailpulse.projections.profile.ScenarioTags;
import com.retailpulse.projections.profile.ProfileRederivation;
import com.retailpulse.projections.context.MongoContextData;
import com.retailpulse.projections.tag.TagDefinitionStore;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentMembershipRecorder;
import com.retailpulse.projections.profile.Segments;
import com.retailpulse.projections.segment.CommandSegmentMembershipRecorder;
import com.retailpulse.projections.segment.SegmentDefinitionStore;
import com.retailpulse.projections.segment.SegmentMembershipHistory;
import com.retailpulse.projections.segment.SegmentSearch;
import org.axonframework.commandhandling.gateway.CommandGateway;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read-model stores the projections write and the query side reads. */
@Configuration(proxyBeanMethods = false)
public class ReadModelConfig {

    /** Elasticsearch documents use the application's JSON rules (ISO dates, records). */
    @Bean
    JsonpMapper jsonpMapper(ObjectMapper objectMapper) {
        return new JacksonJsonpMapper(objectMapper.copy());
    }

    @Bean
    ProfileIndex profileIndex(ElasticsearchClient client,
                              @Value("${retailpulse.elasticsearch.profiles-index}") String index,
                              @Value("${retailpulse.elasticsearch.replicas}") int replicas) {
        ProfileIndex profiles = new ProfileIndex(client, index, replicas);
        profiles.ensureExists();
        return profiles;
    }

    /** The profiles are rebuilt by replay into a new index while queries read the old one (ADR 0024). */
    @Bean
    AliasedReadModel profilesReadModel(ProfileIndex profiles) {
        return new AliasedReadModel(CustomerProfileProjection.PROCESSING_GROUP, profiles.index());
    }

    @Bean
    MongoProductCatalogue productCatalogue(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return new MongoProductCatalogue(client.getDatabase(database));
    }

    /** Thresholds of the built-in tags (docs/tags.md). */
    @Bean
    TagSettings tagSettings(@Value("${retailpulse.tags.zone}") ZoneId zone,
                            @Value("${retailpulse.tags.high-value-yearly-spend}") BigDecimal highValueYearlySpend,
                            @Value("${retailpulse.tags.potential-days}") int potentialDays,
                            @Value("${retailpulse.tags.churn-days}") int churnDays,
                            @Value("${retailpulse.tags.at-risk-days}") int atRiskDays,
                            @Value("${retailpulse.tags.new-customer-days}") int newCustomerDays,
                            @Value("${retailpulse.tags.loyal-orders}") int loyalOrders,
                            @Value("${retailpulse.tags.retention-days}") int retentionDays) {
        if (atRiskDays >= churnDays) {
            throw new IllegalArgumentException("retailpulse.tags.at-risk-days (" + atRiskDays
                    + ") must be below retailpulse.tags.churn-days (" + churnDays + ")");
        }
        return new TagSettings(zone, highValueYearlySpend, potentialDays, churnDays, atRiskDays, newCustomerDays,
                loyalOrders, retentionDays);
    }

    @Bean
    TagDefinitionStore tagDefinitionStore(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                          ObjectMapper objectMapper) {
        return new TagDefinitionStore(client.getDatabase(database), objectMapper);
    }

    /** Scenario tags in force, filled from MongoDB at start and kept current by the tag-definition projection. */
    @Bean
    ScenarioTags scenarioTags(TagDefinitionStore store) {
        ScenarioTags tags = new ScenarioTags();
        store.loadInto(tags);
        return tags;
    }

    @Bean
    MongoContextData contextData(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return new MongoContextData(client.getDatabase(database));
    }

    @Bean
    ProfileRederivation profileRederivation(ProfileIndex profiles, TagSettings settings,
                                            ScenarioTags scenarios, Segments segments, SegmentMembershipRecorder memberships,
                                            MongoContextData context, Clock clock) {
        return new ProfileRederivation(profiles, settings, scenarios, segments, memberships, context, clock);
    }

    @Bean
    SegmentDefinitionStore segmentDefinitionStore(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                                  ObjectMapper objectMapper) {
        return new SegmentDefinitionStore(client.getDatabase(database), objectMapper);
    }

    /** Segments in force, filled from MongoDB at start and kept current by the segment-definition projection. */
    @Bean
    Segments segments(SegmentDefinitionStore store) {
        Segments segments = new Segments();
        store.loadInto(segments);
        return segments;
    }

    /** Entries and exits the profile projection finds are recorded on the customer (docs/segments.md). */
    @Bean(destroyMethod = "close")
    CommandSegmentMembershipRecorder segmentMembershipRecorder(CommandGateway commands, Segments segments,
                                                               @Value("${retailpulse.segments.membership-senders}") int senders) {
        return new CommandSegmentMembershipRecorder(commands, segments, Map.of(
                AxonConfig.ISSUED_BY, "segment-evaluator",
                AxonConfig.SOURCE, "profile-projection"), senders);
    }

    @Bean
    SegmentSearch segmentSearch(ElasticsearchClient client, ProfileIndex profiles) {
        return new SegmentSearch(client, profiles);
    }

    @Bean
    SegmentMembershipHistory segmentMembershipHistory(ElasticsearchClient client,
                                                      @Value("${retailpulse.elasticsearch.segment-history-index}") String index) {
        SegmentMembershipHistory history = new SegmentMembershipHistory(client, index);
        history.ensureExists();
        return history;
    }

    @Bean
    IdentityDirectory identityDirectory(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return new IdentityDirectory(client.getDatabase(database));
    }
}
