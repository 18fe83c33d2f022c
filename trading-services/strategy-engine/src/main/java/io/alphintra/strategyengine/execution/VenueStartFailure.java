package io.alphintra.strategyengine.execution;

/**
 * The venue cannot get ready to trade. {@code permanent}: retrying will not help until someone acts
 * (the message says who and what); otherwise the engine retries.
 */
public class VenueStartFailure extends RuntimeException {

  private final boolean permanent;

  public VenueStartFailure(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
