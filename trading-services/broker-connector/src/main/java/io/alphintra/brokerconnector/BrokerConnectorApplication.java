package io.alphintra.brokerconnector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The platform's one door to a broker account: normalized orders, market data and broker health.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BrokerConnectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(BrokerConnectorApplication.class, args);
  }
}
