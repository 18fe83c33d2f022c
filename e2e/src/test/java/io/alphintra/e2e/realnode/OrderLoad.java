package io.alphintra.e2e.realnode;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The release-under-load E2E's client, in its own JVM: places orders on one trading-api account at
 * a fixed rate through the active Service, cancels the resting ones, and retries as a client does
 * (the same clientOrderId after a timeout, a 5xx or a connection error; a new login after a 401).
 * Every attempt and every operation's outcome is one JSON line in the output file, which the test
 * reads. It stops when its standard input ends and writes {@value #DONE_LINE} last.
 *
 * <p>Arguments: {@code <trading-api base URL> <auth-service base URL> <account> <orders per second>
 * <output file>}; it stops when its standard input is closed. The admin's username and password
 * come from {@code LOAD_USERNAME} and {@code LOAD_PASSWORD}.
 *
 * <p>Every fourth order is a MARKET order (it fills: BUY and SELL alternate), the others are LIMIT
 * BUYs far below the market that rest and are cancelled right after their placement returned. A
 * placement answered with an outcome trading-api has not established yet ({@code UNKNOWN} or {@code
 * PENDING_NEW}) is read until it has one, and cancelled if it rests, as a client that keeps its
 * open orders bounded does (the venue refuses more than 200 open orders per symbol).
 */
public final class OrderLoad {
  static final String DONE_LINE = "{\"kind\":\"done\"}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** How long one operation is retried before it counts as failed. */
  private static final Duration GIVE_UP = Duration.ofMinutes(3);

  /** The longest wait between two attempts of one operation. */
  private static final long MAX_BACKOFF_MILLIS = 4_000;

  private final URI tradingApi;
  private final URI authService;
  private final String account;
  private final BufferedWriter out;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(3))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private volatile String token;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private final AtomicLong sequence = new AtomicLong();

  private OrderLoad(URI tradingApi, URI authService, String account, Path output)
      throws IOException {
    this.tradingApi = tradingApi;
    this.authService = authService;
    this.account = account;
    this.out = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    OrderLoad load =
        new OrderLoad(URI.create(args[0]), URI.create(args[1]), args[2], Path.of(args[4]));
    double rate = Double.parseDouble(args[3]);
    load.login();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    var workers = Executors.newVirtualThreadPerTaskExecutor();
    ticker.scheduleAtFixedRate(
        () -> workers.submit(load::operation),
        0,
        Math.round(1_000_000 / rate),
        TimeUnit.MICROSECONDS);
    // The test closes this JVM's standard input to stop the load.
    while (System.in.read() != -1) {
      // nothing is sent on it
    }
    ticker.shutdown();
    workers.shutdown();
    // Operations in flight finish (or give up) before the file is closed.
    workers.awaitTermination(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS);
    load.write(DONE_LINE);
    load.out.close();
    System.exit(0);
  }

  /** One placement, and the cancel of the order when it rests. */
  private void operation() {
    long n = sequence.incrementAndGet();
    String clientOrderId = "load-" + runId + "-" + n;
    boolean market = n % 4 == 0;
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("clientOrderId", clientOrderId);
    order.put("symbol", "BTCUSDT");
    order.put("side", market ? (n % 8 == 0 ? "SELL" : "BUY") : "BUY");
    order.put("type", market ? "MARKET" : "LIMIT");
    order.put("quantity", "0.001");
    if (!market) {
      order.put("price", "30000");
    }
    String body;
    try {
      body = JSON.writeValueAsString(order);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Outcome placed =
        call(
            "place",
            clientOrderId,
            () ->
                HttpRequest.newBuilder(
                        tradingApi.resolve("/api/v1/accounts/" + account + "/orders"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)),
            code -> code == 200 || code == 201);
    String status = placed.orderStatus();
    if (placed.ok() && !market && UNSETTLED.contains(status)) {
      status = awaitEstablished(clientOrderId);
    }
    if (market || !placed.ok() || !RESTING.contains(status)) {
      return;
    }
    call(
        "cancel",
        clientOrderId,
        () ->
            HttpRequest.newBuilder(
                    tradingApi.resolve("/api/v1/accounts/" + account + "/orders/" + clientOrderId))
                .DELETE(),
        // 409: closed before the cancel arrived (or a retried cancel whose first attempt did it).
        code -> code == 200 || code == 409);
  }

  private record Outcome(boolean ok, String orderStatus) {}

  /** Statuses of a placement whose outcome trading-api has not established yet. */
  private static final Set<String> UNSETTLED = Set.of("UNKNOWN", "PENDING_NEW");

  /** Statuses of an order resting on the venue: the load cancels it. */
  private static final Set<String> RESTING = Set.of("NEW", "PARTIALLY_FILLED");

  /**
   * Reads the order until trading-api has established its outcome (its poller asks the venue), and
   * returns that status; the last one read if that takes longer than {@link #GIVE_UP}. A read that
   * fails is read again: the reads are not operations of the load.
   */
  private String awaitEstablished(String clientOrderId) {
    AtomicReference<String> last = new AtomicReference<>();
    try {
      return await("trading-api establishing " + clientOrderId)
          .atMost(GIVE_UP)
          .pollDelay(Duration.ofMillis(500))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(
              () -> {
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(
                                tradingApi.resolve(
                                    "/api/v1/accounts/" + account + "/orders/" + clientOrderId))
                            .timeout(REQUEST_TIMEOUT)
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401) {
                  login();
                } else if (response.statusCode() == 200) {
                  last.set(orderStatus(response.body()));
                }
                return last.get();
              },
              status -> status != null && !UNSETTLED.contains(status));
    } catch (ConditionTimeoutException e) {
      return last.get();
    }
  }

  private interface RequestFactory {
    HttpRequest.Builder build();
  }

  private interface Success {
    boolean test(int status);
  }

  private Outcome call(String op, String clientOrderId, RequestFactory factory, Success success) {
    long started = System.nanoTime();
    long startedAt = System.currentTimeMillis();
    int attempt = 0;
    String last = "";
    while (true) {
      attempt++;
      long attemptStarted = System.nanoTime();
      String result;
      int status = -1;
      String body = "";
      try {
        HttpResponse<String> response =
            http.send(
                factory
                    .build()
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        status = response.statusCode();
        body = response.body();
        result = Integer.toString(status);
      } catch (IOException e) {
        result = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result = "interrupted";
      }
      long attemptMicros = (System.nanoTime() - attemptStarted) / 1_000;
      attempt(
          op, clientOrderId, attempt, result, status >= 400 ? reason(body) : null, attemptMicros);
      last = result + (status >= 400 ? " " + abbreviate(body) : "");
      if (status > 0 && success.test(status)) {
        String orderStatus = orderStatus(body);
        result(op, clientOrderId, true, attempt, started, startedAt, result, orderStatus);
        return new Outcome(true, orderStatus);
      }
      // trading-api answers every error with a problem body naming its reason; a 404 without
      // one is not its answer about the order but a pod's web server shutting down (Tomcat with no
      // application mapped), reached on a kept-alive connection: retried like a failed connection.
      boolean retryable =
          status < 0 || status >= 500 || status == 401 || (status == 404 && reason(body) == null);
      if (!retryable || System.nanoTime() - started > GIVE_UP.toNanos()) {
        result(op, clientOrderId, false, attempt, started, startedAt, last, null);
        return new Outcome(false, null);
      }
      if (status == 401) {
        login();
      }
      // Exponential backoff with jitter, as a client does: retries of many operations must not
      // arrive together (trading-api sheds load beyond its in-flight limit with 503 OVERLOADED).
      long backoff = Math.min(MAX_BACKOFF_MILLIS, 200L << Math.min(attempt - 1, 5));
      backOff(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
    }
  }

  private static String orderStatus(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node.path("status").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The stable reason of trading-api's error answer (OVERLOADED, BROKER_UNAVAILABLE, …). */
  private static String reason(String body) {
    try {
      return JSON.readTree(body).path("reason").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  private void attempt(
      String op, String id, int attempt, String result, String reason, long micros) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "attempt");
    line.put("op", op);
    line.put("clientOrderId", id);
    line.put("attempt", attempt);
    line.put("result", result);
    line.put("reason", reason);
    line.put("micros", micros);
    line.put("at", System.currentTimeMillis());
    write(line);
  }

  private void result(
      String op,
      String id,
      boolean ok,
      int attempts,
      long started,
      long startedAt,
      String result,
      String orderStatus) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "result");
    line.put("op", op);
    line.put("clientOrderId", id);
    line.put("ok", ok);
    line.put("attempts", attempts);
    line.put("result", result);
    line.put("orderStatus", orderStatus);
    line.put("micros", (System.nanoTime() - started) / 1_000);
    line.put("at", startedAt);
    write(line);
  }

  private void write(Object line) {
    try {
      String text = line instanceof String s ? s : JSON.writeValueAsString(line);
      synchronized (out) {
        out.write(text);
        out.newLine();
        out.flush();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the load's output", e);
    }
  }

  /** Logs the admin in (again); retried like any request until auth-service answers. */
  private synchronized void login() {
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of(
                  "username", System.getenv("LOAD_USERNAME"),
                  "password", System.getenv("LOAD_PASSWORD")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest login =
        HttpRequest.newBuilder(authService.resolve("/api/v1/auth/login"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> answer =
        await("the admin login")
            .atMost(GIVE_UP)
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptionsInstanceOf(IOException.class)
            .until(
                () -> http.send(login, HttpResponse.BodyHandlers.ofString()),
                response -> response.statusCode() == 200);
    try {
      token = JSON.readTree(answer.body()).path("access_token").asText();
    } catch (IOException e) {
      throw new IllegalStateException("the login answer is not JSON", e);
    }
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
  }

  /**
   * The client's backoff between two attempts of one operation: the behaviour under test (how a
   * client retries), not a test waiting for a state.
   */
  private static void backOff(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
