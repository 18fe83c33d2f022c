package io.alphintra.api.v1alpha1;

/** Coordinates of this API group and the annotations users put on its resources. */
public final class Api {
  public static final String GROUP = "trading.alphintra.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "alphintra";

  /**
   * {@code kubectl annotate te/<name> trading.alphintra.io/promote=<revision>} promotes a paused
   * rollout.
   */
  public static final String PROMOTE_ANNOTATION = GROUP + "/promote";

  /**
   * {@code kubectl annotate te/<name> trading.alphintra.io/abort=true} aborts the rollout in
   * progress.
   */
  public static final String ABORT_ANNOTATION = GROUP + "/abort";

  /**
   * {@code kubectl annotate strat/<name> trading.alphintra.io/reset-halt=true} lets a halted
   * strategy trade again.
   */
  public static final String RESET_HALT_ANNOTATION = GROUP + "/reset-halt";

  private Api() {}
}
