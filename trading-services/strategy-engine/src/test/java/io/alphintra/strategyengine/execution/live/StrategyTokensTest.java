package io.alphintra.strategyengine.execution.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.alphintra.strategyengine.execution.VenueStartFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token exchange against a real HTTP endpoint shaped like auth-service's. */
class StrategyTokensTest {

  @TempDir Path dir;

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger issued = new AtomicInteger();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
  private final HttpServer server = start();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** expires_in 300: a fifth is 60 s, so it is renewed 240 s after it was issued. */
  @Test
  void theProjectedTokenIsExchangedAndRenewedWhenAFifthOfItsLifeIsLeft() throws IOException {
    Path projected = Files.writeString(dir.resolve("token"), "projected-1\n");
    StrategyTokens tokens = tokens(projected);

    assertThat(tokens.current()).isEqualTo("access-1");
    assertThat(bodies).containsExactly("{\"service_account_token\":\"projected-1\"}");

    clock.advance(Duration.ofSeconds(239));
    assertThat(tokens.current()).isEqualTo("access-1");

    // The kubelet rotated the projected token meanwhile: the renewal sends the new one.
    Files.writeString(projected, "projected-2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.current()).isEqualTo("access-2");
    assertThat(bodies.getLast()).isEqualTo("{\"service_account_token\":\"projected-2\"}");
  }

  @Test
  void aRefusedTokenIsAPermanentFailureWithAuthServicesWordsAndNoSecret() throws IOException {
    StrategyTokens tokens = tokens(Files.writeString(dir.resolve("token"), "projected-secret"));
    status.set(401);

    assertThatThrownBy(tokens::current)
        .isInstanceOf(VenueStartFailure.class)
        .hasMessageContaining("auth-service refused the strategy's service-account token (401)")
        .hasMessageContaining("audience 'alphintra'")
        .satisfies(e -> assertThat(((VenueStartFailure) e).permanent()).isTrue())
        .message()
        .doesNotContain("projected-secret");
  }

  @Test
  void aMissingProjectedTokenSaysWhereToMountIt() {
    StrategyTokens tokens = tokens(dir.resolve("absent"));

    assertThatThrownBy(tokens::current)
        .hasMessageContaining("cannot be read: project one (audience alphintra) there");
  }

  private StrategyTokens tokens(Path projected) {
    return new StrategyTokens(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/",
        projected,
        HttpClient.newHttpClient(),
        Duration.ofSeconds(5),
        clock);
  }

  private HttpServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext(
          "/api/v1/auth/strategy-token",
          exchange -> {
            bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body =
                status.get() == 200
                    ? "{\"access_token\":\"access-"
                        + issued.incrementAndGet()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                    : "{\"detail\":\"the service-account token is not valid for audience"
                        + " 'alphintra'\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      http.start();
      return http;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
