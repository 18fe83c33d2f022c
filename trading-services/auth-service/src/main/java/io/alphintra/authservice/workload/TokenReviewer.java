package io.alphintra.authservice.workload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks the Kubernetes API server whether a token is genuine (TokenReview, {@code
 * authentication.k8s.io/v1}), with the JDK HTTP client: auth-service's own service-account token as
 * bearer, the cluster CA as the only trust anchor. The caller's token never reaches a log or an
 * exception message.
 */
@Component
class TokenReviewer {

  /**
   * What the API server said about a token: {@code username} is set only when it is authenticated.
   */
  record Review(boolean authenticated, String username, List<String> audiences, String error) {}

  /** The API server could not be asked, or refused to answer; not the presented token's fault. */
  static final class ReviewUnavailable extends Exception {
    ReviewUnavailable(String message) {
      super(message, null, false, false);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(TokenReviewer.class);
  private static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

  private final WorkloadIdentityProperties properties;
  private final ObjectMapper json = new ObjectMapper();
  private HttpClient http;

  TokenReviewer(WorkloadIdentityProperties properties) {
    this.properties = properties;
  }

  /**
   * Reviews {@code token} for {@code audience}; the API server checks signature, expiry, audience
   * and that its account still exists.
   */
  Review review(String token, String audience) throws ReviewUnavailable {
    ObjectNode body =
        json.createObjectNode()
            .put("apiVersion", "authentication.k8s.io/v1")
            .put("kind", "TokenReview");
    ObjectNode spec = body.putObject("spec").put("token", token);
    spec.putArray("audiences").add(audience);
    HttpResponse<String> response = send(body);
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      String why =
          response.statusCode() == 401 || response.statusCode() == 403
              ? "the API server refused auth-service's TokenReview (HTTP "
                  + response.statusCode()
                  + "): bind auth-service's service account to the ClusterRole system:auth-delegator"
              : "the API server answered the TokenReview with HTTP " + response.statusCode();
      log.warn("{}", why);
      throw new ReviewUnavailable(why);
    }
    JsonNode status = json.readTree(response.body()).path("status");
    List<String> audiences =
        status.path("audiences").valueStream().map(JsonNode::asString).toList();
    boolean authenticated = status.path("authenticated").asBoolean(false);
    return new Review(
        authenticated,
        authenticated ? status.path("user").path("username").asString(null) : null,
        audiences,
        status.path("error").asString(null));
  }

  private HttpResponse<String> send(ObjectNode body) throws ReviewUnavailable {
    String bearer;
    try {
      bearer = Files.readString(properties.tokenFile()).strip();
    } catch (IOException e) {
      throw unavailable(
          "cannot read auth-service's service-account token at "
              + properties.tokenFile()
              + " (alphintra.auth.workload.token-file): "
              + e.getClass().getSimpleName());
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(properties.apiServer().replaceFirst("/+$", "") + PATH))
            .timeout(properties.timeout())
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    try {
      return client().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unavailable(
          "cannot reach the Kubernetes API server at "
              + properties.apiServer()
              + " (alphintra.auth.workload.api-server): "
              + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while waiting for the TokenReview");
    }
  }

  /** Built on first use, so auth-service starts (and serves users) where no cluster is at hand. */
  private synchronized HttpClient client() throws ReviewUnavailable {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .sslContext(trusting())
              .connectTimeout(properties.timeout())
              .build();
    }
    return http;
  }

  private SSLContext trusting() throws ReviewUnavailable {
    try (InputStream in = Files.newInputStream(properties.caFile())) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw unavailable(
          "cannot load the cluster CA from "
              + properties.caFile()
              + " (alphintra.auth.workload.ca-file): "
              + e.getClass().getSimpleName());
    }
  }

  private static ReviewUnavailable unavailable(String why) {
    log.warn("TokenReview not possible: {}", why);
    return new ReviewUnavailable(why);
  }
}
