package io.alphintra.strategyengine.config;

/** strategy.json cannot be run; the message names the field and how to fix it. */
public class InvalidStrategyConfig extends RuntimeException {

  public InvalidStrategyConfig(String message) {
    super(message);
  }
}
