package io.alphintra.e2e.addons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker save}-style image archive as {@code ctr images import} and {@code docker load}
 * read it: manifest.json, repositories, the config (named by its sha256) and one layer.tar per
 * diff_id. Reading it checks every digest.
 */
record DockerArchive(
    TarEntries archive,
    JsonNode manifest,
    JsonNode repositories,
    JsonNode config,
    List<TarEntries> layers) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static DockerArchive read(Path tar) throws IOException {
    TarEntries archive = TarEntries.read(Files.readAllBytes(tar));
    Map<String, TarEntries.Entry> files = archive.byName();
    JsonNode manifest = JSON.readTree(require(files, "manifest.json", tar).content());
    JsonNode repositories = JSON.readTree(require(files, "repositories", tar).content());
    if (manifest.size() != 1) {
      throw new IOException(tar + ": manifest.json names " + manifest.size() + " images, not 1");
    }
    String configName = manifest.get(0).get("Config").asText();
    byte[] configBytes = require(files, configName, tar).content();
    if (!configName.equals(sha256(configBytes) + ".json")) {
      throw new IOException(tar + ": config " + configName + " has sha256 " + sha256(configBytes));
    }
    JsonNode config = JSON.readTree(configBytes);
    JsonNode diffIds = config.at("/rootfs/diff_ids");
    JsonNode layerNames = manifest.get(0).get("Layers");
    if (diffIds.size() != layerNames.size()) {
      throw new IOException(
          tar + ": " + layerNames.size() + " layers but " + diffIds.size() + " diff_ids");
    }
    List<TarEntries> layers = new ArrayList<>();
    for (int i = 0; i < layerNames.size(); i++) {
      byte[] layer = require(files, layerNames.get(i).asText(), tar).content();
      String digest = "sha256:" + sha256(layer);
      if (!digest.equals(diffIds.get(i).asText())) {
        throw new IOException(
            tar
                + ": layer "
                + layerNames.get(i).asText()
                + " is "
                + digest
                + ", its diff_id "
                + diffIds.get(i));
      }
      layers.add(TarEntries.read(layer));
    }
    return new DockerArchive(archive, manifest, repositories, config, List.copyOf(layers));
  }

  /** The image's own name, e.g. alphintra.local/coredns:v1.12.1. */
  String repoTag() {
    return manifest.get(0).get("RepoTags").get(0).asText();
  }

  /** The file system the layers make, by path (later layers win). */
  Map<String, TarEntries.Entry> fileSystem() {
    Map<String, TarEntries.Entry> fs = new LinkedHashMap<>();
    layers.forEach(layer -> fs.putAll(layer.byName()));
    return fs;
  }

  /** Follows symlinks (absolute or relative) inside the image to the entry they end at. */
  TarEntries.Entry resolve(String path) {
    Map<String, TarEntries.Entry> fs = fileSystem();
    String current = TarEntries.stripDotSlash(path.startsWith("/") ? path.substring(1) : path);
    for (int hops = 0; hops < 16; hops++) {
      TarEntries.Entry entry = fs.get(current);
      if (entry == null || !entry.isSymlink()) {
        return entry;
      }
      String target = entry.linkName();
      String dir = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
      current =
          TarEntries.stripDotSlash(
              target.startsWith("/")
                  ? target.substring(1)
                  : (dir.isEmpty() ? target : dir + "/" + target));
    }
    throw new IllegalStateException("symlink loop at " + path);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TarEntries.Entry require(
      Map<String, TarEntries.Entry> files, String name, Path tar) throws IOException {
    TarEntries.Entry entry = files.get(name);
    if (entry == null || !entry.isRegularFile()) {
      throw new IOException(tar + " has no file " + name + " (it has " + files.keySet() + ")");
    }
    return entry;
  }
}
