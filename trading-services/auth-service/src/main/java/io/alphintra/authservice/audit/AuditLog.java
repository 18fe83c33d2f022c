package io.alphintra.authservice.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends to {@code audit_event} (the table refuses updates and deletes). Writes join the caller's
 * transaction, so an audited change and its audit row commit together.
 */
@Component
public class AuditLog {

  private final JdbcClient jdbc;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param actor who acted: a user name, {@code anonymous} or {@code bootstrap}
   * @param subject whom or what it concerned, e.g. the user name logged in or changed
   * @param source the client address
   * @param detail free text; never a password or token
   */
  public void record(AuditEvent event, String actor, String subject, String source, String detail) {
    jdbc.sql(
            "INSERT INTO audit_event (event, actor, subject, source, detail) VALUES (?, ?, ?, ?, ?)")
        .params(
            event.name(), clip(actor, 128), clip(subject, 128), clip(source, 64), clip(detail, 512))
        .update();
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
