package com.retailpulse.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A processor whose token has gaps reads the missing events and the next batch, in order, from the primary key
 * (EventStoreConfig): Axon's own statement made HSQLDB scan the whole event table at every such read.
 */
class EventStoreConfigTest {

    private final String url = "jdbc:hsqldb:mem:events-" + UUID.randomUUID() + ";hsqldb.tx=mvcc";
    private Connection keepAlive;

    @BeforeEach
    void schema() throws Exception {
        keepAlive = DriverManager.getConnection(url, "SA", "");
        String script = new String(getClass().getResourceAsStream("/db/eventstore-hsqldb.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute(script.substring(0, script.indexOf(");", script.indexOf("domainevententry")) + 1));
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void readsTheGapsAndTheNextBatchInOrder() {
        EventStorageEngine engine = engine();
        for (int i = 0; i < 30; i++) { // the event at global index i (the column counts from 0)
            engine.appendEvents(new GenericDomainEventMessage<>("Customer", "c" + (i % 4), i / 4, "event " + i));
        }
        // a processor has seen everything up to 20 except 5 and 12 (committed later than 6..11 and 13..20)
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(20, new TreeSet<>(List.of(5L, 12L)));

        List<? extends TrackedEventMessage<?>> read = engine.readEvents(token, false).limit(7).collect(Collectors.toList());

        assertThat(read.stream().map(m -> (Object) m.getPayload()).toList())
                .containsExactly("event 5", "event 12", "event 21", "event 22", "event 23", "event 24", "event 25");
        // the token after the last one has no gaps left and stands at 25
        GapAwareTrackingToken after = (GapAwareTrackingToken) read.get(read.size() - 1).trackingToken();
        assertThat(after.getIndex()).isEqualTo(25);
        assertThat(after.getGaps()).isEmpty();
    }

    @Test
    void readsPastGapsFromThePrimaryKeyWhereAxonsStatementScansTheTable() throws SQLException {
        EventSchema schema = new EventSchema();
        String ours = EventStoreConfig.readEventDataWithGapsSql(schema, 2);
        List<String> axons = new ArrayList<>();
        JdbcEventStorageEngineStatements.readEventDataWithGaps(recordingSql(axons), schema, 20, 100, List.of(5L, 12L));

        assertThat(eventTableAccess(ours)).hasSize(2).doesNotContain("FULL SCAN");
        assertThat(eventTableAccess(axons.get(0)))
                .as("Axon's statement (if HSQLDB learns to plan it, EventStoreConfig's replacement can go)")
                .contains("FULL SCAN");
    }

    /** How the plan of {@code sql} reads the event table, once per time it reads it. */
    private List<String> eventTableAccess(String sql) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "SA", "");
             ResultSet rows = connection.createStatement().executeQuery("EXPLAIN PLAN FOR " + sql.replace("?", "1"))) {
            while (rows.next()) {
                plan.add(rows.getString(1).trim());
            }
        }
        List<String> access = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).equalsIgnoreCase("table=DOMAINEVENTENTRY")) {
                plan.subList(i, plan.size()).stream().filter(line -> line.startsWith("access=")).findFirst()
                        .ifPresent(line -> access.add(line.substring("access=".length())));
            }
        }
        return access;
    }

    /** A connection that records the SQL it is asked to prepare and does nothing else. */
    private static Connection recordingSql(List<String> sql) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        sql.add((String) args[0]);
                        return java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                new Class<?>[]{java.sql.PreparedStatement.class}, (statement, call, values) -> null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private EventStorageEngine engine() {
        Configuration configuration = DefaultConfigurer.defaultConfiguration().buildConfiguration();
        PersistenceExceptionResolver resolver = new JdbcSQLErrorCodesResolver();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return new EventStoreConfig().eventStorageEngine(serializer, resolver, serializer, configuration,
                () -> DriverManager.getConnection(url, "SA", ""), NoTransactionManager.INSTANCE);
    }
}
