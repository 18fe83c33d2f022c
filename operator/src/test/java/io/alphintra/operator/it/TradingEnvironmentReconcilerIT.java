package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.DatabaseSpec;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.ManagedDatabase;
import io.alphintra.api.v1alpha1.RolloutSpec;
import io.alphintra.api.v1alpha1.RolloutStrategy;
import io.alphintra.api.v1alpha1.ServiceSpec;
import io.alphintra.api.v1alpha1.ServicesSpec;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.PodAnnotations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The TradingEnvironment reconciler against a real kube-apiserver; the test plays the Deployment
 * controller.
 */
class TradingEnvironmentReconcilerIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private OperatorMain operator;
  private String namespace;

  @BeforeEach
  void startOperator(TestInfo test) {
    namespace = api.newNamespace("te");
    operator = startOperator();
  }

  @AfterEach
  void stopOperator(TestInfo test) {
    if (operator != null) {
      operator.close();
    }
    dumpOnFailure();
  }

  private OperatorMain startOperator() {
    return startOperator(namespace, null);
  }

  @Test
  void createsEveryChildWithOwnerReferencesAndReportsReadyOncePodsAreReady() {
    var te =
        create(
            "desk",
            new TradingEnvironmentSpec(
                Tier.Development,
                "1.0.0",
                null,
                null,
                new DatabaseSpec(null, new ManagedDatabase(null, null)),
                null,
                null,
                null,
                null));

    Deployment api =
        await().atMost(TIMEOUT).until(() -> deployment("desk-trading-api"), d -> d != null);
    assertThat(api.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.test/alphintra/trading-api:1.0.0");
    assertThat(api.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertOwned(
                  client
                      .serviceAccounts()
                      .inNamespace(namespace)
                      .withName("desk-auth-service")
                      .get(),
                  te);
              assertOwned(
                  client.configMaps().inNamespace(namespace).withName("desk-trading-api").get(),
                  te);
              assertOwned(
                  client.services().inNamespace(namespace).withName("desk-trading-api").get(), te);
              assertOwned(
                  client
                      .apps()
                      .statefulSets()
                      .inNamespace(namespace)
                      .withName("desk-postgres")
                      .get(),
                  te);
              assertOwned(
                  client
                      .secrets()
                      .inNamespace(namespace)
                      .withName("desk-postgres-credentials")
                      .get(),
                  te);
              assertOwned(deployment("desk-auth-service"), te);
            });
    assertThat(phase("desk")).isNotEqualTo(EnvironmentPhase.Ready);

    markReady("desk-trading-api", "desk-auth-service");
    markDatabaseReady("desk-postgres");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var status = environment("desk").getStatus();
              assertThat(status.phase()).isEqualTo(EnvironmentPhase.Ready);
              assertThat(condition("desk", Condition.READY).holds()).isTrue();
              assertThat(status.observedGeneration())
                  .isEqualTo(environment("desk").getMetadata().getGeneration());
            });
    assertThat(client.v1().events().inNamespace(namespace).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("AllServicesReady"));
  }

  @Test
  void managedDatabasePasswordStaysStableAcrossReconcilesAndRestarts() {
    create(
        "desk",
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    Secret first =
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    client
                        .secrets()
                        .inNamespace(namespace)
                        .withName("desk-postgres-credentials")
                        .get(),
                s -> s != null);

    operator.close();
    operator = startOperator();
    edit("desk", te -> te.getMetadata().setLabels(Map.of("touched", "yes")));
    update(
        "desk",
        spec ->
            new TradingEnvironmentSpec(
                spec.tier(), "1.0.1", null, null, null, null, null, null, null));
    await().atMost(TIMEOUT).until(() -> image("desk-trading-api").endsWith(":1.0.1"));

    Secret after =
        client.secrets().inNamespace(namespace).withName("desk-postgres-credentials").get();
    assertThat(after.getData()).isEqualTo(first.getData());
    assertThat(client.secrets().inNamespace(namespace).list().getItems())
        .filteredOn(s -> s.getMetadata().getName().startsWith("desk-postgres"))
        .hasSize(1);
  }

  @Test
  void authServiceSecretsAreGeneratedOnceMountedAndItsTokenReviewBindingGoesWithTheEnvironment()
      throws Exception {
    var te =
        create(
            "desk",
            new TradingEnvironmentSpec(
                Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    Secret keys =
        await().atMost(TIMEOUT).until(() -> secret("desk-auth-signing-key"), s -> s != null);
    Secret admin = await().atMost(TIMEOUT).until(() -> secret("desk-auth-admin"), s -> s != null);
    assertOwned(keys, te);
    assertOwned(admin, te);
    String kid = decode(keys.getData().get("active-kid"));
    assertThat(keys.getData()).containsOnlyKeys("active-kid", kid + ".pem");
    String pem = decode(keys.getData().get(kid + ".pem"));
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    var key =
        (RSAPrivateCrtKey)
            KeyFactory.getInstance("RSA")
                .generatePrivate(
                    new PKCS8EncodedKeySpec(
                        Base64.getMimeDecoder()
                            .decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""))));
    assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    assertThat(decode(admin.getData().get("username"))).isEqualTo("admin");
    assertThat(decode(admin.getData().get("password"))).hasSizeGreaterThanOrEqualTo(32);

    Deployment auth =
        await().atMost(TIMEOUT).until(() -> deployment("desk-auth-service"), d -> d != null);
    assertThat(auth.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName())
        .containsExactlyInAnyOrder("desk-auth-signing-key", "desk-auth-admin");
    assertThat(auth.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .contains("/etc/alphintra/auth/keys", "/etc/alphintra/auth/admin");
    String binding = "alphintra-" + namespace + "-desk-auth-delegator";
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var crb = client.rbac().clusterRoleBindings().withName(binding).get();
              assertThat(crb).as("TokenReview binding").isNotNull();
              assertThat(crb.getRoleRef().getName()).isEqualTo("system:auth-delegator");
              assertThat(crb.getSubjects())
                  .singleElement()
                  .satisfies(
                      s -> {
                        assertThat(s.getName()).isEqualTo("desk-auth-service");
                        assertThat(s.getNamespace()).isEqualTo(namespace);
                      });
            });
    assertThat(environment("desk").getMetadata().getFinalizers()).isNotEmpty();

    // A restart and a spec change regenerate nothing.
    operator.close();
    operator = startOperator();
    update(
        "desk",
        spec ->
            new TradingEnvironmentSpec(
                spec.tier(), "1.0.1", null, null, null, null, null, null, null));
    await().atMost(TIMEOUT).until(() -> image("desk-auth-service").endsWith(":1.0.1"));
    assertThat(secret("desk-auth-signing-key").getData()).isEqualTo(keys.getData());
    assertThat(secret("desk-auth-admin").getData()).isEqualTo(admin.getData());

    // A binding deleted by hand comes back.
    client.rbac().clusterRoleBindings().withName(binding).delete();
    edit("desk", e -> e.getMetadata().setLabels(Map.of("touched", "yes")));
    await()
        .atMost(TIMEOUT)
        .until(() -> client.rbac().clusterRoleBindings().withName(binding).get() != null);

    client.resources(TradingEnvironment.class).inNamespace(namespace).withName("desk").delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(client.rbac().clusterRoleBindings().withName(binding).get()).isNull();
              assertThat(environment("desk")).as("finalizer removed").isNull();
            });
  }

  @Test
  void changingTierReplicasAndVersionUpdatesChildrenInPlace() {
    create(
        "desk",
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    await().atMost(TIMEOUT).until(() -> deployment("desk-trading-api") != null);
    String uid = deployment("desk-trading-api").getMetadata().getUid();

    update(
        "desk",
        spec ->
            new TradingEnvironmentSpec(
                Tier.Development,
                "1.1.0",
                null,
                new ServicesSpec(null, new ServiceSpec(2, null, null)),
                null,
                null,
                null,
                null,
                null));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Deployment d = deployment("desk-trading-api");
              assertThat(d.getMetadata().getUid())
                  .as("updated in place, not recreated")
                  .isEqualTo(uid);
              assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .endsWith(":1.1.0");
            });

    // Leaving Development is done the way admission asks: first move to an external database, then
    // change the tier
    // keeping the rollout strategy.
    createDatabaseSecret(
        "prod-db", Map.of("url", "jdbc:postgresql://db:5432/a", "username", "u", "password", "p"));
    var external = new DatabaseSpec(new DatabaseSecretRef("prod-db", null, null, null), null);
    update(
        "desk",
        spec ->
            new TradingEnvironmentSpec(
                Tier.Development,
                "1.1.0",
                null,
                spec.services(),
                external,
                null,
                null,
                null,
                null));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.apps().statefulSets().inNamespace(namespace).withName("desk-postgres").get()
                    == null);
    update(
        "desk",
        spec ->
            new TradingEnvironmentSpec(
                Tier.Staging,
                "1.1.0",
                null,
                null,
                external,
                new RolloutSpec(
                    RolloutStrategy.RollingUpdate, null, null, null, null, null, null, null, null),
                null,
                null,
                null));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(deployment("desk-trading-api").getMetadata().getUid())
                  .as("still updated in place")
                  .isEqualTo(uid);
              var hpa =
                  client
                      .autoscaling()
                      .v2()
                      .horizontalPodAutoscalers()
                      .inNamespace(namespace)
                      .withName("desk-trading-api")
                      .get();
              assertThat(hpa).as("the Staging tier's autoscaler").isNotNull();
              assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
              assertThat(
                      client
                          .policy()
                          .v1()
                          .podDisruptionBudget()
                          .inNamespace(namespace)
                          .withName("desk-trading-api")
                          .get())
                  .isNotNull();
              assertThat(
                      client
                          .network()
                          .v1()
                          .networkPolicies()
                          .inNamespace(namespace)
                          .withName("desk-default-deny")
                          .get())
                  .isNotNull();
            });
  }

  @Test
  void missingDatabaseSecretIsReportedByNameAndRecoversWhenItAppears() {
    create(
        "desk",
        new TradingEnvironmentSpec(
            Tier.Staging,
            "1.0.0",
            null,
            null,
            new DatabaseSpec(new DatabaseSecretRef("prod-db", null, null, null), null),
            null,
            null,
            null,
            null));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Condition ready = condition("desk", Condition.READY);
              assertThat(ready.reason()).isEqualTo("DatabaseSecretMissing");
              assertThat(ready.message())
                  .contains("prod-db")
                  .contains("url, username and password");
            });
    assertThat(deployment("desk-trading-api-blue")).as("nothing half-applied").isNull();

    createDatabaseSecret("prod-db", Map.of("url", "jdbc:postgresql://db:5432/a", "username", "u"));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(condition("desk", Condition.READY).message())
                    .contains("lacks the key(s) password"));

    client
        .secrets()
        .inNamespace(namespace)
        .withName("prod-db")
        .edit(
            s -> {
              s.getData()
                  .put(
                      "password",
                      java.util.Base64.getEncoder().encodeToString("s3cret-value".getBytes()));
              return s;
            });
    await().atMost(TIMEOUT).until(() -> deployment("desk-trading-api-blue") != null);
    String hash =
        deployment("desk-trading-api-blue")
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(PodAnnotations.SECRET_HASH);
    assertThat(environment("desk").getStatus().toString()).doesNotContain("s3cret-value");

    client
        .secrets()
        .inNamespace(namespace)
        .withName("prod-db")
        .edit(
            s -> {
              s.getData()
                  .put(
                      "password",
                      java.util.Base64.getEncoder().encodeToString("rotated".getBytes()));
              return s;
            });
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                !hash.equals(
                    deployment("desk-trading-api-blue")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(PodAnnotations.SECRET_HASH)));
  }

  @Test
  void environmentCreatedAfterItsDatabaseSecretUsesItAndFollowsItsRotation() {
    createDatabaseSecret(
        "prod-db", Map.of("url", "jdbc:postgresql://db:5432/a", "username", "u", "password", "p"));

    create(
        "desk",
        new TradingEnvironmentSpec(
            Tier.Staging,
            "1.0.0",
            null,
            null,
            new DatabaseSpec(new DatabaseSecretRef("prod-db", null, null, null), null),
            null,
            null,
            null,
            null));

    Deployment blue =
        await().atMost(TIMEOUT).until(() -> deployment("desk-trading-api-blue"), d -> d != null);
    String hash =
        blue.getSpec().getTemplate().getMetadata().getAnnotations().get(PodAnnotations.SECRET_HASH);
    assertThat(hash).isNotEmpty();
    client
        .secrets()
        .inNamespace(namespace)
        .withName("prod-db")
        .edit(
            s -> {
              s.getData()
                  .put(
                      "password",
                      java.util.Base64.getEncoder().encodeToString("rotated".getBytes()));
              return s;
            });
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                !hash.equals(
                    deployment("desk-trading-api-blue")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(PodAnnotations.SECRET_HASH)));
  }

  @Test
  void childDeletedByHandIsRecreatedAndAnOwnedFieldEditedByHandIsRestored() {
    create(
        "desk",
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    await().atMost(TIMEOUT).until(() -> deployment("desk-trading-api") != null);

    client.services().inNamespace(namespace).withName("desk-trading-api").delete();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.services().inNamespace(namespace).withName("desk-trading-api").get()
                    != null);

    Conflicts.retry(
        () ->
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName("desk-trading-api")
                .edit(
                    d -> {
                      d.getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .setImage("evil/image:latest");
                      return d;
                    }));
    await()
        .atMost(TIMEOUT)
        .until(() -> image("desk-trading-api").equals("registry.test/alphintra/trading-api:1.0.0"));
  }

  @Test
  void restartedOperatorConvergesWithoutDuplicates() {
    create(
        "desk",
        new TradingEnvironmentSpec(
            Tier.Staging,
            "1.0.0",
            null,
            null,
            new DatabaseSpec(new DatabaseSecretRef("prod-db", null, null, null), null),
            null,
            null,
            null,
            null));
    createDatabaseSecret(
        "prod-db", Map.of("url", "jdbc:postgresql://db:5432/a", "username", "u", "password", "p"));
    await().atMost(TIMEOUT).until(() -> deployment("desk-auth-service-blue") != null);
    operator.close();
    // A pod-template change other than the version is applied to the live color in place (a version
    // change would
    // start a blue-green rollout: revision 1 is in status before any Deployment exists).
    update(
        "desk",
        spec ->
            new TradingEnvironmentSpec(
                spec.tier(),
                "1.0.0",
                "mirror.test/alphintra",
                null,
                spec.database(),
                null,
                null,
                null,
                null));

    operator = startOperator();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                image("desk-auth-service-blue").equals("mirror.test/alphintra/auth-service:1.0.0"));
    markReady("desk-trading-api-blue", "desk-auth-service-blue");
    await().atMost(TIMEOUT).until(() -> phase("desk") == EnvironmentPhase.Ready);

    assertThat(client.apps().deployments().inNamespace(namespace).list().getItems())
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder("desk-auth-service-blue", "desk-trading-api-blue");
    assertThat(client.services().inNamespace(namespace).list().getItems()).hasSize(4);
    assertThat(client.network().v1().networkPolicies().inNamespace(namespace).list().getItems())
        .hasSize(6);
  }

  @Test
  void secondEnvironmentInANamespaceIsRejectedAsDuplicate() {
    create(
        "first",
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    await().atMost(TIMEOUT).until(() -> deployment("first-trading-api") != null);
    create(
        "second",
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Condition ready = condition("second", Condition.READY);
              assertThat(ready.reason()).isEqualTo("DuplicateEnvironment");
              assertThat(ready.message()).contains("first");
            });
    assertThat(deployment("second-trading-api")).isNull();
  }

  // --- helpers
  // -------------------------------------------------------------------------------------------------

  private TradingEnvironment create(String name, TradingEnvironmentSpec spec) {
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    te.setSpec(spec);
    return client.resource(te).create();
  }

  private void update(
      String name, java.util.function.UnaryOperator<TradingEnvironmentSpec> change) {
    edit(name, te -> te.setSpec(change.apply(te.getSpec())));
  }

  private void edit(String name, java.util.function.Consumer<TradingEnvironment> change) {
    Conflicts.retry(
        () ->
            client
                .resources(TradingEnvironment.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(
                    te -> {
                      change.accept(te);
                      return te;
                    }));
  }

  private TradingEnvironment environment(String name) {
    return client.resources(TradingEnvironment.class).inNamespace(namespace).withName(name).get();
  }

  private EnvironmentPhase phase(String name) {
    var te = environment(name);
    return te.getStatus() == null ? null : te.getStatus().phase();
  }

  private Condition condition(String name, String type) {
    var status = environment(name).getStatus();
    assertThat(status).as("status of " + name).isNotNull();
    Optional<Condition> found = Conditions.find(status.conditions(), type);
    assertThat(found).as(type + " condition").isPresent();
    return found.get();
  }

  private Secret secret(String name) {
    return client.secrets().inNamespace(namespace).withName(name).get();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private String image(String deployment) {
    Deployment d = deployment(deployment);
    return d == null ? "" : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private void createDatabaseSecret(String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }

  /** Does what the Deployment controller and kubelets would: reports every desired pod ready. */
  private void markReady(String... deployments) {
    for (String name : deployments) {
      await().atMost(TIMEOUT).until(() -> deployment(name) != null);
      client
          .apps()
          .deployments()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(
              d -> {
                int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
                d.setStatus(
                    new DeploymentStatusBuilder()
                        .withObservedGeneration(d.getMetadata().getGeneration())
                        .withReplicas(replicas)
                        .withReadyReplicas(replicas)
                        .withUpdatedReplicas(replicas)
                        .withAvailableReplicas(replicas)
                        .build());
                return d;
              });
    }
  }

  private void markDatabaseReady(String name) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> client.apps().statefulSets().inNamespace(namespace).withName(name).get() != null);
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            s -> {
              s.setStatus(
                  new StatefulSetStatusBuilder()
                      .withReplicas(1)
                      .withReadyReplicas(1)
                      .withAvailableReplicas(1)
                      .build());
              return s;
            });
  }

  private static void assertOwned(HasMetadata child, TradingEnvironment te) {
    assertThat(child).as("child exists").isNotNull();
    assertThat(child.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getUid()).isEqualTo(te.getMetadata().getUid());
              assertThat(ref.getController()).isTrue();
            });
  }

  private void dumpOnFailure() {
    try {
      for (var te :
          client.resources(TradingEnvironment.class).inNamespace(namespace).list().getItems()) {
        System.out.println(
            "TradingEnvironment " + te.getMetadata().getName() + " status: " + te.getStatus());
      }
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .list()
          .getItems()
          .forEach(
              e ->
                  System.out.println(
                      "event " + e.getType() + " " + e.getReason() + ": " + e.getMessage()));
    } catch (RuntimeException e) {
      System.out.println("could not dump state: " + e.getMessage());
    }
  }
}
