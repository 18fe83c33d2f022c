package io.alphintra.brokerconnector.venue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Printable forms of the venue's address: never with user-info, which could carry credentials. */
public final class VenueEndpoint {

  private VenueEndpoint() {}

  public static String withoutUserInfo(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + (uri.getPath() == null ? "" : uri.getPath());
  }

  /** The address the host resolves to now, or null when it does not resolve. */
  public static String resolvedAddress(URI uri) {
    try {
      return InetAddress.getByName(uri.getHost()).getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
