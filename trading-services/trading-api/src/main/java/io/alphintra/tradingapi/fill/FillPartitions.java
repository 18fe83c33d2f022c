package io.alphintra.tradingapi.fill;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a monthly partition of {@code fill} ready for this month and the next {@value
 * #MONTHS_AHEAD}, at start and every six hours, so fills never pile up in the default partition. A
 * month whose fills already landed there (the service was down across a month boundary) is created
 * empty, the month's rows are moved into it and it is attached, in one transaction. Replicas take
 * turns through a transaction-scoped advisory lock.
 */
@Component
public class FillPartitions {

  static final int MONTHS_AHEAD = 3;
  private static final long ADVISORY_LOCK = 0x616c7068_66696c6cL; // "alphfill"
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");
  private static final Logger log = LoggerFactory.getLogger(FillPartitions.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  FillPartitions(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Scheduled(initialDelay = 6, fixedDelay = 6, timeUnit = java.util.concurrent.TimeUnit.HOURS)
  void maintain() {
    try {
      List<String> created = ensure();
      if (!created.isEmpty()) {
        log.info("Created fill partitions {}", created);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Could not create the coming months' fill partitions; fills still land in fill_default"
              + " and the next run retries",
          e);
    }
  }

  /** Creates the missing partitions of this month and the next ones; returns their names. */
  public List<String> ensure() {
    YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    List<String> created = new ArrayList<>();
    for (int i = 0; i <= MONTHS_AHEAD; i++) {
      YearMonth month = now.plusMonths(i);
      Boolean made = transactions.execute(status -> createIfMissing(month));
      if (Boolean.TRUE.equals(made)) {
        created.add(name(month));
      }
    }
    return created;
  }

  static String name(YearMonth month) {
    return "fill_" + month.format(SUFFIX);
  }

  private boolean createIfMissing(YearMonth month) {
    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ADVISORY_LOCK).query().singleRow();
    String table = name(month);
    boolean exists =
        jdbc.sql(
                "SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE i.inhparent = 'fill'::regclass AND c.relname = ?)")
            .param(table)
            .query(Boolean.class)
            .single();
    if (exists) {
      return false;
    }
    LocalDate from = month.atDay(1);
    LocalDate to = month.plusMonths(1).atDay(1);
    Timestamp fromTs = Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp toTs = Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant());
    // The table name is built from a YearMonth, never from input; bounds are literals by design
    // (partition bounds cannot be bind parameters).
    String bounds = "FROM ('" + from + " 00:00:00+00') TO ('" + to + " 00:00:00+00')";
    jdbc.sql("CREATE TABLE " + table + " (LIKE fill INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
        .update();
    int moved =
        jdbc.sql(
                "WITH moved AS (DELETE FROM fill_default WHERE executed_at >= ? AND executed_at < ?"
                    + " RETURNING *) INSERT INTO "
                    + table
                    + " SELECT * FROM moved")
            .param(fromTs)
            .param(toTs)
            .update();
    jdbc.sql("ALTER TABLE fill ATTACH PARTITION " + table + " FOR VALUES " + bounds).update();
    if (moved > 0) {
      log.info("Moved {} fills of {} out of fill_default into {}", moved, month, table);
    }
    return true;
  }
}
