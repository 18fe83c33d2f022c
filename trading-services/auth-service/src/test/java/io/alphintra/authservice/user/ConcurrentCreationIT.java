package io.alphintra.authservice.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.RunningAuthService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Creating one username several times at once: the unique username decides, and the losers get what
 * a sequential duplicate gets. The replicas of a new environment all bootstrap the same admin at
 * start-up; none of them may fail (a restarted container reads as a crash loop to a rollout).
 */
class ConcurrentCreationIT extends RunningAuthService {

  private static final int AT_ONCE = 8;

  @Autowired Users users;
  @Autowired UserAdministration administration;

  @Test
  void concurrentCreatesOfOneUsernameGiveOne201AndConflictsNever500() throws Exception {
    String username = "twin-" + UUID.randomUUID().toString().substring(0, 8);
    String token = adminToken();
    var body = ApiClient.json().put("username", username).put("password", PASSWORD);
    body.withArray("roles").add("TRADER");

    List<Integer> statuses = atOnce(() -> client().post("/api/v1/users", body, token).status());

    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(users.byUsername(username)).isPresent();
  }

  @Test
  void replicasBootstrappingTheSameAdminAtOnceAllStart() throws Exception {
    Path secret = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "twin-admin");
    String username = "first-admin-" + UUID.randomUUID().toString().substring(0, 8);
    Files.writeString(secret.resolve("username"), username, StandardCharsets.UTF_8);
    Files.writeString(secret.resolve("password"), ADMIN_PASSWORD, StandardCharsets.UTF_8);
    BootstrapAdminProperties properties =
        new BootstrapAdminProperties(
            secret.resolve("username").toString(), secret.resolve("password").toString());

    List<Integer> started =
        atOnce(
            () -> {
              new BootstrapAdmin(properties, users, administration).run(null);
              return 1;
            });

    assertThat(started).hasSize(AT_ONCE);
    assertThat(users.byUsername(username))
        .hasValueSatisfying(u -> assertThat(u.roles()).containsExactly(Role.ADMIN));
    assertThat(client().login(username, ADMIN_PASSWORD).status()).isEqualTo(200);
    assertThat(auditEvents(username)).containsOnlyOnce("USER_CREATED");
  }

  /** Runs {@code call} on {@value #AT_ONCE} threads released together; their results, or throws. */
  private static <T> List<T> atOnce(Callable<T> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE)) {
      for (int i = 0; i < AT_ONCE; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    }
  }
}
