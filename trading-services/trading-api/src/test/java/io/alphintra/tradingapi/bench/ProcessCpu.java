package io.alphintra.tradingapi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the benchmark's processes, read from Linux's {@code /proc}: each named group is a set
 * of process ids, or a parent with all its children (PostgreSQL's postmaster and its backends). The
 * difference of two readings over a run, divided by the orders of the run, is the CPU each order
 * costs in each process; with the machine's busy time it also shows how much of the machine
 * something else used during the run.
 */
final class ProcessCpu {

  /** Linux's {@code USER_HZ}: the unit of the CPU times in {@code /proc/<pid>/stat}. */
  private static final long TICKS_PER_SECOND = 100;

  /** A named group: the process {@code pid}, and with {@code children} every process it started. */
  record Group(String name, long pid, boolean children) {}

  /** CPU milliseconds used so far by each group, and by the whole machine ({@code machine}). */
  record Reading(Map<String, Long> millis) {

    /** Per group, the CPU milliseconds used from {@code earlier} to this reading. */
    Map<String, Long> since(Reading earlier) {
      Map<String, Long> used = new LinkedHashMap<>();
      millis.forEach((name, value) -> used.put(name, value - earlier.millis.get(name)));
      return used;
    }
  }

  private final List<Group> groups;

  ProcessCpu(List<Group> groups) {
    this.groups = List.copyOf(groups);
  }

  Reading read() {
    Map<String, Long> millis = new LinkedHashMap<>();
    for (Group group : groups) {
      long ticks = ticks(group.pid(), group.children());
      if (group.children()) {
        for (long child : children(group.pid())) {
          ticks += ticks(child, false);
        }
      }
      millis.put(group.name(), ticks * 1000 / TICKS_PER_SECOND);
    }
    millis.put("machine", machineBusyTicks() * 1000 / TICKS_PER_SECOND);
    return new Reading(millis);
  }

  /** The parent of {@code pid} (the fourth field of its stat line). */
  static long parent(long pid) {
    return Long.parseLong(statFields(pid)[1]);
  }

  /**
   * User and system time of {@code pid}; with {@code reaped}, also that of its children that have
   * exited and been waited for (a backend that closed during the run).
   */
  private static long ticks(long pid, boolean reaped) {
    String[] fields = statFields(pid);
    if (fields.length == 0) {
      return 0;
    }
    // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    // utime stime cutime cstime.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return reaped ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
  }

  /** The stat fields after the command name, or none for a process that is gone. */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      return new String[0];
    }
  }

  private static List<Long> children(long parent) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(
              pid -> {
                // Read once: a process may exit between two reads of its stat file.
                String[] fields = statFields(pid);
                return fields.length > 1 && Long.parseLong(fields[1]) == parent;
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Busy time of all cores: the {@code cpu} line of /proc/stat without idle and iowait. */
  private static long machineBusyTicks() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(cpu[i]);
        }
      }
      return busy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
