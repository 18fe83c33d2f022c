package io.alphintra.brokerconnector.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One venue limit (REQUEST_WEIGHT per minute, ORDERS per 10 s) counted in fixed windows aligned to
 * multiples of their length in venue time, as Binance counts them: pure arithmetic, no clock and no
 * locking; {@link VenueRateLimiter} owns both.
 *
 * <p>We know venue time only to within a {@code margin} (clock-offset uncertainty plus the
 * configured guard), and the venue counts a request at some moment between when we charge it and
 * when its answer arrives, which can be seconds later on a starved machine. A request is therefore
 * charged to every window its possible counting interval {@code [chargedAt - margin, answeredAt +
 * margin]} touches: when charged, to the windows of {@code [now - margin, now + margin]}; while it
 * is in flight, to each further window as soon as {@code now + margin} reaches it; once answered
 * (or given up on), to no further window. A request may go only when it fits into every window it
 * could be counted in.
 */
final class RateWindow {

  private final long lengthMillis;
  private int limit;

  /** Usage per window, keyed by the window's start in venue time. */
  private final TreeMap<Long, Integer> usedByStart = new TreeMap<>();

  /** Charges whose request has not been answered yet: they spread into every window that starts. */
  private final List<Charge> inFlight = new ArrayList<>();

  /**
   * One request's charge: it may be counted in any window from {@code firstStart} to {@code
   * lastStart}.
   */
  static final class Charge {
    private final int cost;
    private final long firstStart;
    private long lastStart;

    private Charge(int cost, long firstStart, long lastStart) {
      this.cost = cost;
      this.firstStart = firstStart;
      this.lastStart = lastStart;
    }

    long firstStart() {
      return firstStart;
    }

    long lastStart() {
      return lastStart;
    }
  }

  RateWindow(long lengthMillis, int limit) {
    this.lengthMillis = lengthMillis;
    this.limit = limit;
  }

  /**
   * Millis until {@code cost} fits into every window a request sent now could be counted in (0 =
   * fits now). A cost above the limit waits for empty windows.
   */
  long waitFor(long now, long margin, int cost) {
    advance(now, margin);
    int effective = Math.min(cost, limit);
    long wait = 0;
    for (long start = startOf(now - margin);
        start <= startOf(now + margin);
        start += lengthMillis) {
      int used = usedIn(start);
      if (used != 0 && used + effective > limit) {
        // This window stops being a candidate once now - margin has left it.
        wait = Math.max(wait, start + lengthMillis + margin - now);
      }
    }
    return wait;
  }

  /**
   * Charges {@code cost} (0 only tracks the request's time span) to every window it may be counted
   * in.
   */
  Charge charge(long now, long margin, int cost) {
    advance(now, margin);
    Charge charge = new Charge(cost, startOf(now - margin), startOf(now + margin));
    for (long start = charge.firstStart; start <= charge.lastStart; start += lengthMillis) {
      usedByStart.merge(start, cost, Integer::sum);
    }
    inFlight.add(charge);
    return charge;
  }

  /**
   * How far into a window a venue timestamp must be to name that window as the one that counted the
   * request: the venue's {@code Date} has whole seconds and is stamped after it counted the
   * request, so in a window's first seconds the request may still belong to the window before.
   */
  static final long VENUE_TIME_AMBIGUITY_MILLIS = 2_000;

  /**
   * The request's answer arrived: the venue has counted it by now, so it spreads no further. When
   * the venue reported its count ({@code reported >= 0}), the window that count belongs to is
   * raised to that count plus our other requests still in flight (the venue may not have counted
   * those yet): other clients on the same IP or account count too.
   *
   * <p>Which window that is: the one {@code venueTime} (the venue's clock when it answered, from
   * its {@code Date}; negative when unknown) falls in, when it lies well inside it (see {@link
   * #VENUE_TIME_AMBIGUITY_MILLIS}) and the request may have been counted there. Otherwise every
   * window the request may have been counted in is raised. Raising a window with a count from the
   * window before it would start the new window nearly full: a client sending at half the limit,
   * with a margin around window rolls, then stalls in every other window.
   */
  void answered(Charge charge, long now, long margin, int reported, long venueTime) {
    advance(now, margin);
    inFlight.remove(charge);
    if (reported < 0) {
      return;
    }
    long first = charge.firstStart;
    long last = charge.lastStart;
    if (venueTime >= 0) {
      long counted = startOf(venueTime);
      if (venueTime - counted >= VENUE_TIME_AMBIGUITY_MILLIS
          && first <= counted
          && counted <= last) {
        first = counted;
        last = counted;
      }
    }
    for (long start = first; start <= last; start += lengthMillis) {
      int notYetCounted = 0;
      for (Charge other : inFlight) {
        if (other.firstStart <= start && start <= other.lastStart) {
          notYetCounted += other.cost;
        }
      }
      usedByStart.merge(start, reported + notYetCounted, Math::max);
    }
  }

  /** {@link #answered(Charge, long, long, int, long)} without the venue's time of the answer. */
  void answered(Charge charge, long now, long margin, int reported) {
    answered(charge, now, margin, reported, -1);
  }

  /**
   * No answer (timeout, broken connection): the venue may still count the request until {@code
   * countableUntil}, so it is charged to every window up to then.
   */
  void unanswered(Charge charge, long now, long margin, long countableUntil) {
    advance(now, margin);
    inFlight.remove(charge);
    spread(charge, startOf(Math.max(now, countableUntil) + margin));
  }

  /** The venue said no: every window the request may have been judged in counts as full. */
  void exhaust(Charge charge, long now, long margin) {
    advance(now, margin);
    for (long start = charge.firstStart; start <= charge.lastStart; start += lengthMillis) {
      usedByStart.merge(start, limit, Math::max);
    }
  }

  /** Usage of the window {@code now} falls in (our best estimate of the venue's current window). */
  int used(long now, long margin) {
    advance(now, margin);
    return usedIn(startOf(now));
  }

  int limit() {
    return limit;
  }

  void limit(int newLimit) {
    this.limit = newLimit;
  }

  long lengthMillis() {
    return lengthMillis;
  }

  long startOf(long venueMillis) {
    return venueMillis - Math.floorMod(venueMillis, lengthMillis);
  }

  private int usedIn(long start) {
    return usedByStart.getOrDefault(start, 0);
  }

  /**
   * Spreads requests still in flight into the windows that became reachable, and forgets windows
   * long past.
   */
  private void advance(long now, long margin) {
    long latest = startOf(now + margin);
    for (Charge charge : inFlight) {
      spread(charge, latest);
    }
    // Keep one window before the earliest candidate: answers for requests charged there may still
    // arrive.
    Map<Long, Integer> past = usedByStart.headMap(startOf(now - margin) - lengthMillis, false);
    past.clear();
  }

  private void spread(Charge charge, long upToStart) {
    for (long start = charge.lastStart + lengthMillis; start <= upToStart; start += lengthMillis) {
      usedByStart.merge(start, charge.cost, Integer::sum);
      charge.lastStart = start;
    }
  }
}
