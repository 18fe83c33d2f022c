package io.alphintra.authservice.testing;

import io.alphintra.authservice.user.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the ITs: the whole service on a random port over a real PostgreSQL, keys and the admin
 * Secret mounted as files like the operator mounts them. All ITs share one context (identical
 * configuration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningAuthService {

  public static final String ADMIN = "platform-admin";
  public static final String ADMIN_PASSWORD = "admin-password-Vq7x2";
  public static final String PASSWORD = "correct-horse-battery";
  public static final Path KEYS = tempDir("signing-keys");
  private static final Path ADMIN_SECRET = tempDir("admin-secret");

  static {
    TestKeys.write(KEYS, "k-2026-01");
    try {
      Files.writeString(ADMIN_SECRET.resolve("username"), ADMIN + "\n");
      Files.writeString(ADMIN_SECRET.resolve("password"), ADMIN_PASSWORD + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @LocalServerPort protected int port;

  @Autowired protected JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("alphintra.auth.token.issuer", () -> "https://auth.test");
    registry.add("alphintra.auth.signing.keys-dir", KEYS::toString);
    registry.add("alphintra.auth.signing.reload-interval", () -> "1h");
    registry.add(
        "alphintra.auth.bootstrap-admin.username-file",
        () -> ADMIN_SECRET.resolve("username").toString());
    registry.add(
        "alphintra.auth.bootstrap-admin.password-file",
        () -> ADMIN_SECRET.resolve("password").toString());
  }

  protected ApiClient client() {
    return new ApiClient(port);
  }

  protected String adminToken() {
    return client().login(ADMIN, ADMIN_PASSWORD).text("access_token");
  }

  /** Creates a user with a unique name through the ADMIN API; returns the name. */
  protected String createUser(String prefix, Set<Role> roles) {
    String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    var body = ApiClient.json().put("username", username).put("password", PASSWORD);
    roles.forEach(role -> body.withArray("roles").add(role.name()));
    ApiClient.Reply reply = client().post("/api/v1/users", body, adminToken());
    if (reply.status() != 201) {
      throw new AssertionError(
          "creating " + username + " answered " + reply.status() + ": " + reply.raw());
    }
    return username;
  }

  /** Audit events about a subject, oldest first. */
  protected java.util.List<String> auditEvents(String subject) {
    return jdbc.sql("SELECT event FROM audit_event WHERE subject = ? ORDER BY id")
        .param(subject)
        .query(String.class)
        .list();
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
