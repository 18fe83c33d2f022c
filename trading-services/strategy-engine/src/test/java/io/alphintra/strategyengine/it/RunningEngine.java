package io.alphintra.strategyengine.it;

import io.alphintra.strategyengine.StrategyEngineApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The strategy-engine application on a random port, with a strategy.json written for the test. */
final class RunningEngine implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final ConfigurableApplicationContext context;

  private RunningEngine(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts an engine for {@code strategyJson}; {@code overrides} are {@code key=value}. */
  static RunningEngine start(String strategyJson, String connectorUrl, String... overrides) {
    try {
      Path config =
          Files.createTempDirectory(Path.of("target").toAbsolutePath(), "strategy")
              .resolve("strategy.json");
      Files.writeString(config, strategyJson);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--server.port=0",
                  "--alphintra.strategy.config-file=" + config,
                  "--alphintra.strategy.connector-url=" + connectorUrl,
                  "--alphintra.strategy.poll-interval=200ms"));
      for (String override : overrides) {
        args.add("--" + override);
      }
      return new RunningEngine(
          new SpringApplicationBuilder(StrategyEngineApplication.class)
              .run(args.toArray(String[]::new)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SmaCrossover strategy.json on BTCUSDT with 1-second candles. */
  static String smaCrossover(String name, String mode, String risk) {
    return """
        {"namespace":"it","name":"%s","revision":"rev-%s","type":"SmaCrossover",
         "parameters":{"fastPeriod":2,"slowPeriod":3,"orderQuantity":"0.01"},
         "symbols":["BTCUSDT"],"mode":"%s","risk":%s,"capital":"10000","candleInterval":"PT1S"}
        """
        .formatted(name, name, mode, risk);
  }

  /** A Paper MeanReversion strategy.json on BTCUSDT with 1-second candles. */
  static String meanReversion(String name) {
    return """
        {"namespace":"it","name":"%s","revision":"rev-%s","type":"MeanReversion",
         "parameters":{"lookbackPeriod":5,"entryZScore":"1.2","exitZScore":"0.3",
                       "orderQuantity":"0.01"},
         "symbols":["BTCUSDT"],"mode":"Paper","capital":"10000","candleInterval":"PT1S"}
        """
        .formatted(name, name);
  }

  /** An HTTP answer from the engine. */
  record Reply(int status, JsonNode body) {}

  JsonNode status() {
    return get("/status").body();
  }

  String phase() {
    return status().path("phase").asString();
  }

  Reply control(String action) {
    return send(
        HttpRequest.newBuilder(uri("/control/" + action))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** Sum of a Prometheus series' samples whose labels contain every fragment. */
  double metric(String name, String... labelFragments) {
    String text;
    try {
      text =
          HTTP.send(
                  HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Matcher matcher =
        Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(text);
    double sum = 0;
    while (matcher.find()) {
      String labels = matcher.group(1) == null ? "" : matcher.group(1);
      boolean matches = true;
      for (String fragment : labelFragments) {
        matches &= labels.contains(fragment);
      }
      if (matches) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  private URI uri(String path) {
    return URI.create(
        "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      return new Reply(
          response.statusCode(), JSON.readTree(raw == null || raw.isEmpty() ? "{}" : raw));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
