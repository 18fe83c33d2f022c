package io.alphintra.api.v1alpha1;

/**
 * The CEL transition rules ({@code oldSelf}) on {@code TradingEnvironment.spec}: updates the
 * running environment cannot survive are rejected at admission, with what to do instead.
 *
 * <p>They sit on {@code spec}, which every TradingEnvironment has, so they run on every update (a
 * transition rule on an optional field would run only when the old and the new object both set it),
 * and they compare what the operator derives from each spec (a managed database when there is no
 * {@code database.secretRef}, the tier's rollout strategy when {@code rollout.strategy} is unset),
 * not the raw fields. The API server skips them on create. Each holds when the spec is unchanged,
 * so status and metadata updates always pass.
 */
public final class TradingEnvironmentUpdateRules {

  // A spec without database.secretRef runs the managed PostgreSQL; Staging and Production always
  // set secretRef.
  static final String OLD_USES_EXTERNAL_DATABASE =
      "(has(oldSelf.database) && has(oldSelf.database.secretRef))";
  static final String NEW_USES_EXTERNAL_DATABASE =
      "(has(self.database) && has(self.database.secretRef))";

  static final String OLD_STORAGE_SIZE =
      "(has(oldSelf.database) && has(oldSelf.database.managed)"
          + " && has(oldSelf.database.managed.storageSize) ? oldSelf.database.managed.storageSize : '"
          + ManagedDatabase.DEFAULT_STORAGE_SIZE
          + "')";
  static final String NEW_STORAGE_SIZE =
      "(has(self.database) && has(self.database.managed)"
          + " && has(self.database.managed.storageSize) ? self.database.managed.storageSize : '"
          + ManagedDatabase.DEFAULT_STORAGE_SIZE
          + "')";

  // The tier's default strategy: RollingUpdate in Development, BlueGreen in Staging and Production.
  static final String OLD_ROLLOUT_STRATEGY =
      "(has(oldSelf.rollout) && has(oldSelf.rollout.strategy)"
          + " ? oldSelf.rollout.strategy : (oldSelf.tier == 'Development' ? 'RollingUpdate' : 'BlueGreen'))";
  static final String NEW_ROLLOUT_STRATEGY =
      "(has(self.rollout) && has(self.rollout.strategy)"
          + " ? self.rollout.strategy : (self.tier == 'Development' ? 'RollingUpdate' : 'BlueGreen'))";

  /**
   * The managed database's volume keeps its size: a StatefulSet's volume claim template is
   * immutable, so the operator could no longer update the StatefulSet, and with it the environment.
   */
  public static final String STORAGE_SIZE =
      OLD_USES_EXTERNAL_DATABASE
          + " || "
          + NEW_USES_EXTERNAL_DATABASE
          + " || "
          + NEW_STORAGE_SIZE
          + " == "
          + OLD_STORAGE_SIZE;

  public static final String STORAGE_SIZE_MESSAGE =
      "spec.database.managed.storageSize cannot change while the managed database exists (unset means "
          + ManagedDatabase.DEFAULT_STORAGE_SIZE
          + "; a StatefulSet's volume claim template is immutable): keep the"
          + " current size, or back up the database, delete and recreate the environment with the new size, and"
          + " restore the backup";

  /**
   * The tier leaves Development only once the environment uses an external database: Staging and
   * Production have no managed database, so the change would delete it and its volume.
   */
  public static final String TIER = OLD_USES_EXTERNAL_DATABASE + " || self.tier == 'Development'";

  public static final String TIER_MESSAGE =
      "spec.tier cannot leave Development while the environment runs a managed database (the change would delete"
          + " the database and its volume): copy the data to an external PostgreSQL and set spec.database.secretRef"
          + " to it while the tier is still Development (this removes the managed database), then change spec.tier";

  /**
   * The rollout strategy stays: BlueGreen runs colored Deployments, RollingUpdate one uncolored
   * Deployment per service, so a switch would replace every pod at once.
   */
  public static final String ROLLOUT_STRATEGY =
      NEW_ROLLOUT_STRATEGY + " == " + OLD_ROLLOUT_STRATEGY;

  public static final String ROLLOUT_STRATEGY_MESSAGE =
      "spec.rollout.strategy cannot switch between BlueGreen and RollingUpdate on an existing environment (it would"
          + " replace every pod at once; unset, it follows spec.tier: RollingUpdate in Development, BlueGreen"
          + " otherwise): set spec.rollout.strategy to the current strategy when changing spec.tier, or delete and"
          + " recreate the environment with the other strategy";

  private TradingEnvironmentUpdateRules() {}
}
