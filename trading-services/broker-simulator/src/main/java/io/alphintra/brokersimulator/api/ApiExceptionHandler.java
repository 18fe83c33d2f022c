package io.alphintra.brokersimulator.api;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders every API error in Binance's {@code {"code","msg"}} shape. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> binanceError(ApiException error) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(error.status());
    error.headers().forEach(response::header);
    return response.body(ApiErrorWriter.body(error));
  }

  /** A bug must still answer in Binance's shape, never with Spring's error page. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException error) {
    log.error("Unexpected error answering an API request", error);
    ApiException unknown = ApiException.unknownError();
    return ResponseEntity.status(unknown.status()).body(ApiErrorWriter.body(unknown));
  }
}
