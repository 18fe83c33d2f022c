package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.EnvVars;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.Map;

/**
 * auth-service's two generated Secrets (its RS256 signing key and the first ADMIN's login), built
 * from values the caller generates once, and the volumes, mounts and env vars that hand them to its
 * pods as the files auth-service reads.
 */
public final class AuthServiceSecrets {
  /**
   * The signing-key Secret's key naming the kid that signs; the key itself is {@code <kid>.pem}.
   */
  public static final String ACTIVE_KID_KEY = "active-kid";

  public static final String USERNAME_KEY = "username";
  public static final String PASSWORD_KEY = "password";

  /** The first ADMIN's username. */
  public static final String ADMIN_USERNAME = "admin";

  /** Where the signing-key Secret is mounted in auth-service's pods. */
  public static final String KEYS_DIR = "/etc/alphintra/auth/keys";

  /** Where the admin Secret is mounted in auth-service's pods. */
  public static final String ADMIN_DIR = "/etc/alphintra/auth/admin";

  static final String KEYS_VOLUME = "signing-keys";
  static final String ADMIN_VOLUME = "admin";

  /** Owner and group read only; the pod's fsGroup is the service user's. */
  private static final int READ_ONLY_MODE = 0440;

  private AuthServiceSecrets() {}

  /** The signing-key Secret holding one key, {@code kid}, which signs. */
  public static Secret signingKey(EnvironmentInputs in, String kid, String pkcs8Pem) {
    return secret(
        in,
        EnvironmentNames.authSigningKeySecret(in.environment()),
        Map.of(kid + ".pem", pkcs8Pem, ACTIVE_KID_KEY, kid));
  }

  /** The admin Secret: {@code kubectl get secret <te>-auth-admin} shows a new user the login. */
  public static Secret admin(EnvironmentInputs in, String password) {
    return secret(
        in,
        EnvironmentNames.authAdminSecret(in.environment()),
        Map.of(USERNAME_KEY, ADMIN_USERNAME, PASSWORD_KEY, password));
  }

  /** Both Secrets as volumes of auth-service's pods. */
  static List<Volume> volumes(EnvironmentInputs in) {
    return List.of(
        volume(KEYS_VOLUME, EnvironmentNames.authSigningKeySecret(in.environment())),
        volume(ADMIN_VOLUME, EnvironmentNames.authAdminSecret(in.environment())));
  }

  static List<VolumeMount> mounts() {
    return List.of(mount(KEYS_VOLUME, KEYS_DIR), mount(ADMIN_VOLUME, ADMIN_DIR));
  }

  /** The env vars auth-service's configuration reads the mounted files' paths from. */
  static List<EnvVar> env() {
    return List.of(
        EnvVars.plain("ALPHINTRA_AUTH_SIGNING_KEYS_DIR", KEYS_DIR),
        EnvVars.plain("ALPHINTRA_AUTH_ADMIN_USERNAME_FILE", ADMIN_DIR + "/" + USERNAME_KEY),
        EnvVars.plain("ALPHINTRA_AUTH_ADMIN_PASSWORD_FILE", ADMIN_DIR + "/" + PASSWORD_KEY));
  }

  private static Secret secret(EnvironmentInputs in, String name, Map<String, String> data) {
    return new SecretBuilder()
        .withMetadata(
            Owners.owned(
                in.environment(), name, Labels.of(in.name(), Component.AUTH_SERVICE, null)))
        .withType("Opaque")
        .withStringData(data)
        .build();
  }

  private static Volume volume(String name, String secret) {
    return new VolumeBuilder()
        .withName(name)
        .withNewSecret()
        .withSecretName(secret)
        .withDefaultMode(READ_ONLY_MODE)
        .withOptional(false)
        .endSecret()
        .build();
  }

  private static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
  }
}
