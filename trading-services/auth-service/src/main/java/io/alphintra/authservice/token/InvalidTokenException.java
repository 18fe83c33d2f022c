package io.alphintra.authservice.token;

/** An access token failed a check; the message says which, never what the token held. */
public class InvalidTokenException extends Exception {

  InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
