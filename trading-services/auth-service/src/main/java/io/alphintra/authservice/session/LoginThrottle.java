package io.alphintra.authservice.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per client address in {@code login_throttle} (shared by
 * all replicas) and locks a subject past its limit, with a lock that doubles on every further
 * failure.
 */
@Component
class LoginThrottle {

  enum Kind {
    USER,
    SOURCE
  }

  private final JdbcClient jdbc;
  private final SessionProperties properties;
  private final Clock clock;

  LoginThrottle(JdbcClient jdbc, SessionProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** How long the subject is still locked, if it is. */
  Optional<Duration> lockedFor(Kind kind, String subject) {
    Instant now = clock.instant();
    return jdbc.sql("SELECT locked_until FROM login_throttle WHERE kind = ? AND subject = ?")
        .params(kind.name(), subject)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant)
        .filter(now::isBefore)
        .map(until -> Duration.between(now, until));
  }

  /** Records a failure; true when the subject is locked from now on. */
  boolean failed(Kind kind, String subject) {
    Instant now = clock.instant();
    int limit = kind == Kind.USER ? properties.userMaxFailures() : properties.sourceMaxFailures();
    int failures =
        jdbc.sql(
                """
                        INSERT INTO login_throttle (kind, subject, failures, last_failure) VALUES (?, ?, 1, ?)
                        ON CONFLICT (kind, subject) DO UPDATE SET
                            failures = CASE WHEN login_throttle.last_failure < ? THEN 1 ELSE login_throttle.failures + 1 END,
                            last_failure = EXCLUDED.last_failure
                        RETURNING failures""")
            .params(
                kind.name(),
                subject,
                Timestamp.from(now),
                Timestamp.from(now.minus(properties.failureWindow())))
            .query(Integer.class)
            .single();
    if (failures < limit) {
      return false;
    }
    jdbc.sql("UPDATE login_throttle SET locked_until = ? WHERE kind = ? AND subject = ?")
        .params(Timestamp.from(now.plus(lockDuration(failures - limit))), kind.name(), subject)
        .update();
    return true;
  }

  void succeeded(Kind kind, String subject) {
    jdbc.sql("DELETE FROM login_throttle WHERE kind = ? AND subject = ?")
        .params(kind.name(), subject)
        .update();
  }

  private Duration lockDuration(int failuresOverLimit) {
    Duration lock = properties.lockDuration().multipliedBy(1L << Math.min(failuresOverLimit, 20));
    return lock.compareTo(properties.maxLockDuration()) > 0 ? properties.maxLockDuration() : lock;
  }
}
