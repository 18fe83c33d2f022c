package io.alphintra.authservice.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first ADMIN, from the Secret the operator generates per environment (mounted as files).
 *
 * @param usernameFile path of the file holding the admin's user name (the Secret's {@code username}
 *     key); empty: none
 * @param passwordFile path of the file holding the admin's initial password (the Secret's {@code
 *     password} key)
 */
@ConfigurationProperties("alphintra.auth.bootstrap-admin")
public record BootstrapAdminProperties(String usernameFile, String passwordFile) {

  boolean configured() {
    return usernameFile != null
        && !usernameFile.isBlank()
        && passwordFile != null
        && !passwordFile.isBlank();
  }
}
