package io.alphintra.brokersimulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A Binance-Spot-compatible exchange simulator: matching engine, market simulation, REST and
 * streams.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BrokerSimulatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(BrokerSimulatorApplication.class, args);
  }
}
