package io.alphintra.brokersimulator.market;

import java.util.SplittableRandom;

/**
 * The unobservable "true" price of a symbol, a geometric Brownian motion without drift: {@code
 * S(t+dt) = S(t) * exp(-sigma^2/2 dt + sigma sqrt(dt) Z)}. It is a double on purpose: it is a model
 * quantity, never money; quotes derived from it are rounded to ticks.
 */
final class FairPrice {

  private static final double MILLIS_PER_YEAR = 365.0 * 24 * 3600 * 1000;

  private final SplittableRandom random;
  private final double drift;
  private final double diffusion;
  private double price;

  FairPrice(double startPrice, double annualVolatility, long stepMillis, SplittableRandom random) {
    double dt = stepMillis / MILLIS_PER_YEAR;
    this.drift = -0.5 * annualVolatility * annualVolatility * dt;
    this.diffusion = annualVolatility * Math.sqrt(dt);
    this.price = startPrice;
    this.random = random;
  }

  double current() {
    return price;
  }

  double step() {
    price *= Math.exp(drift + diffusion * gaussian());
    return price;
  }

  /** Box-Muller from the seeded source, so the path depends on the seed alone. */
  private double gaussian() {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
