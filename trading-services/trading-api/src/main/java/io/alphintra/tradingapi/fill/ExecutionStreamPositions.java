package io.alphintra.tradingapi.fill;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per connection, the connector's execution stream and the last sequence of it applied ({@code
 * execution_stream}); moved in the transaction that applies the entry.
 */
@Component
public class ExecutionStreamPositions {

  private final JdbcClient jdbc;

  ExecutionStreamPositions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stream and the last sequence of it applied. */
  public record Position(String stream, long sequence) {}

  /** The stored position of {@code connection}, if any entry was applied yet. */
  public Optional<Position> find(String connection) {
    return jdbc.sql(
            "SELECT stream_id, last_sequence FROM execution_stream WHERE broker_connection = ?")
        .param(connection)
        .query((rs, row) -> new Position(rs.getString(1), rs.getLong(2)))
        .optional();
  }

  /** The stored position, row-locked until the transaction ends; call inside one. */
  Optional<Position> lock(String connection) {
    return jdbc.sql(
            "SELECT stream_id, last_sequence FROM execution_stream WHERE broker_connection = ? FOR"
                + " UPDATE")
        .param(connection)
        .query((rs, row) -> new Position(rs.getString(1), rs.getLong(2)))
        .optional();
  }

  /** Stores {@code position} as applied; inside the transaction that applied it. */
  void store(String connection, Position position, Instant now) {
    jdbc.sql(
            "INSERT INTO execution_stream (broker_connection, stream_id, last_sequence, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (broker_connection) DO UPDATE SET stream_id ="
                + " EXCLUDED.stream_id, last_sequence = EXCLUDED.last_sequence, updated_at ="
                + " EXCLUDED.updated_at")
        .param(connection)
        .param(position.stream())
        .param(position.sequence())
        .param(Timestamp.from(now))
        .update();
  }
}
