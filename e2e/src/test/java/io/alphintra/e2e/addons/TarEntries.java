package io.alphintra.e2e.addons;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of a POSIX (pax) tar, read strictly: what GNU tar {@code --format=posix} writes and
 * containerd and Docker read. A header whose checksum does not add up fails the read.
 */
record TarEntries(List<Entry> entries) {

  /** One member: its header fields (pax records applied) and, for regular files, its bytes. */
  record Entry(
      String name,
      char type,
      int mode,
      long uid,
      long gid,
      long mtime,
      String linkName,
      byte[] content) {
    boolean isRegularFile() {
      return type == '0' || type == '\0';
    }

    boolean isSymlink() {
      return type == '2';
    }

    boolean isDirectory() {
      return type == '5';
    }
  }

  static TarEntries read(byte[] tar) throws IOException {
    return read(new ByteArrayInputStream(tar));
  }

  static TarEntries read(InputStream in) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> pax = new HashMap<>();
    byte[] header = new byte[512];
    while (true) {
      if (in.readNBytes(header, 0, 512) != 512) {
        throw new IOException("truncated tar: no end-of-archive blocks");
      }
      if (isZeros(header)) {
        return new TarEntries(List.copyOf(entries));
      }
      verifyChecksum(header);
      char type = (char) header[156];
      long size = octal(header, 124, 12);
      if (pax.containsKey("size")) {
        size = Long.parseLong(pax.get("size"));
      }
      byte[] content = in.readNBytes(Math.toIntExact(size));
      in.skipNBytes((512 - size % 512) % 512);
      if (type == 'x') {
        pax.putAll(paxRecords(content));
        continue;
      }
      if (type == 'g') {
        continue;
      }
      String prefix = string(header, 345, 155);
      String name =
          pax.getOrDefault("path", (prefix.isEmpty() ? "" : prefix + "/") + string(header, 0, 100));
      long mtime =
          pax.containsKey("mtime")
              ? (long) Double.parseDouble(pax.get("mtime"))
              : octal(header, 136, 12);
      entries.add(
          new Entry(
              name,
              type,
              (int) octal(header, 100, 8),
              octal(header, 108, 8),
              octal(header, 116, 8),
              mtime,
              pax.getOrDefault("linkpath", string(header, 157, 100)),
              content));
      pax.clear();
    }
  }

  /** The entries by name, in archive order. */
  Map<String, Entry> byName() {
    Map<String, Entry> byName = new LinkedHashMap<>();
    entries.forEach(e -> byName.put(stripDotSlash(e.name()), e));
    return byName;
  }

  static String stripDotSlash(String name) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private static Map<String, String> paxRecords(byte[] content) {
    Map<String, String> records = new HashMap<>();
    String text = new String(content, StandardCharsets.UTF_8);
    int at = 0;
    while (at < text.length()) {
      int space = text.indexOf(' ', at);
      int length = Integer.parseInt(text.substring(at, space));
      String record = new String(content, at, length, StandardCharsets.UTF_8);
      String keyValue = record.substring(record.indexOf(' ') + 1, record.length() - 1);
      int eq = keyValue.indexOf('=');
      records.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
      at += length;
    }
    return records;
  }

  private static void verifyChecksum(byte[] header) throws IOException {
    long expected = octal(header, 148, 8);
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
    }
    if (sum != expected) {
      throw new IOException("tar header checksum " + expected + " but the header sums to " + sum);
    }
  }

  private static boolean isZeros(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length) {
    String digits = string(header, offset, length).trim();
    return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
  }
}
