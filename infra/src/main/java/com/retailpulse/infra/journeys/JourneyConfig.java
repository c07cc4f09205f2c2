package com.retailpulse.infra.journeys;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.retailpulse.command.journey.Journey;
import com.retailpulse.infra.channels.ChannelSettings;
import com.retailpulse.infra.config.AxonConfig;
import com.retailpulse.infra.privacy.PersonalDataStore;
import com.retailpulse.projections.journey.JourneyCatalogue;
import com.retailpulse.projections.journey.JourneyCatalogueProjection;
import com.retailpulse.projections.journey.JourneyResults;
import com.retailpulse.projections.journey.JourneyResultsProjection;
import com.retailpulse.projections.profile.ProfileIndex;
import com.retailpulse.projections.profile.SegmentMembers;
import com.retailpulse.sagas.campaign.CampaignDispatch;
import com.retailpulse.sagas.journey.JourneyRun;
import com.retailpulse.sagas.message.MessageDeferral;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.quartz.QuartzDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Journeys (docs/journeys.md): the aggregate, the catalogue, the sagas that run enrollments and deferred
 * messages, and their deadlines in Quartz's job store in the event store's database, so a wait outlives a
 * restart (ADR 0020).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JourneyWebhookSettings.class)
class JourneyConfig {

    static final String JOURNEY_RUNS = "JourneyRunProcessor";
    static final String DEFERRALS = "MessageDeferralProcessor";

    @Bean
    ConfigurerModule journeyAggregate() {
        return configurer -> configurer.configureAggregate(Journey.class);
    }

    @Bean
    JourneyCatalogue journeyCatalogue(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                      ObjectMapper objectMapper, Clock clock) {
        return new JourneyCatalogue(client.getDatabase(database), objectMapper, clock);
    }

    /**
     * The trigger matcher and both sagas are tracking processors woken at each commit (the trigger-to-Kafka
     * budget is 100 ms) that start at the head of the stream: publishing a journey, or deploying, never acts
     * on the past.
     */
    @Bean
    ConfigurerModule journeySagas(@Value("${retailpulse.processors.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerSaga(JourneyRun.class);
            processing.registerSaga(MessageDeferral.class);
            for (String group : new String[]{JourneyTriggers.PROCESSING_GROUP, JOURNEY_RUNS, DEFERRALS, JourneyWebhooks.PROCESSING_GROUP}) {
                processing.registerEventProcessor(group, (name, config, invoker) -> AxonConfig.trackingAfterProcessing(
                        name, config, invoker, batchSize, source -> source.createHeadToken()));
            }
        });
    }

    /** The members of the segments a schedule trigger names, read as campaign audiences are. */
    @Bean
    SegmentMembers journeySegmentMembers(ElasticsearchClient client, ProfileIndex profiles) {
        return new SegmentMembers(client, profiles);
    }

    /**
     * The runs' results (docs/journeys.md): an order counts for a split's branch when placed within the
     * attribution window after the customer entered it ({@code retailpulse.journeys.attribution-window},
     * by default the campaigns' window).
     */
    @Bean
    JourneyResults journeyResults(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                  @Value("${retailpulse.journeys.attribution-window:${retailpulse.campaigns.attribution-window}}") Duration window) {
        return new JourneyResults(client.getDatabase(database), window);
    }

    /** Handled in order per customer: the runs' own step events belong to no aggregate. */
    @Bean
    ConfigurerModule journeyResultsSequencing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(JourneyResultsProjection.PROCESSING_GROUP, config -> JourneyResultsProjection.PER_CUSTOMER)
                // Runs publish their steps from this version on: on its first start the projection begins at the
                // head rather than working through every order ever stored for runs it cannot know; a reset
                // rebuilds it from the whole stream.
                .registerPooledStreamingEventProcessorConfiguration(JourneyResultsProjection.PROCESSING_GROUP,
                        (config, builder) -> builder.initialToken(source -> source.createHeadToken())));
    }

    /**
     * The journey projections and the webhook deliveries write to MongoDB only: their batches run without a
     * JDBC transaction. With one, each batch held one of the event store's few pooled connections
     * ({@code spring.datasource.hikari.maximum-pool-size}) for as long as its MongoDB writes took, and the
     * event store's reader, the trigger and run processors and the commands queued for a connection behind
     * them (docs/benchmarks.md, the journey latency section).
     */
    @Bean
    ConfigurerModule journeyMongoOnlyProcessors() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : MONGO_ONLY_GROUPS) {
                processing.registerTransactionManager(group, config -> NoTransactionManager.INSTANCE);
            }
        });
    }

    /** The processing groups whose handlers touch MongoDB (and remote webhooks) only, never the event store's database. */
    static final List<String> MONGO_ONLY_GROUPS = List.of(JourneyCatalogueProjection.PROCESSING_GROUP,
            JourneyResultsProjection.PROCESSING_GROUP, JourneyWebhooks.PROCESSING_GROUP);

    /** The allow-listed webhook endpoints, retried as the channels retry ({@code retailpulse.channels.retry}). */
    @Bean
    JourneyWebhookEndpoints journeyWebhookEndpoints(JourneyWebhookSettings settings, ChannelSettings channels) {
        return new JourneyWebhookEndpoints(settings, channels.retry());
    }

    @Bean
    JourneyWebhooks journeyWebhooks(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                    JourneyWebhookEndpoints endpoints, ProfileIndex profiles, ObjectMapper objectMapper, Clock clock) {
        return new JourneyWebhooks(client.getDatabase(database), endpoints, profiles, objectMapper, clock);
    }

    /** The webhook deliveries' part in a customer's access and erasure requests (docs/privacy.md). */
    @Bean
    PersonalDataStore journeyWebhookPersonalData(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return JourneyWebhooks.personalData(client.getDatabase(database));
    }

    /**
     * Quartz keeps connection pools in a JVM-wide registry by name: a second application context in the same
     * JVM (a test context, an embedded second node) would replace and then close the first one's pool. Each
     * context names its pool of the deadline store uniquely; the scheduler's name, which the stored
     * deadlines carry, stays the same.
     */
    @Bean
    SchedulerFactoryBeanCustomizer deadlineStorePool(QuartzProperties quartz) {
        String pool = "deadlines-" + UUID.randomUUID();
        return factory -> {
            Properties properties = new Properties();
            quartz.getProperties().forEach((key, value) -> properties.put(
                    key.replace("org.quartz.dataSource.deadlines.", "org.quartz.dataSource." + pool + "."),
                    key.equals("org.quartz.jobStore.dataSource") && value.equals("deadlines") ? pool : value));
            factory.setQuartzProperties(properties);
        };
    }

    @Bean
    DeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration configuration,
                                    @Qualifier("eventSerializer") Serializer serializer, TransactionManager transactionManager,
                                    @Value("${retailpulse.journeys.time-scale}") double timeScale, Clock clock) {
        DeadlineManager quartz = QuartzDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .build();
        return new ScaledDeadlineManager(quartz, timeScale, clock, Set.of(CampaignDispatch.NEXT_BATCH));
    }
}
