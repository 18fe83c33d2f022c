package io.alphintra.tradingapi.testing;

import io.alphintra.tradingapi.TradingApiApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole trading-api application context of its own (not the ITs' shared one), on a random port
 * and the given database, routing to {@link TradingStack}'s connector: what a trading-api process
 * is, for ITs that stop and start one. Closing it stops everything the process runs.
 */
public final class TradingApiProcess implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private TradingApiProcess(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts on {@code jdbcUrl} with the ITs' configuration ({@code it/trading-api.properties});
   * {@code overrides} are {@code key=value} pairs on top.
   */
  public static TradingApiProcess start(String jdbcUrl, String... overrides) {
    return start(null, jdbcUrl, overrides);
  }

  /**
   * As {@link #start(String, String...)}, with the configuration or bean class {@code extra} (may
   * be null) added to the application's sources.
   */
  public static TradingApiProcess start(Class<?> extra, String jdbcUrl, String... overrides) {
    TradingStack stack = TradingStack.shared();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.config.import=classpath:it/trading-api.properties",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--alphintra.trading.security.jwks-uri=" + stack.issuer().jwksUri(),
                "--alphintra.trading.security.issuer=" + TokenIssuer.ISSUER,
                "--alphintra.trading.security.audience=" + TokenIssuer.AUDIENCE,
                "--alphintra.trading.broker.connectors-file=" + stack.connectorsFile()));
    for (String override : overrides) {
      args.add("--" + override);
    }
    return new TradingApiProcess(
        new SpringApplicationBuilder(
                extra == null
                    ? new Class<?>[] {TradingApiApplication.class}
                    : new Class<?>[] {TradingApiApplication.class, extra})
            .run(args.toArray(String[]::new)));
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** A client of this process's API with {@code token}. */
  public ApiClient as(String token) {
    return new ApiClient(port(), token);
  }

  @Override
  public void close() {
    context.close();
  }
}
