-- Axon's JDBC event store tables (default EventSchema names); idempotent, run at every start.
CREATE TABLE IF NOT EXISTS domainevententry (
    globalindex        BIGSERIAL PRIMARY KEY,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber     BIGINT       NOT NULL,
    type               VARCHAR(255),
    eventidentifier    VARCHAR(255) NOT NULL UNIQUE,
    metadata           BYTEA,
    payload            BYTEA         NOT NULL,
    payloadrevision    VARCHAR(255),
    payloadtype        VARCHAR(255) NOT NULL,
    timestamp          VARCHAR(255) NOT NULL,
    CONSTRAINT uk_aggregate_sequence UNIQUE (aggregateidentifier, sequencenumber)
);
CREATE TABLE IF NOT EXISTS snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber     BIGINT       NOT NULL,
    type               VARCHAR(255) NOT NULL,
    eventidentifier    VARCHAR(255) NOT NULL UNIQUE,
    metadata           BYTEA,
    payload            BYTEA         NOT NULL,
    payloadrevision    VARCHAR(255),
    payloadtype        VARCHAR(255) NOT NULL,
    timestamp          VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber)
);
