-- Per connection, the connector's execution stream and the last sequence of it whose fill or order
-- update is applied: moved in the same transaction as what it covers, so a restart or a reconnect
-- resumes right after it and applies nothing twice.
CREATE TABLE execution_stream (
    broker_connection  TEXT PRIMARY KEY,
    stream_id          TEXT NOT NULL,
    last_sequence      BIGINT NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
