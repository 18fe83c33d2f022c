package io.alphintra.brokersimulator.api;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders every API error in Binance's {@code {"code","msg"}} shape. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> binanceError(ApiException error) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(error.status());
    error.headers().forEach(response::header);
    return response.body(ApiErrorWriter.body(error));
  }
}
