package com.retailpulse.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.retailpulse.infra.config.EventStoreConfig;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;

/**
 * How long one read past gaps takes on the embedded event store (HSQLDB, the platform's own table), with Axon's
 * statement and with EventStoreConfig's (ADR 0029): the next 100 events after a token near the head, plus two
 * gaps, as a processor whose token has gaps reads at every poll.
 * <pre>BENCH_MAIN=com.retailpulse.bench.GapReadProbe bench/run-ingestion.sh [events=100000] [reads=200]</pre>
 */
public final class GapReadProbe {

    private GapReadProbe() {
    }

    interface Statement {
        PreparedStatement build(Connection connection, EventSchema schema, long index, int batchSize, List<Long> gaps) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String url = "jdbc:hsqldb:mem:gap-probe-" + UUID.randomUUID() + ";hsqldb.tx=mvcc";
        try (Connection connection = DriverManager.getConnection(url, "SA", "")) {
            String script;
            try (var in = EventStoreConfig.class.getResourceAsStream("/db/eventstore-hsqldb.sql")) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            connection.createStatement().execute(script.substring(0, script.indexOf(");", script.indexOf("domainevententry")) + 1));
            fill(connection, events);
            EventSchema schema = new EventSchema();
            long index = events - 200;
            List<Long> gaps = List.of(index - 1_000, index - 900);
            System.out.printf(Locale.ROOT, "Reads past two gaps, the 100 events after %,d of %,d, %d reads per round, 5 rounds (median):%n",
                    index, events, reads);
            double axons = millisPerRead(connection, JdbcEventStorageEngineStatements::readEventDataWithGaps, schema, index, gaps, reads);
            double ours = millisPerRead(connection, EventStoreConfig::readEventDataWithGaps, schema, index, gaps, reads);
            System.out.printf(Locale.ROOT, "  Axon's statement (OR):            %8.3f ms per read%n", axons);
            System.out.printf(Locale.ROOT, "  EventStoreConfig's (UNION ALL):   %8.3f ms per read (%.0f× faster)%n", ours, axons / ours);
        }
    }

    private static void fill(Connection connection, int events) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, "
                + "type, eventidentifier, payload, payloadtype, timestamp) VALUES (?, ?, 'Customer', ?, ?, 'LoggedInEvent', ?)")) {
            byte[] payload = new byte[300];
            for (int i = 0; i < events; i++) {
                insert.setString(1, "customer-" + (i % 10_000));
                insert.setLong(2, i / 10_000);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setBytes(4, payload);
                insert.setString(5, "2026-11-25T10:00:00Z");
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            if (events % 1_000 != 0) {
                insert.executeBatch();
            }
            connection.commit();
        }
        connection.setAutoCommit(true);
    }

    private static double millisPerRead(Connection connection, Statement statement, EventSchema schema, long index, List<Long> gaps,
                                        int reads) throws SQLException {
        for (int i = 0; i < Math.min(reads, 20); i++) {
            read(connection, statement, schema, index, gaps);
        }
        double[] rounds = new double[5];
        for (int round = 0; round < rounds.length; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                int rows = read(connection, statement, schema, index, gaps);
                if (rows != 102) {
                    throw new IllegalStateException("expected 102 rows (100 after the token and 2 gaps), read " + rows);
                }
            }
            rounds[round] = (System.nanoTime() - start) / 1e6 / reads;
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    private static int read(Connection connection, Statement statement, EventSchema schema, long index, List<Long> gaps)
            throws SQLException {
        int rows = 0;
        try (PreparedStatement prepared = statement.build(connection, schema, index, 100, new ArrayList<>(gaps));
             ResultSet result = prepared.executeQuery()) {
            while (result.next()) {
                rows++;
            }
        }
        return rows;
    }
}
