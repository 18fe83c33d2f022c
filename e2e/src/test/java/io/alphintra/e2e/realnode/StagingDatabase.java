package io.alphintra.e2e.realnode;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The PostgreSQL a Staging environment of the release E2E uses (Staging takes an external one). */
final class StagingDatabase {
  private StagingDatabase() {}

  /** A PostgreSQL of the environment's own (Staging uses an external one), and its JDBC URL. */
  static String start(KubernetesClient client, String ns, String image, Duration timeout) {
    Map<String, String> labels = Map.of("app", "postgres");
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("postgres")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(labels)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withNewSecurityContext()
                .withRunAsUser(70L)
                .withRunAsGroup(70L)
                .withFsGroup(70L)
                .withRunAsNonRoot(true)
                .endSecurityContext()
                .addNewContainer()
                .withName("postgres")
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .addNewEnv()
                .withName("POSTGRES_USER")
                .withValue("alphintra")
                .endEnv()
                .addNewEnv()
                .withName("POSTGRES_PASSWORD")
                .withValue("release-e2e")
                .endEnv()
                .addNewEnv()
                .withName("POSTGRES_DB")
                .withValue("alphintra")
                .endEnv()
                .addNewEnv()
                .withName("PGDATA")
                .withValue("/var/lib/postgresql/data/pgdata")
                .endEnv()
                .addNewPort()
                .withContainerPort(5432)
                .endPort()
                .withNewReadinessProbe()
                .withNewExec()
                .withCommand("pg_isready", "-U", "alphintra", "-d", "alphintra", "-h", "127.0.0.1")
                .endExec()
                .withPeriodSeconds(2)
                .endReadinessProbe()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/var/lib/postgresql/data")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("run")
                .withMountPath("/var/run/postgresql")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addNewVolume()
                .withName("run")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addNewVolume()
                .withName("tmp")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .services()
        .inNamespace(ns)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("postgres")
                .endMetadata()
                .withNewSpec()
                .withSelector(labels)
                .addNewPort()
                .withPort(5432)
                .withTargetPort(new IntOrString(5432))
                .endPort()
                .endSpec()
                .build())
        .create();
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("postgres")
        .waitUntilCondition(
            d ->
                d != null
                    && d.getStatus() != null
                    && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    return "jdbc:postgresql://postgres." + ns + ".svc:5432/alphintra";
  }
}
