package io.alphintra.authservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.TestKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service starting before its database can be reached: its first connections are reset, then
 * PostgreSQL comes up on that address, and the service starts and becomes ready instead of exiting
 * (which a blue-green rollout would read as a crash loop). Its own PostgreSQL and context.
 */
class DatabaseLateAtStartIT {

  @Test
  void theServiceWaitsForItsDatabaseInsteadOfExiting() throws Exception {
    int dbPort = freePort();
    Path keys = tempDir("signing-keys");
    TestKeys.write(keys, "k-late-db");
    AtomicInteger resets = new AtomicInteger();
    ServerSocket notYet = new ServerSocket(dbPort);
    Thread.ofVirtual()
        .start(
            () -> {
              // What the service meets first: connections accepted and closed at once.
              while (!notYet.isClosed()) {
                try (Socket s = notYet.accept()) {
                  resets.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            });

    CompletableFuture<ConfigurableApplicationContext> started =
        CompletableFuture.supplyAsync(
            () ->
                // As arguments: default properties would lose to application.yaml.
                new SpringApplicationBuilder(AuthServiceApplication.class)
                    .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:"
                            + dbPort
                            + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--spring.datasource.hikari.connection-timeout=2000",
                        "--alphintra.auth.token.issuer=https://auth.test",
                        "--alphintra.auth.signing.keys-dir=" + keys));
    await("the service trying its database and failing twice")
        .atMost(Duration.ofSeconds(60))
        .until(() -> resets.get() >= 2 || started.isDone());
    assertThat(started).as("started before its database was there").isNotDone();
    notYet.close();

    try (EmbeddedPostgres postgres =
            EmbeddedPostgres.builder()
                .setPort(dbPort)
                .setDataDirectory(tempDir("late-pg"))
                .start();
        ConfigurableApplicationContext context = started.get(60, TimeUnit.SECONDS)) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      assertThat(new ApiClient(port).get("/actuator/health/readiness", null).status())
          .isEqualTo(200);
      assertThat(postgres.getPort()).isEqualTo(dbPort);
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
