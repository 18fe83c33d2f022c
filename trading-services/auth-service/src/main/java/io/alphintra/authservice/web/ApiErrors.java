package io.alphintra.authservice.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Every error as {@code application/problem+json}; 400s list the offending fields. Internal
 * failures are logged and answered with a fixed text, so no exception message (which could carry a
 * secret) reaches a client.
 */
@RestControllerAdvice
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> problem(ApiProblem problem) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
    if (problem.retryAfter() != null) {
      response.header(
          HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, problem.retryAfter().toSeconds())));
    }
    if (problem.status() == HttpStatus.UNAUTHORIZED) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return response.body(ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage()));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
    Object target = e.getBindingResult().getTarget();
    List<FieldError> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(
                error ->
                    new FieldError(jsonName(target, error.getField()), error.getDefaultMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    return badRequest(errors);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      String field =
          databind.getPath().stream()
              .map(
                  reference ->
                      reference.getPropertyName() != null
                          ? reference.getPropertyName()
                          : "[" + reference.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return badRequest(List.of(new FieldError(field, "has the wrong type or format")));
    }
    if (cause instanceof StreamReadException || cause instanceof JacksonException) {
      return badRequest(List.of(new FieldError("body", "is not valid JSON")));
    }
    return badRequest(List.of(new FieldError("body", "is required: send a JSON object")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method " + e.getMethod() + " is not supported here"));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no such endpoint"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> internal(Exception e) {
    log.error("Request failed: {}", e.getClass().getName(), e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal error; see the auth-service log"));
  }

  /**
   * The name the caller wrote: a field's {@code @JsonProperty}, e.g. {@code refresh_token} for
   * {@code refreshToken}.
   */
  private static String jsonName(Object target, String field) {
    if (target == null || field.contains(".") || field.contains("[")) {
      return field;
    }
    try {
      JsonProperty property =
          target.getClass().getDeclaredField(field).getAnnotation(JsonProperty.class);
      return property != null && !property.value().isEmpty() ? property.value() : field;
    } catch (NoSuchFieldException e) {
      return field;
    }
  }

  private static ResponseEntity<ProblemDetail> badRequest(List<FieldError> errors) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            errors.stream()
                .map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
    problem.setType(URI.create("about:blank"));
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }
}
