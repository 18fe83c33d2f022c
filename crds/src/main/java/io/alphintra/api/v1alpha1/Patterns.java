package io.alphintra.api.v1alpha1;

/** Regular expressions shared by the schema; each is anchored. */
final class Patterns {
  /** A DNS-1123 label: what Kubernetes accepts as most object names. */
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  /** A DNS-1123 subdomain: Secret names and similar. */
  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A key inside a Secret. */
  static final String SECRET_KEY = "^[-._a-zA-Z0-9]{1,253}$";

  /** A semantic version, with or without a leading v, usable as an image tag. */
  static final String VERSION =
      "^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]{1,64})?$";

  /**
   * A registry host with an optional port and path, without a scheme, e.g.
   * registry.example.com:5000/alphintra.
   */
  static final String IMAGE_REGISTRY =
      "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]([-a-z0-9._]*[a-z0-9])?)*$";

  /** A Kubernetes CPU or memory quantity, e.g. 250m, 1, 512Mi, 2Gi. */
  static final String QUANTITY = "^([0-9]+(\\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$";

  /**
   * A non-negative decimal amount of money or of an asset, at most 8 decimals: 1000, 0.5, 12.25.
   */
  static final String DECIMAL = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,8})?$";

  /** A percentage from 0 to 100 with at most 3 decimals: 0.5, 99.95, 100. */
  static final String PERCENT = "^(100(\\.0{1,3})?|[0-9]{1,2}(\\.[0-9]{1,3})?)$";

  /** An exchange symbol: upper-case base and quote asset, e.g. BTCUSDT. */
  static final String SYMBOL = "^[A-Z0-9]{5,20}$";

  /** A candle interval as exchanges name them: seconds, minutes, hours or a day. */
  static final String CANDLE_INTERVAL = "^(1s|5s|15s|30s|1m|3m|5m|15m|30m|1h|2h|4h|1d)$";

  /** An http(s) URL. */
  static final String HTTP_URL = "^https?://[^\\s/$.?#][^\\s]*$";

  /** A WebSocket (ws or wss) URL. */
  static final String WS_URL = "^wss?://[^\\s/$.?#][^\\s]*$";

  /** An IPv4 or IPv6 CIDR block. */
  static final String CIDR = "^([0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3})$";

  private Patterns() {}
}
