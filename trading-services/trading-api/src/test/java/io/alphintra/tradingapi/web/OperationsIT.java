package io.alphintra.tradingapi.web;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The served OpenAPI document is the checked-in {@code openapi.json} and lists every endpoint;
 * readiness is the database only; the order metrics are exported.
 */
class OperationsIT extends RunningTradingApi {

  /** The checked-in document; {@code -Dopenapi.refresh=true} rewrites it from the served one. */
  private static final Path CHECKED_IN = Path.of("openapi.json");

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

  @Test
  void theServedOpenApiDocumentIsTheCheckedInOne() throws IOException {
    Reply reply = as(null).get("/v3/api-docs");
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    ObjectNode served = (ObjectNode) reply.body();
    served.remove("servers");
    if (Boolean.getBoolean("openapi.refresh")) {
      Files.writeString(CHECKED_IN, JSON.writeValueAsString(served) + "\n");
    }

    assertThat(JSON.readTree(Files.readString(CHECKED_IN)))
        .as("openapi.json is stale: run the IT with -Dopenapi.refresh=true and commit it")
        .isEqualTo(served);
  }

  @Test
  void everyControllerMappingIsInTheDocument() {
    JsonNode paths = as(null).get("/v3/api-docs").body().path("paths");
    List<String> endpoints = new ArrayList<>();
    mappings
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              if (handler.getBeanType().getPackageName().startsWith("io.alphintra.tradingapi")) {
                for (String path : info.getPathPatternsCondition().getPatternValues()) {
                  for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(method + " " + path);
                  }
                }
              }
            });

    assertThat(endpoints).hasSizeGreaterThan(10);
    assertThat(endpoints)
        .allSatisfy(
            endpoint -> {
              String[] methodAndPath = endpoint.split(" ", 2);
              assertThat(paths.path(methodAndPath[1]).has(methodAndPath[0].toLowerCase()))
                  .as("%s is in /v3/api-docs", endpoint)
                  .isTrue();
            });
  }

  @Test
  void readinessIsTheDatabaseOnlyNotTheVenues() {
    Reply readiness = as(null).get("/actuator/health/readiness");

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body().path("components").propertyNames())
        .containsExactlyInAnyOrder("db", "readinessState");
  }

  @Test
  void ordersRiskRejectionsAndPlacementLatencyAreExported() {
    String subject = "ops-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, "{\"maxOrderNotional\":\"1000\"}");
    String orders = "/api/v1/accounts/" + account + "/orders";
    String resting = newId();
    trader.post(orders, order(resting, "SIMUSDT", "BUY", "LIMIT", "1.000", "55.00"));
    trader.post(orders, order(newId(), "SIMUSDT", "BUY", "LIMIT", "100.000", "55.00"));
    trader.delete(orders + "/" + resting);

    String metrics = as(null).get("/actuator/prometheus").raw();

    assertThat(metrics)
        .containsPattern("trading_orders_total\\{[^}]*result=\"accepted\"")
        .containsPattern("trading_orders_total\\{[^}]*result=\"risk_rejected\"")
        .containsPattern("trading_risk_rejections_total\\{[^}]*reason=\"MAX_ORDER_NOTIONAL\"")
        .contains("trading_order_placement_seconds_bucket");
  }
}
