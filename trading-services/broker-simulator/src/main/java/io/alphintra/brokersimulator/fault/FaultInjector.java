package io.alphintra.brokersimulator.fault;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/** Decides, request by request, whether to inject a fault under the current settings. */
public final class FaultInjector {

  private final AtomicReference<FaultSettings> settings;

  public FaultInjector(FaultSettings initial) {
    this.settings = new AtomicReference<>(initial);
  }

  public FaultSettings settings() {
    return settings.get();
  }

  public void update(FaultSettings next) {
    settings.set(next);
  }

  public long latencyMillis() {
    FaultSettings current = settings.get();
    long jitter =
        current.latencyJitterMillis() == 0
            ? 0
            : ThreadLocalRandom.current().nextLong(current.latencyJitterMillis() + 1);
    return current.latencyMillis() + jitter;
  }

  public boolean failWithServerError() {
    return happens(settings.get().serverErrorRate());
  }

  public boolean timeOutAfterAccept() {
    return happens(settings.get().timeoutAfterAcceptRate());
  }

  public boolean dropStreamMessage() {
    return happens(settings.get().droppedStreamMessageRate());
  }

  private static boolean happens(double share) {
    return share > 0 && (share >= 1 || ThreadLocalRandom.current().nextDouble() < share);
  }
}
