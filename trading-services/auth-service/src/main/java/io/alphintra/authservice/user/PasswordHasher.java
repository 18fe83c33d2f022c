package io.alphintra.authservice.user;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt (cost 12). BCrypt reads at most 72 bytes, so longer passwords are refused at the API edge.
 */
@Component
public class PasswordHasher {

  /** The most UTF-8 bytes of a password BCrypt takes into account. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
  // Compared against when the user does not exist, so both paths cost one BCrypt check.
  private final String decoy = bcrypt.encode("decoy-password-for-unknown-users");

  public String hash(String password) {
    return bcrypt.encode(password);
  }

  public boolean matches(String password, String hash) {
    return bcrypt.matches(password, hash);
  }

  /** Spends the time of a real check, for user names that do not exist. */
  public void matchDecoy(String password) {
    bcrypt.matches(password, decoy);
  }

  public static boolean tooLong(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
  }
}
