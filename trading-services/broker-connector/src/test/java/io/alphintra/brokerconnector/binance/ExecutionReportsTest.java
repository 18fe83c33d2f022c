package io.alphintra.brokerconnector.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokerconnector.filters.SymbolRulesBook;
import io.alphintra.brokerconnector.filters.VenueDecimals;
import io.alphintra.brokerconnector.order.OrderRegistry;
import io.alphintra.brokerconnector.order.OrderStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ExecutionReportsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrderRegistry registry = new OrderRegistry();
  private final ExecutionReports reports =
      new ExecutionReports(new VenueDecimals(new SymbolRulesBook()), registry);

  @Test
  void aTradeReportBecomesTheOrdersStateInTheRegistry() {
    reports.follow(event("LIMIT", "", "PARTIALLY_FILLED", "0.4", "36.4"));

    var order = registry.find("c-1").orElseThrow().latest();
    assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(order.venueOrderId()).isEqualTo(42);
    assertThat(order.executedQuantity()).isEqualByComparingTo("0.4");
    assertThat(order.cumulativeQuoteQuantity()).isEqualByComparingTo("36.4");
  }

  @Test
  void aCancelNamesTheOriginalClientOrderIdInCapitalC() {
    reports.follow(event("LIMIT", "c-1", "CANCELED", "0", "0"));

    assertThat(registry.find("c-1").orElseThrow().latest().status())
        .isEqualTo(OrderStatus.CANCELED);
    assertThat(registry.find("cancel-request")).isEmpty();
  }

  @Test
  void aReportOfAnOrderTypeTheConnectorDoesNotKnowIsSkipped() {
    reports.follow(event("STOP_LOSS_LIMIT", "", "NEW", "0", "0"));

    assertThat(registry.all()).isEmpty();
  }

  private static JsonNode event(
      String type, String originalClientId, String status, String executed, String quote) {
    return JSON.readTree(
        """
        {"e":"executionReport","s":"SIMUSDT","c":"%s","C":"%s","S":"BUY","o":"%s","f":"GTC",
         "q":"1.00000000","p":"91.00000000","X":"%s","i":42,"z":"%s","Z":"%s","T":1700000000000}
        """
            .formatted(
                originalClientId.isEmpty() ? "c-1" : "cancel-request",
                originalClientId,
                type,
                status,
                executed,
                quote));
  }
}
