package io.alphintra.e2e.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory and CPU of this JVM. The operator runs in-process, so these include the benchmark's own
 * client and informers: an upper bound for the operator alone.
 */
final class ProcessFootprint {
  private ProcessFootprint() {}

  /** Heap in use right after a full collection, in bytes. */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long nonHeapUsed() {
    return ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
  }

  /**
   * Resident set size from {@code /proc/self/status} (VmRSS), in bytes; -1 where there is no
   * procfs.
   */
  static long residentSetSize() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
          .findFirst()
          .orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU time of the whole process (all threads), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  static Map<String, Object> megabytes(String key, long bytes) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(key + "Bytes", bytes);
    json.put(key + "MB", Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0);
    return json;
  }

  static double mb(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
  }
}
