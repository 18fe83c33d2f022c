package io.alphintra.strategyengine.it;

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
final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final Process process;

  private ServiceProcess(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /**
   * Starts {@code jar} with {@code --key=value} {@code args}; waits until readyPath answers 200.
   */
  static ServiceProcess start(String name, String jar, String readyPath, String... args) {
    Path jarPath = Path.of(System.getProperty("it.jars", "target/it-jars"), jar);
    if (!Files.isRegularFile(jarPath)) {
      throw new IllegalStateException(
          jarPath + " is missing: run the ITs through Maven (pre-integration-test copies it)");
    }
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jarPath.toString(),
                "--server.port=" + port));
    for (String arg : args) {
      command.add("--" + arg);
    }
    try {
      Path logs = Files.createDirectories(Path.of("target", "it-logs"));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()))
              .start();
      ServiceProcess service = new ServiceProcess(port, process);
      Runtime.getRuntime().addShutdownHook(new Thread(service::close));
      await(name + " ready at " + readyPath + " (see target/it-logs/" + name + ".log)")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !process.isAlive() || service.answers(readyPath));
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; see target/it-logs/" + name + ".log");
      }
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
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

  @Override
  public void close() {
    if (!process.isAlive()) {
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
}
