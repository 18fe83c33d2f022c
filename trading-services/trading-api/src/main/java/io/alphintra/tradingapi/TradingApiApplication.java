package io.alphintra.tradingapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The platform's one door for orders: risk, routing, fills, positions. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TradingApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(TradingApiApplication.class, args);
  }
}
