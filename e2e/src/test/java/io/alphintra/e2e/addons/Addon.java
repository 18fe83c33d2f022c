package io.alphintra.e2e.addons;

import io.alphintra.e2e.cluster.Toolchain;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A cluster add-on of the real node, as e2e/toolchain/addons.sh builds and renders it. */
enum Addon {
  COREDNS("coredns", "COREDNS_VERSION"),
  METRICS_SERVER("metrics-server", "METRICS_SERVER_VERSION"),
  KUBE_ROUTER("kube-router", "KUBE_ROUTER_VERSION");

  private final String binary;
  private final String versionKey;

  Addon(String binary, String versionKey) {
    this.binary = binary;
    this.versionKey = versionKey;
  }

  /** The binary's name in the toolchain's bin dir, and the image's name. */
  String binary() {
    return binary;
  }

  /** The pinned version from e2e/toolchain/versions.env. */
  String version(Toolchain toolchain) {
    Properties versions = new Properties();
    try (Reader in = Files.newBufferedReader(toolchain.script("versions.env"))) {
      versions.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read versions.env", e);
    }
    return versions.getProperty(versionKey);
  }

  /** The image the manifests run, e.g. alphintra.local/coredns:v1.12.1. */
  String imageName(Toolchain toolchain) {
    return "alphintra.local/" + binary + ":" + version(toolchain);
  }

  /** The image tar in the given image directory. */
  Path imageTar(Toolchain toolchain, Path imageDir) {
    return imageDir.resolve(binary + "-" + version(toolchain) + ".tar");
  }

  /**
   * Builds the add-on images when they are not cached (binaries too: minutes when cold) and returns
   * their directory.
   */
  static Path imageDir(Toolchain toolchain, Map<String, String> env) {
    Toolchain.Result r =
        toolchain
            .run(
                List.of("bash", toolchain.script("addons.sh").toString(), "--print-dir"),
                env,
                Duration.ofMinutes(40))
            .requireSuccess("addons.sh --print-dir");
    return Path.of(r.stdout().strip());
  }

  /** The manifests of every add-on, rendered with {@code env} over addons/addons.env. */
  static String render(Toolchain toolchain, Map<String, String> env) {
    return toolchain
        .run(
            List.of("bash", toolchain.script("addons.sh").toString(), "render"),
            env,
            Duration.ofMinutes(1))
        .requireSuccess("addons.sh render")
        .stdout();
  }
}
