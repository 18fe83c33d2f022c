package io.alphintra.authservice;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock every expiry is computed from, and the key-reload schedule. */
@Configuration
@EnableScheduling
class AuthServiceConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
