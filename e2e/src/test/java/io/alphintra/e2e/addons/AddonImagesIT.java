package io.alphintra.e2e.addons;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.e2e.cluster.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The add-on images e2e/toolchain/addons.sh writes: archives containerd imports (every digest
 * checked), named as the manifests run them, each with an entrypoint that is there, non-root where
 * the component allows, and reproducible to the byte.
 */
class AddonImagesIT {
  private static Toolchain toolchain;
  private static Path imageDir;
  private static final Map<Addon, DockerArchive> IMAGES = new EnumMap<>(Addon.class);

  @BeforeAll
  static void buildImages() throws IOException {
    toolchain = Toolchain.locate();
    imageDir = Addon.imageDir(toolchain, Map.of());
    for (Addon addon : Addon.values()) {
      IMAGES.put(addon, DockerArchive.read(addon.imageTar(toolchain, imageDir)));
    }
  }

  @Test
  void eachBinaryReportsItsPinnedVersion() {
    for (Addon addon : Addon.values()) {
      Path binary = toolchain.binDir().resolve(addon.binary());
      String flag = addon == Addon.COREDNS ? "-version" : "--version";

      Toolchain.Result r = toolchain.run(List.of(binary.toString(), flag), Duration.ofSeconds(30));

      assertThat(r.exitCode()).as("%s %s%n%s", binary, flag, r.stderr()).isZero();
      assertThat(r.stdout() + r.stderr())
          .as("%s %s", addon.binary(), flag)
          .contains(addon.version(toolchain).substring(addon == Addon.COREDNS ? 1 : 0));
    }
  }

  @Test
  void eachImageIsNamedAsTheManifestsRunItAndIndexedForImport() {
    for (Addon addon : Addon.values()) {
      DockerArchive image = IMAGES.get(addon);
      String name = addon.imageName(toolchain);

      assertThat(image.repoTag()).isEqualTo(name);
      String repository = name.substring(0, name.lastIndexOf(':'));
      String tag = name.substring(name.lastIndexOf(':') + 1);
      String topLayer = image.manifest().get(0).get("Layers").get(0).asText();
      assertThat(image.repositories().at("/" + repository.replace("/", "~1") + "/" + tag).asText())
          .as("repositories of %s", name)
          .isEqualTo(topLayer.substring(0, topLayer.indexOf('/')));
      assertThat(image.config().get("architecture").asText()).isEqualTo("amd64");
      assertThat(image.config().get("os").asText()).isEqualTo("linux");
    }
  }

