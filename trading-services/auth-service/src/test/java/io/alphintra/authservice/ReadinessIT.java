package io.alphintra.authservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.TestKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Readiness includes the database: with PostgreSQL gone the pod leaves the Service's endpoints
 * (503), liveness stays UP (a restart would not bring the database back), and readiness returns
 * with the database. Its own PostgreSQL and context (not {@code RunningAuthService}'s shared one),
 * so stopping it disturbs no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ReadinessIT {

  private static final Path DATA = tempDir("readiness-pg");
  private static final int PORT = freePort();
  private static EmbeddedPostgres postgres = startPostgres();

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    Path keys = tempDir("signing-keys");
    TestKeys.write(keys, "k-readiness");
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("alphintra.auth.token.issuer", () -> "https://auth.test");
    registry.add("alphintra.auth.signing.keys-dir", keys::toString);
    // Bounds how long a health check waits for a connection that cannot come.
    registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Test
  void readinessIsDownWhileTheDatabaseIsAndUpWhenItIsBack() throws IOException {
    ApiClient api = new ApiClient(port);
    assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);

    postgres.close();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              ApiClient.Reply readiness = api.get("/actuator/health/readiness", null);
              assertThat(readiness.status()).as(readiness.raw()).isEqualTo(503);
              assertThat(readiness.text("status")).isEqualTo("DOWN");
            });
    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);

    postgres = startPostgres();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200));
  }

  /** On the same port and data directory each time, so the service's configuration stays right. */
  private static EmbeddedPostgres startPostgres() {
    try {
      return EmbeddedPostgres.builder()
          .setPort(PORT)
          .setDataDirectory(DATA)
          .setCleanDataDirectory(false)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
