package io.alphintra.brokerconnector.venue;

/**
 * No connection to the venue could be opened (refused, or the connect timed out): unlike {@link
 * VenueOutcomeUnknown}, the request never left this process, so it cannot have executed.
 */
public final class VenueUnreachable extends VenueException {

  public VenueUnreachable(String message) {
    super(0, message, null);
  }
}
