package io.alphintra.brokerconnector.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeedLivenessTest {
  private static final long MS = 1_000_000;

  private final AtomicLong now = new AtomicLong(5_000 * MS);
  private final List<ByteBuffer> pings = new ArrayList<>();
  private final FeedLiveness liveness = new FeedLiveness(Duration.ofSeconds(3), now::get);

  @Test
  void aTooShortTimeoutIsRefusedNamingTheSettingAndTheFix() {
    assertThatThrownBy(
            () ->
                FeedLiveness.checked(
                    "alphintra.broker.market-data-idle-timeout", Duration.ofMillis(299)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alphintra.broker.market-data-idle-timeout must be at least 300ms")
        .hasMessageContaining("PT0.299S")
        .hasMessageContaining("30s to 60s");
    assertThat(FeedLiveness.checked("x", Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aConnectionHeardFromWithinTheTimeoutIsPingedAndKept() {
    now.addAndGet(2_999 * MS);
    assertThat(liveness.silentFor(socket())).isEqualTo(-1);
    liveness.alive();
    now.addAndGet(2_999 * MS);
    assertThat(liveness.silentFor(socket())).isEqualTo(-1);
    assertThat(pings).hasSize(2);
    assertThat(liveness.checkMillis()).isEqualTo(1_000);
  }

  @Test
  void aConnectionSilentForTheWholeTimeoutIsReportedWithoutAPing() {
    liveness.alive();
    now.addAndGet(3_250 * MS);
    assertThat(liveness.silentFor(socket())).isEqualTo(3_250);
    assertThat(pings).isEmpty();
  }

  @Test
  void aPingStillOutstandingIsNoFailure() {
    WebSocket busy =
        new RecordingSocket() {
          @Override
          public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            throw new IllegalStateException("outstanding ping");
          }
        };
    assertThat(liveness.silentFor(busy)).isEqualTo(-1);
  }

  private WebSocket socket() {
    return new RecordingSocket();
  }

  private class RecordingSocket implements WebSocket {
    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
      pings.add(message);
      return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void request(long n) {}

    @Override
    public String getSubprotocol() {
      return "";
    }

    @Override
    public boolean isOutputClosed() {
      return false;
    }

    @Override
    public boolean isInputClosed() {
      return false;
    }

    @Override
    public void abort() {}
  }
}
