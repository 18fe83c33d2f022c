package io.alphintra.brokersimulator.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/** Writes Binance error bodies from filters, where no controller advice runs. */
final class ApiErrorWriter {

  private ApiErrorWriter() {}

  static Map<String, Object> body(ApiException error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", error.code());
    body.put("msg", error.getMessage());
    if (error.data() != null) {
      body.put("data", error.data());
    }
    return body;
  }

  static void write(HttpServletResponse response, ApiException error, ObjectMapper json)
      throws IOException {
    response.setStatus(error.status().value());
    error.headers().forEach(response::setHeader);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body(error));
  }
}
