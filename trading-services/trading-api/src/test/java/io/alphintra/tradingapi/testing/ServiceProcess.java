package io.alphintra.tradingapi.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service's Boot jar (copied to {@code target/it-jars} by the build) running as its own process
 * on a free port, its output in {@code target/it-logs/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final List<String> command;
  private final String readyPath;
  private Process process;

  private ServiceProcess(String name, int port, List<String> command, String readyPath) {
    this.name = name;
    this.port = port;
    this.command = command;
    this.readyPath = readyPath;
  }

  /**
   * Starts {@code jar} with {@code args} (each {@code key=value}, passed as {@code --key=value})
   * and waits until {@code readyPath} answers 200.
   */
  public static ServiceProcess start(String name, String jar, String readyPath, String... args) {
    return start(
        name, Path.of(System.getProperty("it.jars", "target/it-jars"), jar), readyPath, args);
  }

  /**
   * A system property: {@code true} runs every service with the full JIT and a fixed heap, as in
   * production (the benchmark's setting, where the connector and simulator are on the measured
   * path); otherwise test services start fast (C1 only, small heap).
   */
  public static final String PRODUCTION_JVM_PROPERTY = "alphintra.it.production-jvm";

  /** As {@link #start(String, String, String, String...)}, for a jar anywhere. */
  public static ServiceProcess start(String name, Path jarPath, String readyPath, String... args) {
    return start(
        name,
        jarPath,
        readyPath,
        Boolean.getBoolean(PRODUCTION_JVM_PROPERTY)
            ? List.of("-Xms512m", "-Xmx512m")
            : List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
        args);
  }

  /** As above, with the JVM options of the process (a benchmarked service gets the full JIT). */
  public static ServiceProcess start(
      String name, Path jarPath, String readyPath, List<String> jvmOptions, String... args) {
    int port = freePort();
    if (!Files.isRegularFile(jarPath)) {
      throw new IllegalStateException(
          jarPath + " is missing: run the ITs through Maven (pre-integration-test copies it)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jarPath.toString(), "--server.port=" + port));
    for (String arg : args) {
      command.add("--" + arg);
    }
    ServiceProcess service = new ServiceProcess(name, port, List.copyOf(command), readyPath);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    service.launch();
    return service;
  }

  /**
   * Stops the process and starts it again on the same port with the same arguments, as a pod
   * restarted behind its Service; what it held only in memory is gone.
   */
  public synchronized void restart() {
    close();
    launch();
  }

  private synchronized void launch() {
    try {
      Path logs = Files.createDirectories(Path.of("target", "it-logs"));
      Process started =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()))
              .start();
      process = started;
      await(name + " ready at " + readyPath + " (see target/it-logs/" + name + ".log)")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !started.isAlive() || answers(readyPath));
      if (!started.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + started.exitValue() + "; see target/it-logs/" + name + ".log");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** The running process's id (for jcmd). */
  public synchronized long pid() {
    return process.pid();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  private boolean answers(String path) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(baseUrl() + path))
                      .timeout(Duration.ofSeconds(2))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 20 s) and waits for it. */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + "@" + port;
  }
}
