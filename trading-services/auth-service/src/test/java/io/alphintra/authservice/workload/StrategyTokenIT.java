package io.alphintra.authservice.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.alphintra.authservice.testing.ApiClient;
import io.alphintra.authservice.testing.KubeApiServer;
import io.alphintra.authservice.testing.RunningAuthService;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Workload identity against a real kube-apiserver: real service-account tokens from the
 * TokenRequest API, reviewed by auth-service with its own service account bound to
 * system:auth-delegator, exactly as on a cluster.
 */
class StrategyTokenIT extends RunningAuthService {

  private static final String ENVIRONMENT = "env-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String AUDIENCE = "alphintra";
  private static final String PATH = "/api/v1/auth/strategy-token";
  private static final Path OWN_TOKEN = temp().resolve("token");

  @DynamicPropertySource
  static void kubernetes(DynamicPropertyRegistry registry) {
    KubeApiServer api = KubeApiServer.shared();
    Path secrets = OWN_TOKEN.getParent();
    api.createNamespace(ENVIRONMENT);
    api.createServiceAccount(ENVIRONMENT, "auth-service");
    api.client()
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(ENVIRONMENT + "-auth-service-tokenreview")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "system:auth-delegator")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("auth-service")
                .withNamespace(ENVIRONMENT)
                .endSubject()
                .build())
        .create();
    // auth-service's own token, as the kubelet projects it (audience: the API server's).
    KubeApiServer.write(OWN_TOKEN, api.requestToken(ENVIRONMENT, "auth-service"));
    registry.add("alphintra.auth.workload.api-server", api::url);
    registry.add("alphintra.auth.workload.token-file", OWN_TOKEN::toString);
    registry.add("alphintra.auth.workload.ca-file", () -> api.writeCa(secrets).toString());
    registry.add("alphintra.auth.workload.namespace", () -> ENVIRONMENT);
    registry.add("alphintra.auth.workload.audience", () -> AUDIENCE);
  }

  @Test
  void aStrategysProjectedTokenGetsAStrategyTokenScopedToIt() throws Exception {
    String token = strategyToken("sma-btc-strategy", AUDIENCE);

    ApiClient.Reply reply =
        client().post(PATH, ApiClient.json().put("service_account_token", token), null);

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    assertThat(reply.body().has("refresh_token")).isFalse();
    JWTClaimsSet claims = SignedJWT.parse(reply.text("access_token")).getJWTClaimsSet();
    assertThat(claims.getSubject())
        .isEqualTo("system:serviceaccount:" + ENVIRONMENT + ":sma-btc-strategy");
    assertThat(claims.getStringListClaim("roles")).containsExactly("STRATEGY");
    assertThat(claims.getStringClaim("strategy")).isEqualTo("sma-btc");
    assertThat(claims.getStringClaim("namespace")).isEqualTo(ENVIRONMENT);
    assertThat(claims.getAudience()).containsExactly("alphintra");
    ApiClient.Reply me = client().get("/api/v1/auth/me", reply.text("access_token"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("roles").toString()).isEqualTo("[\"STRATEGY\"]");
    assertThat(auditEvents("sma-btc")).contains("WORKLOAD_TOKEN_ISSUED");
    assertThat(reply.raw()).doesNotContain(token);
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    String token = strategyToken("wrong-audience-strategy", "some-other-service");

    ApiClient.Reply reply =
        client().post(PATH, ApiClient.json().put("service_account_token", token), null);

    assertThat(reply.status()).as(reply.raw()).isEqualTo(401);
    assertThat(reply.text("detail")).contains("audience 'alphintra'");
  }

  @Test
  void theTokenOfADeletedServiceAccountIsRefused() {
    String token = strategyToken("deleted-strategy", AUDIENCE);
    assertThat(post(token).status()).isEqualTo(200);

    KubeApiServer.shared()
        .client()
        .serviceAccounts()
        .inNamespace(ENVIRONMENT)
        .withName("deleted-strategy")
        .delete();

    // The API server's authenticator reads service accounts from its informer cache: a moment's
    // lag.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(post(token).status()).isEqualTo(401));
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    // TokenRequest will not issue a token that lives less than 600 s. So this takes a genuine token
    // and re-signs
    // its claims, expired an hour ago, with the API server's own service-account signing key:
    // everything about
    // it is genuine except the expiry, which the API server has to reject.
    String genuine = strategyToken("expired-strategy", AUDIENCE);
    SignedJWT parsed = SignedJWT.parse(genuine);
    Instant now = Instant.now();
    JWTClaimsSet expired =
        new JWTClaimsSet.Builder(parsed.getJWTClaimsSet())
            .issueTime(Date.from(now.minus(Duration.ofHours(2))))
            .notBeforeTime(Date.from(now.minus(Duration.ofHours(2))))
            .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
            .build();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(parsed.getHeader().getKeyID()).build(),
            expired);
    forged.sign(
        new RSASSASigner(
            JWK.parseFromPEMEncodedObjects(
                    Files.readString(KubeApiServer.serviceAccountSigningKey()))
                .toRSAKey()));
    // The re-signing itself is sound: the same claims with a future expiry pass.
    SignedJWT fresh =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(parsed.getHeader().getKeyID()).build(),
            parsed.getJWTClaimsSet());
    fresh.sign(
        new RSASSASigner(
            JWK.parseFromPEMEncodedObjects(
                    Files.readString(KubeApiServer.serviceAccountSigningKey()))
                .toRSAKey()));
    assertThat(post(fresh.serialize()).status()).isEqualTo(200);

    assertThat(post(forged.serialize()).status()).isEqualTo(401);
  }

  @Test
  void aStrategyOfAnotherNamespaceIsForbidden() {
    String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
    KubeApiServer.shared().createNamespace(other);
    KubeApiServer.shared().createServiceAccount(other, "sma-btc-strategy");
    String token = KubeApiServer.shared().requestToken(other, "sma-btc-strategy", AUDIENCE);

    ApiClient.Reply reply = post(token);

    assertThat(reply.status()).as(reply.raw()).isEqualTo(403);
    assertThat(reply.text("detail")).contains("namespace " + ENVIRONMENT);
  }

  @Test
  void aServiceAccountThatIsNoStrategysIsForbidden() {
    String token = strategyToken("dashboard", AUDIENCE);

    ApiClient.Reply reply = post(token);

    assertThat(reply.status()).as(reply.raw()).isEqualTo(403);
    assertThat(reply.text("detail")).contains("<strategy>-strategy");
  }

  @Test
  void withoutTheTokenReviewPermissionTheAnswerNamesTheClusterRoleToBind() throws IOException {
    String strategy = strategyToken("unreviewed-strategy", AUDIENCE);
    String own = Files.readString(OWN_TOKEN);
    KubeApiServer.shared().createServiceAccount(ENVIRONMENT, "auth-service-unbound");
    // auth-service re-reads its own token for every review (the kubelet rotates it): swap in an
    // unbound account's.
    KubeApiServer.write(
        OWN_TOKEN, KubeApiServer.shared().requestToken(ENVIRONMENT, "auth-service-unbound"));
    try {
      ApiClient.Reply reply = post(strategy);

      assertThat(reply.status()).as(reply.raw()).isEqualTo(503);
      assertThat(reply.text("detail")).contains("system:auth-delegator");
    } finally {
      KubeApiServer.write(OWN_TOKEN, own);
    }
    assertThat(post(strategy).status()).isEqualTo(200);
  }

  @Test
  void garbageIsRefusedAndAMissingTokenNamesTheField() {
    assertThat(post("not-a-token").status()).isEqualTo(401);

    ApiClient.Reply missing = client().post(PATH, ApiClient.json(), null);

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("detail")).contains("service_account_token");
  }

  private ApiClient.Reply post(String token) {
    return client().post(PATH, ApiClient.json().put("service_account_token", token), null);
  }

  /** Creates the service account in the environment's namespace and returns a real token of it. */
  private static String strategyToken(String serviceAccount, String... audiences) {
    KubeApiServer.shared().createServiceAccount(ENVIRONMENT, serviceAccount);
    return KubeApiServer.shared().requestToken(ENVIRONMENT, serviceAccount, audiences);
  }

  private static Path temp() {
    try {
      return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "auth-service-sa");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
