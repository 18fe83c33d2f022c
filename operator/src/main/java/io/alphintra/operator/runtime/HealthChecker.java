package io.alphintra.operator.runtime;

import io.alphintra.operator.common.CheckResult;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * HTTP health checks of a color's services through their Services, with the Micronaut HTTP client.
 * A check passes only when every URL answers 2xx within the timeout; the detail names the first one
 * that did not. Every check opens connections of its own ({@link FreshConnections}): a check of a
 * color reaches the Service's current pods, not the one a kept-alive connection went to before.
 */
public final class HealthChecker implements AutoCloseable {
  private final HttpClient client;

  public HealthChecker(Duration maxTimeout) {
    this.client = FreshConnections.client(maxTimeout);
  }

  /** Checks each URL in turn, stopping at the first failure. */
  public CheckResult check(List<URI> urls, Duration timeout) {
    for (URI url : urls) {
      try {
        HttpResponse<String> response =
            SingleExchange.block(
                client, FreshConnections.closing(HttpRequest.GET(url.toString())), timeout);
        if (response.code() < 200 || response.code() > 299) {
          return new CheckResult(false, url + " answered HTTP " + response.code());
        }
      } catch (HttpClientResponseException e) {
        return new CheckResult(false, url + " answered HTTP " + e.getStatus().getCode());
      } catch (RuntimeException e) {
        return new CheckResult(
            false,
            url
                + " did not answer: "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
      }
    }
    return new CheckResult(true, urls.size() + " endpoint(s) answered 2xx");
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * Blocks on one exchange with an overall deadline, so a slow server never holds a reconcile
   * thread longer.
   */
  private static final class SingleExchange {
    static HttpResponse<String> block(HttpClient client, HttpRequest<?> request, Duration timeout) {
      var future = new java.util.concurrent.CompletableFuture<HttpResponse<String>>();
      client
          .exchange(request, String.class)
          .subscribe(
              new org.reactivestreams.Subscriber<>() {
                @Override
                public void onSubscribe(org.reactivestreams.Subscription s) {
                  s.request(1);
                }

                @Override
                public void onNext(HttpResponse<String> response) {
                  future.complete(response);
                }

                @Override
                public void onError(Throwable t) {
                  future.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                  future.completeExceptionally(new IllegalStateException("no response"));
                }
              });
      try {
        return future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        future.cancel(true);
        throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
