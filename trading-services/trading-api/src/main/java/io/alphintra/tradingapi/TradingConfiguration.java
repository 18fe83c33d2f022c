package io.alphintra.tradingapi;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the features. */
@Configuration
class TradingConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
