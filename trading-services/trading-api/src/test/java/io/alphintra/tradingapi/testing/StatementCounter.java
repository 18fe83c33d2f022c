package io.alphintra.tradingapi.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements and commits that request threads (Tomcat's {@code tomcat-handler-*}
 * virtual threads) send to the database: wraps the application's {@link DataSource} so every
 * statement prepared and every commit on such a thread is recorded. Each prepared statement of
 * trading-api's {@code JdbcClient} is executed once, so statements prepared are statements sent.
 * Add it to a context of its own ({@link TradingApiProcess#start(Class, String, String...)}).
 */
public class StatementCounter implements BeanPostProcessor {

  private static final List<String> sent = new ArrayList<>();

  /** Forgets what was recorded so far. */
  public static synchronized void reset() {
    sent.clear();
  }

  /** The statements (their SQL) and commits ({@code COMMIT}) recorded since the last reset. */
  public static synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  private static synchronized void record(String what) {
    if (Thread.currentThread().getName().startsWith("tomcat-handler-")) {
      sent.add(what);
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource target) || bean instanceof Counting) {
      return bean;
    }
    return new Counting(target);
  }

  private static final class Counting extends DelegatingDataSource {

    Counting(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws java.sql.SQLException {
      return counted(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws java.sql.SQLException {
      return counted(super.getConnection(username, password));
    }

    private static Connection counted(Connection connection) {
      InvocationHandler handler =
          (Object proxy, Method method, Object[] args) -> {
            switch (method.getName()) {
              case "prepareStatement", "prepareCall" -> record((String) args[0]);
              case "createStatement" -> record("(statement)");
              case "commit" -> record("COMMIT");
              default -> {}
            }
            try {
              return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          };
      return (Connection)
          Proxy.newProxyInstance(
              StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }
  }
}