  @Test
  void eachEntrypointIsAnExecutableStaticBinaryInTheImage() {
    for (Addon addon : Addon.values()) {
      DockerArchive image = IMAGES.get(addon);
      List<String> entrypoint = new ArrayList<>();
      image.config().at("/config/Entrypoint").forEach(e -> entrypoint.add(e.asText()));

      assertThat(entrypoint).containsExactly("/usr/local/bin/" + addon.binary());
      TarEntries.Entry binary = image.resolve(entrypoint.get(0));
      assertThat(binary).as("%s in %s", entrypoint.get(0), image.repoTag()).isNotNull();
      assertThat(binary.isRegularFile()).isTrue();
      assertThat(binary.mode() & 0111).as("execute bits of %s", entrypoint.get(0)).isEqualTo(0111);
      assertThat(DockerArchive.sha256(binary.content()))
          .as("%s is the binary k8s-toolchain.sh built", entrypoint.get(0))
          .isEqualTo(DockerArchive.sha256(readBinary(addon)));
      // A static binary has no PT_INTERP: the ELF carries no "/lib64/ld-linux" path.
      assertThat(
              new String(binary.content(), 0, 4096, java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("ld-linux");
    }
  }

  @Test
  void coreDnsAndMetricsServerRunAsNonRootWithAccountEntries() {
    for (Addon addon : List.of(Addon.COREDNS, Addon.METRICS_SERVER)) {
      DockerArchive image = IMAGES.get(addon);

      assertThat(image.config().at("/config/User").asText()).isEqualTo("65532:65532");
      assertThat(text(image, "etc/passwd"))
          .contains("nonroot:x:65532:65532:nonroot:/home/nonroot:/usr/sbin/nologin");
      assertThat(text(image, "etc/group")).contains("nonroot:x:65532:");
      TarEntries.Entry tmp = image.resolve("tmp");
      assertThat(tmp.isDirectory()).isTrue();
      assertThat(tmp.mode() & 07777).as("/tmp mode").isEqualTo(01777);
    }
  }

  @Test
  void kubeRouterRunsAsRootWithTheNftablesIptablesAndIpset() {
    DockerArchive image = IMAGES.get(Addon.KUBE_ROUTER);

    // Its firewall changes the node's netfilter tables: the only add-on that needs root.
    assertThat(image.config().at("/config/User").asText()).isEqualTo("0:0");
    for (String tool :
        List.of(
            "iptables",
            "iptables-save",
            "iptables-restore",
            "ip6tables",
            "ip6tables-save",
            "ip6tables-restore")) {
      TarEntries.Entry resolved = image.resolve("/usr/sbin/" + tool);
      assertThat(resolved).as("/usr/sbin/%s", tool).isNotNull();
      assertThat(image.fileSystem())
          .as("/usr/sbin/%s is the nf_tables variant, as the node's kube-proxy uses", tool)
          .containsKey("usr/sbin/xtables-nft-multi");
      assertThat(DockerArchive.sha256(resolved.content()))
          .isEqualTo(DockerArchive.sha256(image.resolve("usr/sbin/xtables-nft-multi").content()));
    }
    assertThat(image.resolve("/usr/sbin/ipset")).isNotNull();
    assertThat(image.resolve("/lib64/ld-linux-x86-64.so.2"))
        .as("the dynamic loader iptables needs")
        .isNotNull();
  }

  @Test
  void everyEntryHasTheLockedMtimeARootOwnerAndSortedNames() throws IOException {
    long epoch = sourceDateEpoch();
    for (Addon addon : Addon.values()) {
      DockerArchive image = IMAGES.get(addon);
      List<TarEntries> tars = new ArrayList<>(image.layers());
      tars.add(image.archive());
      for (TarEntries tar : tars) {
        assertThat(tar.entries())
            .as("entries of %s", image.repoTag())
            .allSatisfy(
                e -> {
                  assertThat(e.mtime()).as("mtime of %s", e.name()).isEqualTo(epoch);
                  assertThat(e.uid()).as("uid of %s", e.name()).isZero();
                  assertThat(e.gid()).as("gid of %s", e.name()).isZero();
                });
        List<String> names =
            tar.entries().stream().map(e -> TarEntries.stripDotSlash(e.name())).toList();
        assertThat(names)
            .as("entry order of %s", image.repoTag())
            .isSortedAccordingTo(AddonImagesIT::tarOrder);
      }
    }
  }

  @Test
  void aSecondBuildIntoAnotherCacheGivesTheSameBytes(@TempDir Path otherCache) throws IOException {
    Path otherDir =
        Addon.imageDir(toolchain, Map.of("ALPHINTRA_IMAGE_CACHE", otherCache.toString()));

    for (Addon addon : Addon.values()) {
      assertThat(DockerArchive.sha256(Files.readAllBytes(addon.imageTar(toolchain, otherDir))))
          .as("sha256 of %s rebuilt in %s", addon.imageName(toolchain), otherDir)
          .isEqualTo(DockerArchive.sha256(Files.readAllBytes(addon.imageTar(toolchain, imageDir))));
    }
  }

  /** GNU tar --sort=name: byte order of the path components, a directory before its contents. */
  private static int tarOrder(String a, String b) {
    String[] as = a.split("/");
    String[] bs = b.split("/");
    for (int i = 0; i < Math.min(as.length, bs.length); i++) {
      int c = as[i].compareTo(bs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(as.length, bs.length);
  }

  private static byte[] readBinary(Addon addon) {
    try {
      return Files.readAllBytes(toolchain.binDir().resolve(addon.binary()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(DockerArchive image, String path) {
    TarEntries.Entry entry = image.resolve(path);
    assertThat(entry).as("%s in %s", path, image.repoTag()).isNotNull();
    return new String(entry.content(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long sourceDateEpoch() throws IOException {
    return Files.readAllLines(toolchain.script("addons.lock")).stream()
        .filter(l -> l.startsWith("source-date-epoch:"))
        .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip()))
        .findFirst()
        .orElseThrow();
  }
}
