package io.herald.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Finds the token of a WebSocket handshake: the {@code token} cookie, else the {@code token}
 * query parameter (browsers cannot set headers on a WebSocket), else
 * {@code Authorization: Bearer}.
 */
public final class TokenExtractor {
  private static final String NAME = "token";
  private static final String BEARER = "bearer ";

  private TokenExtractor() {}

  /** The token, or null when the request carries none. */
  public static String fromHandshake(HttpServerRequest request) {
    Cookie cookie = request.getCookie(NAME);
    if (cookie != null && !cookie.getValue().isEmpty()) {
      return cookie.getValue();
    }
    String query = request.getParam(NAME);
    if (query != null && !query.isEmpty()) {
      return query;
    }
    return bearer(request);
  }

  /** The {@code Authorization: Bearer} token, or null. */
  public static String bearer(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }
}
