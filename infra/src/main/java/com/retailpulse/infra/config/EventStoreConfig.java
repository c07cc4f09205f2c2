package com.retailpulse.infra.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The JDBC event store as Axon's Spring Boot configuration builds it, with one statement replaced: how a
 * processor whose token has gaps reads on (ADR 0029; docs/benchmarks.md, "Three costs every event paid").
 * <p>
 * A token has gaps when events were committed out of order (two transactions appending at once); until each
 * gap is filled or times out, every read of that processor — and of the event store's shared reader, which
 * serves every processor at the head — asks for "the next batch, <em>or</em> the missing events". Axon writes
 * that as {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (...)}, which HSQLDB answers by
 * scanning the whole event table: 60 ms per read at 100,000 events, 623 ms at a million ({@code GapReadProbe}
 * in bench), and the shared reader was the platform's busiest thread under the journey benchmark. Here the
 * two parts are read apart and joined ({@code UNION ALL}; the
 * gaps all lie below the token's index, so no row is in both), each from the primary key.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .readEventDataWithGaps(EventStoreConfig::readEventDataWithGaps)
                .build();
    }

    /** The next batch after {@code globalIndex}, and the events at the token's gaps, each read by the primary key. */
    public static PreparedStatement readEventDataWithGaps(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                                   List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(readEventDataWithGapsSql(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    static String readEventDataWithGapsSql(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return select + index + " > ? AND " + index + " <= ?"
                + " UNION ALL " + select + index + " IN (" + String.join(",", Collections.nCopies(gaps, "?")) + ")"
                + " ORDER BY " + index + " ASC";
    }
}
