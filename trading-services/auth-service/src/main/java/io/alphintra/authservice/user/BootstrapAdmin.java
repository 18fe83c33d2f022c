package io.alphintra.authservice.user;

import io.alphintra.authservice.web.ApiProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first ADMIN from the admin Secret when no user of that name exists. An existing user
 * is never touched, so a password changed later is not reset by a restart.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final BootstrapAdminProperties properties;
  private final Users users;
  private final UserAdministration administration;

  BootstrapAdmin(
      BootstrapAdminProperties properties, Users users, UserAdministration administration) {
    this.properties = properties;
    this.users = users;
    this.administration = administration;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!properties.configured()) {
      log.info(
          "No bootstrap admin configured (alphintra.auth.bootstrap-admin.username-file/password-file)");
      return;
    }
    String username =
        Files.readString(Path.of(properties.usernameFile()), StandardCharsets.UTF_8).strip();
    if (users.byUsername(username).isPresent()) {
      return;
    }
    String password =
        Files.readString(Path.of(properties.passwordFile()), StandardCharsets.UTF_8).strip();
    try {
      administration.create(username, password, EnumSet.of(Role.ADMIN), "bootstrap", null);
      log.info("Created the bootstrap admin {}", username);
    } catch (ApiProblem e) {
      // The replicas of a new environment start together and each finds no admin: the first
      // insert wins, and the others must not crash (a restarted container reads as a crash loop
      // to a blue-green rollout).
      if (users.byUsername(username).isEmpty()) {
        throw e;
      }
      log.info("The bootstrap admin {} was created by another replica", username);
    }
  }
}
