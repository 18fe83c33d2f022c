package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.DatabaseSpec;
import io.alphintra.api.v1alpha1.ManagedDatabase;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** TradingEnvironments for tests. */
public final class Environments {
  private Environments() {}

  public static TradingEnvironment of(Tier tier) {
    DatabaseSpec database =
        tier == Tier.Development
            ? new DatabaseSpec(null, new ManagedDatabase("2Gi", null))
            : new DatabaseSpec(new DatabaseSecretRef("prod-db", null, null, null), null);
    return of(
        new TradingEnvironmentSpec(tier, "1.4.2", null, null, database, null, null, null, null));
  }

  public static TradingEnvironment of(TradingEnvironmentSpec spec) {
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(
        new ObjectMetaBuilder()
            .withName("desk")
            .withNamespace("trading")
            .withUid("uid-1")
            .withGeneration(3L)
            .build());
    te.setSpec(spec);
    return te;
  }

  public static EnvironmentInputs inputs(TradingEnvironment te, boolean customMetrics) {
    return inputs(te, customMetrics, AdmittedNamespaces.NONE);
  }

  public static EnvironmentInputs inputs(
      TradingEnvironment te, boolean customMetrics, AdmittedNamespaces admitted) {
    EnvironmentPlan plan = EnvironmentPlan.of(te, "registry.example.com/alphintra");
    return new EnvironmentInputs(
        te,
        plan,
        SteadyState.stacks(te, plan),
        SteadyState.activeColor(te),
        "secret-hash",
        "auth-secret-hash",
        customMetrics,
        "postgres:16.4-alpine",
        admitted,
        List.of());
  }

  /** The same inputs with these BrokerConnections bound to the environment. */
  public static EnvironmentInputs withConnections(EnvironmentInputs in, String... connections) {
    return new EnvironmentInputs(
        in.environment(),
        in.plan(),
        in.stacks(),
        in.previewColor(),
        in.databaseSecretHash(),
        in.authSecretHash(),
        in.customMetricsApi(),
        in.postgresImage(),
        in.admitted(),
        List.of(connections));
  }

  /** The rollout view of a steady environment. */
  public static RolloutView view(EnvironmentInputs in) {
    return new RolloutView(in.liveStack().color(), in.liveStack().version(), null, null, null);
  }
}
