package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.EnvVars;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.alphintra.operator.common.RestrictedPods;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;

/**
 * The in-cluster PostgreSQL of a Development environment: credentials Secret, Service and
 * StatefulSet.
 */
public final class ManagedPostgres {
  public static final String URL_KEY = "url";
  public static final String USERNAME_KEY = "username";
  public static final String PASSWORD_KEY = "password";
  public static final String DATABASE = "alphintra";
  public static final int PORT = 5432;

  /** The postgres user of the alpine images. */
  static final long POSTGRES_USER_ID = 70L;

  private ManagedPostgres() {}

  /** The credentials Secret; the password is generated once by the caller and then kept. */
  public static Secret credentials(EnvironmentInputs in, String password) {
    var te = in.environment();
    String url = "jdbc:postgresql://" + EnvironmentNames.postgres(te) + ":" + PORT + "/" + DATABASE;
    return new SecretBuilder()
        .withMetadata(
            Owners.owned(
                te,
                EnvironmentNames.postgresSecret(te),
                Labels.of(in.name(), Component.DATABASE, null)))
        .withType("Opaque")
        .withStringData(Map.of(URL_KEY, url, USERNAME_KEY, DATABASE, PASSWORD_KEY, password))
        .build();
  }

  public static Service service(EnvironmentInputs in) {
    var te = in.environment();
    return new ServiceBuilder()
        .withMetadata(
            Owners.owned(
                te, EnvironmentNames.postgres(te), Labels.of(in.name(), Component.DATABASE, null)))
        .withNewSpec()
        .withSelector(Labels.selector(in.name(), Component.DATABASE))
        .addNewPort()
        .withName("postgres")
        .withPort(PORT)
        .withTargetPort(new IntOrString(PORT))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  public static StatefulSet statefulSet(EnvironmentInputs in) {
    var te = in.environment();
    String secret = EnvironmentNames.postgresSecret(te);
    var selector = Labels.selector(in.name(), Component.DATABASE);
    var labels = Labels.of(in.name(), Component.DATABASE, null);
    var container =
        new ContainerBuilder()
            .withName("postgres")
            .withImage(in.postgresImage())
            .addNewPort()
            .withName("postgres")
            .withContainerPort(PORT)
            .endPort()
            .withEnv(
                EnvVars.fromSecret("POSTGRES_USER", secret, USERNAME_KEY),
                EnvVars.fromSecret("POSTGRES_PASSWORD", secret, PASSWORD_KEY))
            .addNewEnv()
            .withName("POSTGRES_DB")
            .withValue(DATABASE)
            .endEnv()
            .addNewEnv()
            .withName("PGDATA")
            .withValue("/var/lib/postgresql/data/pgdata")
            .endEnv()
            .withResources(RestrictedPods.resources("100m", "256Mi", "1", "512Mi"))
            .withSecurityContext(RestrictedPods.containerSecurity())
            .withNewReadinessProbe()
            .withNewExec()
            .withCommand("pg_isready", "-U", DATABASE, "-d", DATABASE, "-h", "127.0.0.1")
            .endExec()
            .withPeriodSeconds(5)
            .withTimeoutSeconds(3)
            .withFailureThreshold(3)
            .endReadinessProbe()
            .withNewLivenessProbe()
            .withNewTcpSocket()
            .withPort(new IntOrString(PORT))
            .endTcpSocket()
            .withPeriodSeconds(10)
            .withFailureThreshold(6)
            .withInitialDelaySeconds(30)
            .endLivenessProbe()
            .addNewVolumeMount()
            .withName("data")
            .withMountPath("/var/lib/postgresql/data")
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("run")
            .withMountPath("/var/run/postgresql")
            .endVolumeMount()
            .addToVolumeMounts(RestrictedPods.mount(RestrictedPods.TMP_VOLUME, "/tmp"))
            .build();
    return new StatefulSetBuilder()
        .withMetadata(Owners.owned(te, EnvironmentNames.postgres(te), labels))
        .withNewSpec()
        .withReplicas(1)
        .withServiceName(EnvironmentNames.postgres(te))
        // Deleting the environment deletes the StatefulSet; its data volume goes with it.
        .withNewPersistentVolumeClaimRetentionPolicy()
        .withWhenDeleted("Delete")
        .withWhenScaled("Retain")
        .endPersistentVolumeClaimRetentionPolicy()
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(RestrictedPods.podSecurity(POSTGRES_USER_ID))
        .withContainers(container)
        .withVolumes(
            RestrictedPods.scratchVolume("run", "16Mi"),
            RestrictedPods.scratchVolume(RestrictedPods.TMP_VOLUME, "256Mi"))
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("data")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .withRequests(Map.of("storage", new Quantity(in.plan().managedDatabaseSize())))
                .endResources()
                .endSpec()
                .build())
        .endSpec()
        .build();
  }
}
