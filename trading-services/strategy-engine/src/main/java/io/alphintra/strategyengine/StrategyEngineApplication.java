package io.alphintra.strategyengine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs exactly one Strategy: its market data, signals, orders (paper or live) and risk limits. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StrategyEngineApplication {

  public static void main(String[] args) {
    SpringApplication.run(StrategyEngineApplication.class, args);
  }
}
