package com.retailpulse.infra.config;

import com.mongodb.client.MongoClient;
import com.retailpulse.command.customer.Customer;
import com.retailpulse.command.identity.IdentifierRegistration;
import com.retailpulse.command.tag.TagDefinition;
import com.retailpulse.command.segment.SegmentDefinition;
import com.retailpulse.command.sale.AnonymousSale;
import com.retailpulse.projections.profile.CustomerProfileProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Axon wiring: tokens, sagas and dead letters in MongoDB; pooled streaming processors with
 * configurable segments; the Customer aggregate with a cache and snapshots; who/which source
 * metadata copied from each command onto the events it causes.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /** Metadata keys every ingested command carries (see the ingest adapters). */
    public static final String ISSUED_BY = "issuedBy";
    public static final String SOURCE = "source";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String REQUEST_ID = "requestId";

    /** The metadata of a command a user sent through the HTTP API. */
    public static org.axonframework.messaging.MetaData issuedOverHttp(String user, String path, Instant receivedAt) {
        return org.axonframework.messaging.MetaData.with(ISSUED_BY, user).and(SOURCE, "http:" + path).and(RECEIVED_AT, receivedAt.toString());
    }

    /**
     * The platform's clock. With {@code retailpulse.clock.start} it starts at that instant and runs at
     * normal speed: imported history (Online Retail ends in December 2011) is then derived as of its
     * own time — windows, lifecycle, segments — instead of as fifteen years dormant.
     */
    @Bean
    Clock clock(@Value("${retailpulse.clock.start:}") String start) {
        if (start == null || start.isBlank()) {
            return Clock.systemUTC();
        }
        Instant from;
        try {
            from = Instant.parse(start.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("retailpulse.clock.start must be an ISO-8601 instant such as "
                    + "2011-12-10T00:00:00Z, got '" + start + "'", e);
        }
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), from));
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    /** How long another node waits before it may take over a segment this node stopped extending. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Tokens in MongoDB; a claim confirmed by this node less than two seconds ago is not extended again before the
     * next batch ({@link ConfirmedClaimsTokenStore}).
     */
    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return new ConfirmedClaimsTokenStore(
                MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).claimTimeout(CLAIM_TIMEOUT).build(),
                Duration.ofSeconds(2), CLAIM_TIMEOUT, Clock.systemUTC());
    }

    /**
     * Sagas in MongoDB, with their associations cached: a journey's saga processor asks, for every order, view
     * or login of every customer, which runs wait on that customer, and nearly always none does. The cache
     * answers the repeat questions (an empty answer included) without a query; the saga processors are the
     * only writers of their sagas' associations, and keep it current (docs/benchmarks.md). The first question
     * about a value is one read by key in {@code saga_associations} ({@link IndexedAssociationsSagaStore}).
     */
    @Bean
    SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer, org.ehcache.CacheManager aggregateCaches,
                                @Value("${retailpulse.sagas.association-cache-size}") long associations,
                                MongoClient client, @Value("${spring.data.mongodb.database}") String database) {
        // Loading, updating and deleting a saga select it by its identifier: a unique index serves them (the
        // embedded Mongo-wire server uses unique indexes only, and otherwise reads every saga; ADR 0028).
        axonMongoTemplate.sagaCollection().createIndex(com.mongodb.client.model.Indexes.ascending("sagaIdentifier"),
                new com.mongodb.client.model.IndexOptions().unique(true).name("sagaIdentifier"));
        return org.axonframework.modelling.saga.repository.CachingSagaStore.builder()
                .delegateSagaStore(new IndexedAssociationsSagaStore(
                        MongoSagaStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build(),
                        axonMongoTemplate.sagaCollection(), client.getDatabase(database).getCollection("saga_associations"), serializer))
                .associationsCache(heapCache(aggregateCaches, "saga-associations", associations))
                .sagaCache(heapCache(aggregateCaches, "sagas", Math.max(1_000, associations / 10)))
                .build();
    }

    private static Cache heapCache(org.ehcache.CacheManager caches, String name, long size) {
        org.ehcache.Cache<Object, Object> cache = caches.createCache(name,
                org.ehcache.config.builders.CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        org.ehcache.config.builders.ResourcePoolsBuilder.heap(size)));
        return new org.axonframework.common.caching.EhCache3Adapter((org.ehcache.core.Ehcache<Object, Object>) cache);
    }

    /**
     * A dead-letter queue in MongoDB for each listed processing group: a handler failure parks that
     * customer's events instead of stopping the projection for everyone. Each event first asks whether its
     * customer has letters parked (they must wait behind them); the sequence-identifier cache answers "no"
     * without a query for customers this node never parked while it holds the segment, which was a MongoDB
     * count per event (docs/benchmarks.md, "Journeys: trigger to channel message").
     */
    @Bean
    ConfigurerModule deadLetterQueues(@Value("${retailpulse.processors.dead-letter-groups}") List<String> groups,
                                      MongoTemplate axonMongoTemplate,
                                      @Qualifier("eventSerializer") Serializer eventSerializer) {
        return configurer -> configurer.eventProcessing(processing -> groups.forEach(group ->
                processing.registerDeadLetterQueue(group, config -> MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .mongoTemplate(axonMongoTemplate)
                        // Mongo-wire has no transactions; each dead-letter write stands alone.
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .serializer(eventSerializer)
                        .build())
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, builder) -> builder
                                .enableSequenceIdentifierCache())));
    }

    @Bean
    ConfigurerModule pooledProcessors(@Value("${retailpulse.processors.initial-segments}") int segments,
                                      @Value("${retailpulse.processors.threads}") int threads,
                                      @Value("${retailpulse.processors.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingPooledStreamingEventProcessors((config, builder) -> builder
                        .initialSegmentCount(segments)
                        .maxClaimedSegments(segments)
                        .batchSize(batchSize)
                        .coordinatorExecutor(name -> Executors.newScheduledThreadPool(1, daemon("coordinator-" + name)))
                        .workerExecutor(name -> Executors.newScheduledThreadPool(threads, daemon("worker-" + name)))));
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        return new org.axonframework.common.AxonThreadFactory(prefix);
    }

    /**
     * The profile processor: profile writes happen after a batch's last event, before its token is
     * stored; one segment, because merges move a record's facts between profiles in global event order;
     * and a tracking processor, which the event store wakes the moment an event is committed (a pooled
     * processor's coordinator polls this store every 500 ms — the pick-up tail docs/benchmarks.md shows).
     */
    @Bean
    ConfigurerModule profileProcessor(@Value("${retailpulse.processors.profile-mode}") String mode,
                                      @Value("${retailpulse.processors.batch-size}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerHandlerInterceptor(CustomerProfileProjection.PROCESSING_GROUP,
                    config -> CustomerProfileProjection.flushAfterLastEvent());
            if ("tracking".equals(mode)) {
                // Tokens stored after the profile write (see trackingAfterProcessing).
                processing.registerEventProcessor(CustomerProfileProjection.PROCESSING_GROUP,
                        (name, config, invoker) -> trackingAfterProcessing(name, config, invoker, batchSize, null));
            } else if ("pooled".equals(mode)) {
                processing.registerPooledStreamingEventProcessorConfiguration(CustomerProfileProjection.PROCESSING_GROUP,
                        (config, builder) -> builder.initialSegmentCount(1).maxClaimedSegments(1));
            } else {
                throw new IllegalArgumentException("retailpulse.processors.profile-mode must be tracking or pooled, got '" + mode + "'");
            }
        });
    }

    /**
     * A tracking processor of one thread and segment that the event store wakes at each commit, and that
     * stores its token after processing a batch. Built here rather than with registerTrackingEventProcessor:
     * with a transaction manager a tracking processor stores its token at the <em>start</em> of a batch,
     * trusting a rollback to undo it; MongoDB tokens do not roll back, so a crash mid-batch would skip the
     * batch (the crash test demands otherwise).
     *
     * @param initialToken where a processor without a token starts; null for the tail of the stream
     */
    public static TrackingEventProcessor trackingAfterProcessing(String name, Configuration config,
                                                                 EventHandlerInvoker invoker, int batchSize,
                                                                 Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken) {
        var processors = config.eventProcessingConfiguration();
        TrackingEventProcessorConfiguration settings = TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                .andInitialSegmentsCount(1)
                .andBatchSize(batchSize);
        if (initialToken != null) {
            settings = settings.andInitialTrackingToken(initialToken);
        }
        return TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker)
                .messageSource(config.eventStore())
                .tokenStore(processors.tokenStore(name))
                .transactionManager(processors.transactionManager(name))
                .rollbackConfiguration(processors.rollbackConfiguration(name))
                .errorHandler(processors.errorHandler(name))
                .messageMonitor(processors.messageMonitor(TrackingEventProcessor.class, name))
                .trackingEventProcessorConfiguration(settings)
                .storingTokensAfterProcessing()
                .build();
    }

    /**
     * The online scorer starts at the head of the stream: customers already in the store are scored by a
     * scoring run (nightly, after a promotion), not by replaying every order ever placed.
     */
    @Bean
    ConfigurerModule scoringProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerPooledStreamingEventProcessorConfiguration(
                com.retailpulse.infra.models.CustomerScoring.PROCESSING_GROUP,
                (config, builder) -> builder.initialToken(source -> source.createHeadToken())));
    }

    /** The platform's bounded heap caches (customers, sagas and their associations), closed with the context. */
    @Bean(destroyMethod = "close")
    org.ehcache.CacheManager aggregateCaches() {
        return org.ehcache.config.builders.CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /**
     * The customers most recently commanded: a journey sends several commands to one customer within moments
     * (enroll, message, end), and a weak-reference cache lost them between commands, so each was loaded from
     * the event store again (docs/benchmarks.md).
     */
    @Bean
    Cache customerCache(org.ehcache.CacheManager aggregateCaches,
                        @Value("${retailpulse.aggregates.customer-cache-size}") long size) {
        return heapCache(aggregateCaches, "customers", size);
    }

    @Bean
    ConfigurerModule customerAggregate(Cache customerCache,
                                       @Value("${retailpulse.aggregates.customer-snapshot-threshold}") int snapshotThreshold) {
        // Customer is registered here rather than with Spring's @Aggregate (the domain knows no Spring),
        // so Spring's snapshotter cannot find it: it gets a snapshotter of its own.
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Customer.class)
                .configureCache(c -> customerCache)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                        AggregateSnapshotter.builder()
                                .eventStore(c.eventStore())
                                .aggregateFactories(new GenericAggregateFactory<>(AnnotatedAggregateMetaModelFactory
                                        .inspectAggregate(Customer.class, c.parameterResolverFactory(), c.handlerDefinition(Customer.class))))
                                .transactionManager(c.getComponent(TransactionManager.class, () -> NoTransactionManager.INSTANCE))
                                .parameterResolverFactory(c.parameterResolverFactory())
                                .handlerDefinition(c.handlerDefinition(Customer.class))
                                .build(),
                        snapshotThreshold)));
    }

    @Bean
    ConfigurerModule identifierRegistrationAggregate() {
        Cache registrations = new WeakReferenceCache();
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(IdentifierRegistration.class)
                .configureCache(c -> registrations));
    }

    @Bean
    ConfigurerModule tagDefinitionAggregate() {
        return configurer -> configurer.configureAggregate(TagDefinition.class);
    }

    @Bean
    ConfigurerModule segmentDefinitionAggregate() {
        return configurer -> configurer.configureAggregate(SegmentDefinition.class);
    }

    @Bean
    ConfigurerModule anonymousSaleAggregate() {
        return configurer -> configurer.configureAggregate(AnonymousSale.class);
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider issuerAndSource() {
        return new SimpleCorrelationDataProvider(ISSUED_BY, SOURCE, RECEIVED_AT, REQUEST_ID);
    }

    /** Retries commands that hit a transient fault (e.g. two sources creating the same customer at once). */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(Executors.newSingleThreadScheduledExecutor(daemon("command-retry")))
                        .backoffFactor(50)
                        .maxRetryCount(5)
                        .build())
                .build();
    }
}
