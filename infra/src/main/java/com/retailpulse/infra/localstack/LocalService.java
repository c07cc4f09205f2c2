package com.retailpulse.infra.localstack;

/**
 * One real server of the embedded default (Elasticsearch, Kafka, Mongo-wire), started on loopback.
 * {@link #start()} returns only when the server answers its own protocol; {@link #close()} stops it
 * cleanly and is safe to call twice.
 */
public interface LocalService extends AutoCloseable {

    /** Human name used in logs and errors, e.g. "Elasticsearch". */
    String name();

    /** Starts the server and blocks until it is healthy; throws {@link LocalStackException} naming the problem. */
    void start();

    /** The address clients use, e.g. "http://127.0.0.1:9200", "127.0.0.1:9092", "mongodb://127.0.0.1:27017". */
    String address();

    @Override
    void close();
}
