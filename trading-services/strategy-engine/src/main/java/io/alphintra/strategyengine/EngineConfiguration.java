package io.alphintra.strategyengine;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the engine's parts share. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
