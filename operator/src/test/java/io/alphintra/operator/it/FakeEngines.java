package io.alphintra.operator.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the strategy-engine pods of one namespace, on an API server without kubelets: the
 * engine's HTTP surface (GET /status, POST /control/{suspend,resume,drain}) served over real HTTP
 * with the contract's state machine (RUNNING → DRAINING → DRAINED, SUSPENDED, HALTED). It plays the
 * Deployment controller too: every 100 ms it reads each strategy Deployment, and a changed pod
 * template (or a new instance number) starts a new engine that reads the revision from the mounted
 * strategy.json; zero replicas stop it. Replacing or stopping an engine that had not reported
 * DRAINED is recorded as a violation: two instances could then have traded at once.
 */
final class FakeEngines implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final HttpServer server;
  private final Map<String, Engine> engines = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> timeline = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

  /** One strategy's engine pod; {@code template} is null while none runs. */
  private static final class Engine {
    String template;
    String phase;
    String revision;
    String haltReason;
    int openOrders;
    boolean holdDrain;
    int started;
    int statusRequests;
  }

  private FakeEngines(KubernetesClient client, String namespace, HttpServer server) {
    this.client = client;
    this.namespace = namespace;
    this.server = server;
  }

  static FakeEngines start(KubernetesClient client, String namespace) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FakeEngines engines = new FakeEngines(client, namespace, server);
      server.createContext("/", engines::handle);
      server.start();
      engines.ticker.scheduleWithFixedDelay(engines::tick, 0, 100, TimeUnit.MILLISECONDS);
      return engines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where the operator's calls go: a strategy's Service to this server, under the strategy's name;
   * every other Service to {@code others}.
   */
  CheckEndpoints endpoints(CheckEndpoints others) {
    int port = server.getAddress().getPort();
    return (ns, service, servicePort, path) ->
        service.endsWith("-strategy")
            ? URI.create(
                "http://127.0.0.1:"
                    + port
                    + "/"
                    + service.substring(0, service.length() - "-strategy".length())
                    + path)
            : others.resolve(ns, service, servicePort, path);
  }

  /** While held, a drain stays DRAINING (open orders still being cancelled). */
  void holdDrain(String strategy, boolean hold) {
    Engine e = engine(strategy);
    synchronized (e) {
      e.holdDrain = hold;
    }
  }

  /** The engine breaches a risk limit and halts. */
  void halt(String strategy, String reason) {
    Engine e = engine(strategy);
    synchronized (e) {
      e.phase = "HALTED";
      e.haltReason = reason;
      timeline.add(strategy + " halted");
    }
  }

  /** The engine's phase, or null while no pod runs. */
  String phase(String strategy) {
    Engine e = engine(strategy);
    synchronized (e) {
      return e.template == null ? null : e.phase;
    }
  }

  String revision(String strategy) {
    Engine e = engine(strategy);
    synchronized (e) {
      return e.revision;
    }
  }

  /** Engines started so far for the strategy. */
  int started(String strategy) {
    Engine e = engine(strategy);
    synchronized (e) {
      return e.started;
    }
  }

  /** GET /status requests answered so far for the strategy. */
  int statusRequests(String strategy) {
    Engine e = engine(strategy);
    synchronized (e) {
      return e.statusRequests;
    }
  }

  /** What happened, in order: starts, drain requests, drains, resumes, stops. */
  List<String> timeline() {
    return List.copyOf(timeline);
  }

  /** Moments an engine was replaced or stopped before it reported DRAINED. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  private Engine engine(String strategy) {
    return engines.computeIfAbsent(strategy, s -> new Engine());
  }

  private void tick() {
    try {
      for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
        String strategy =
            Optional.ofNullable(d.getMetadata().getLabels())
                .map(l -> l.get("trading.alphintra.io/strategy"))
                .orElse(null);
        if (strategy != null) {
          observe(strategy, d);
        }
      }
      engines.forEach(
          (name, e) -> {
            synchronized (e) {
              if ("DRAINING".equals(e.phase) && !e.holdDrain) {
                e.phase = "DRAINED";
                e.openOrders = 0;
                timeline.add(name + " drained");
              }
            }
          });
    } catch (KubernetesClientException | IllegalStateException e) {
      // the API server is going away at the end of a test
    } catch (RuntimeException e) {
      // keep ticking: a failed tick is retried 100 ms later
      timeline.add("tick failed: " + e);
    }
  }

  private void observe(String strategy, Deployment d) {
    int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    Map<String, String> annotations =
        Optional.ofNullable(d.getSpec().getTemplate().getMetadata().getAnnotations())
            .orElse(Map.of());
    String template =
        annotations.get("trading.alphintra.io/template-hash")
            + "/"
            + annotations.get("trading.alphintra.io/strategy-instance");
    Engine e = engine(strategy);
    synchronized (e) {
      if (replicas == 0) {
        if (e.template != null) {
          if (!"DRAINED".equals(e.phase)) {
            violations.add(strategy + " scaled to zero while " + e.phase);
          }
          e.template = null;
          timeline.add(strategy + " stopped");
        }
        return;
      }
      if (template.equals(e.template)) {
        return;
      }
      if (e.template != null && !"DRAINED".equals(e.phase)) {
        violations.add(strategy + " replaced while " + e.phase + " (revision " + e.revision + ")");
      }
      ConfigMap config =
          client.configMaps().inNamespace(namespace).withName(strategy + "-strategy-config").get();
      if (config == null) {
        return;
      }
      String revision;
      try {
        revision = JSON.readTree(config.getData().get("strategy.json")).get("revision").asText();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      e.template = template;
      e.phase = "RUNNING";
      e.revision = revision;
      e.haltReason = null;
      e.openOrders = 1;
      e.started++;
      timeline.add(strategy + " started " + revision);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String[] parts = exchange.getRequestURI().getPath().split("/", 3);
    String strategy = parts.length > 1 ? parts[1] : "";
    String path = parts.length > 2 ? "/" + parts[2] : "/";
    Engine e = engine(strategy);
    int code;
    String body;
    synchronized (e) {
      if (e.template == null) {
        code = 503;
        body = null;
      } else if (exchange.getRequestMethod().equals("GET") && path.equals("/status")) {
        e.statusRequests++;
        code = 200;
        body = status(e);
      } else if (exchange.getRequestMethod().equals("POST") && path.startsWith("/control/")) {
        String action = path.substring("/control/".length());
        code = 202;
        switch (action) {
          case "drain" -> {
            timeline.add(strategy + " drain requested");
            if (!"DRAINED".equals(e.phase)) {
              e.phase = "DRAINING";
            }
          }
          case "suspend" -> {
            if (!"DRAINING".equals(e.phase) && !"DRAINED".equals(e.phase)) {
              e.phase = "SUSPENDED";
              e.openOrders = 0;
            }
          }
          case "resume" -> {
            if ("SUSPENDED".equals(e.phase) || "HALTED".equals(e.phase)) {
              e.phase = "RUNNING";
              e.haltReason = null;
              timeline.add(strategy + " resumed");
            }
          }
          default -> code = 404;
        }
        body = code == 404 ? "{\"error\":\"unknown action " + action + "\"}" : status(e);
      } else {
        code = 404;
        body = "{\"error\":\"not found\"}";
      }
    }
    if (body == null) {
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String status(Engine e) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", e.phase);
    status.put("revision", e.revision);
    status.put("mode", "Paper");
    status.put("realizedPnl", "12.34");
    status.put("unrealizedPnl", "-1.5");
    status.put(
        "positions",
        List.of(
            Map.of(
                "symbol", "BTCUSDT",
                "quantity", "0.02",
                "averagePrice", "30123.4",
                "unrealizedPnl", "-1.5")));
    status.put("ordersToday", 17);
    status.put("openOrders", e.openOrders);
    status.put("lastSignalTime", "2026-11-30T12:00:00Z");
    status.put("haltReason", e.haltReason);
    status.put("failureReason", null);
    try {
      return JSON.writeValueAsString(status);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop(0);
  }
}
