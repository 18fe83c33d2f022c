package io.alphintra.operator.strategy;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.Images;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.strategy.model.EngineReport;
import io.alphintra.operator.strategy.model.ResetHalt;
import io.alphintra.operator.strategy.model.RunningInstance;
import io.alphintra.operator.strategy.model.StrategyInputs;
import io.alphintra.operator.strategy.model.StrategyNames;
import io.alphintra.operator.strategy.model.StrategyObservation;
import io.alphintra.operator.strategy.model.StrategyResources;
import io.alphintra.operator.strategy.model.StrategyStatusModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The observe step of a Strategy reconcile: its environment and connection (by name, in the
 * informer cache) and whether they let it start, the instance its Deployment runs, and that
 * engine's own report from GET /status.
 */
final class StrategyObserver {
  /**
   * A poll younger than this is reused unless a switch or a command needs a fresh one: every status
   * write triggers a reconcile, and an engine's PnL moves with every price.
   */
  static final Duration REPORT_REUSE = Duration.ofSeconds(5);

  private final OperatorConfig config;
  private final EngineClient engine;
  private final CheckEndpoints endpoints;
  private final Map<String, Polled> lastPolls = new ConcurrentHashMap<>();

  StrategyObserver(OperatorConfig config, EngineClient engine, CheckEndpoints endpoints) {
    this.config = config;
    this.engine = engine;
    this.endpoints = endpoints;
  }

  /**
   * What the step decides from. The engine's report is polled afresh when the step may act on it
   * (always during a deletion, a switch in progress, a reset-halt request), else reused while
   * young.
   */
  StrategyObservation observe(
      Strategy strategy, Context<Strategy> context, boolean deleting, Instant now) {
    boolean fresh =
        deleting
            || ResetHalt.requested(strategy)
            || (strategy.getStatus() != null && strategy.getStatus().drain() != null);
    String namespace = strategy.getMetadata().getNamespace();
    String environmentName = strategy.getSpec().environmentRef().name();
    String connectionName = strategy.getSpec().brokerConnectionRef().name();
    Optional<TradingEnvironment> environment =
        StrategyEventSources.ENVIRONMENT.resolve(strategy, context);
    Optional<BrokerConnection> connection =
        StrategyEventSources.BROKER_CONNECTION.resolve(strategy, context);
    boolean live = strategy.getSpec().modeOrDefault() == TradingMode.Live;
    Problem blocker = null;
    if (environment.isEmpty()) {
      blocker =
          new Problem(
              StrategyStatusModel.ENVIRONMENT_NOT_FOUND,
              "TradingEnvironment "
                  + environmentName
                  + " named by spec.environmentRef does not exist in namespace "
                  + namespace
                  + ": create it or point environmentRef at an existing one");
    } else if (connection.isEmpty()) {
      blocker =
          new Problem(
              StrategyStatusModel.BROKER_CONNECTION_NOT_FOUND,
              "BrokerConnection "
                  + connectionName
                  + " named by spec.brokerConnectionRef does not exist in namespace "
                  + namespace
                  + ": create it or point brokerConnectionRef at an existing one");
    } else if (live
        && !ready(
            connection.get().getStatus() == null
                ? null
                : connection.get().getStatus().conditions())) {
      blocker =
          new Problem(
              StrategyStatusModel.BROKER_CONNECTION_NOT_READY,
              "Live mode needs a Ready BrokerConnection: "
                  + connectionName
                  + " (spec.brokerConnectionRef) is not Ready"
                  + why(
                      connection.get().getStatus() == null
                          ? null
                          : connection.get().getStatus().conditions())
                  + "; the strategy starts once it is");
    } else if (live
        && !ready(
            environment.get().getStatus() == null
                ? null
                : environment.get().getStatus().conditions())) {
      blocker =
          new Problem(
              StrategyStatusModel.ENVIRONMENT_NOT_READY,
              "Live mode needs a Ready TradingEnvironment: "
                  + environmentName
                  + " (spec.environmentRef) is not Ready"
                  + why(
                      environment.get().getStatus() == null
                          ? null
                          : environment.get().getStatus().conditions())
                  + "; the strategy starts once it is");
    }
    StrategyInputs inputs =
        environment
            .map(
                te ->
                    new StrategyInputs(
                        strategy,
                        environmentName,
                        Images.runningVersion(te),
                        Images.registry(te, config.imageRegistry()),
                        config.operatorNamespace()))
            .orElse(null);
    RunningInstance running = RunningInstance.of(deployment(strategy, context));
    EngineReport report = running != null && running.active() ? report(strategy, fresh, now) : null;
    return new StrategyObservation(strategy, inputs, blocker, running, report);
  }

  /** The engine's answer to a control action, remembered as its latest report. */
  EngineReport control(Strategy strategy, String action, Instant now) {
    EngineReport report = engine.control(url(strategy, action));
    lastPolls.put(strategy.getMetadata().getUid(), new Polled(now, report));
    return report;
  }

  /** Forgets the last report: the instance it came from is gone. */
  void forget(Strategy strategy) {
    lastPolls.remove(strategy.getMetadata().getUid());
  }

  private EngineReport report(Strategy strategy, boolean fresh, Instant now) {
    Polled last = lastPolls.get(strategy.getMetadata().getUid());
    if (!fresh && last != null && now.isBefore(last.at().plus(REPORT_REUSE))) {
      return last.report();
    }
    EngineReport report = engine.status(url(strategy, EngineClient.STATUS));
    lastPolls.put(strategy.getMetadata().getUid(), new Polled(now, report));
    // Running strategies are polled at least every few seconds; much older entries are deleted
    // ones.
    lastPolls.values().removeIf(p -> p.at().isBefore(now.minus(Duration.ofMinutes(10))));
    return report;
  }

  private URI url(Strategy strategy, String path) {
    return endpoints.resolve(
        strategy.getMetadata().getNamespace(),
        StrategyNames.engine(strategy),
        StrategyResources.HTTP_PORT,
        path);
  }

  private static Deployment deployment(Strategy strategy, Context<Strategy> context) {
    List<HasMetadata> owned = StrategyEventSources.OWNED.of(strategy, context);
    return owned.stream()
        .filter(o -> o instanceof Deployment)
        .map(Deployment.class::cast)
        .filter(d -> d.getMetadata().getName().equals(StrategyNames.engine(strategy)))
        .findFirst()
        .orElse(null);
  }

  private static boolean ready(List<Condition> conditions) {
    return Conditions.find(conditions, Condition.READY).map(Condition::holds).orElse(false);
  }

  private static String why(List<Condition> conditions) {
    return Conditions.find(conditions, Condition.READY)
        .map(c -> " (" + c.reason() + ": " + c.message() + ")")
        .orElse(" (it has no Ready condition yet)");
  }

  /**
   * @param at when the engine answered
   * @param report what it answered
   */
  private record Polled(Instant at, EngineReport report) {}
}
