package io.alphintra.authservice.web;

/** One thing wrong with a request, by field name. */
public record FieldError(String field, String message) {}
