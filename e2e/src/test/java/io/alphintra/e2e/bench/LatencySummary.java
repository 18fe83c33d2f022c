package io.alphintra.e2e.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nearest-rank percentiles of a set of latencies in milliseconds: what every benchmark reports. */
record LatencySummary(int count, long p50, long p99, long max, long min, double mean) {

  static LatencySummary of(Collection<Long> millis) {
    if (millis.isEmpty()) {
      return new LatencySummary(0, 0, 0, 0, 0, 0);
    }
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
    return new LatencySummary(
        sorted.size(),
        rank(sorted, 50),
        rank(sorted, 99),
        sorted.getLast(),
        sorted.getFirst(),
        Math.round(mean * 10) / 10.0);
  }

  /**
   * The nearest-rank percentile: the smallest value with at least {@code percent} % of the values
   * at or below it.
   */
  private static long rank(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("count", count);
    json.put("p50Ms", p50);
    json.put("p99Ms", p99);
    json.put("maxMs", max);
    json.put("minMs", min);
    json.put("meanMs", mean);
    return json;
  }

  @Override
  public String toString() {
    return "p50=" + p50 + " ms, p99=" + p99 + " ms, max=" + max + " ms (n=" + count + ")";
  }
}
