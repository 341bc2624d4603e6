package io.herald.auth;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Verifies a JWT (signature by vertx-auth-jwt, claims by {@link ClaimsMapper}) and yields its
 * {@link Principal}. Every failure is a {@link HeraldException} with AUTHENTICATION_REQUIRED or
 * INVALID_CREDENTIALS; the token itself never appears in a message.
 */
public final class TokenVerifier {
  /** Far above any real token; stops megabyte "tokens" before they reach the decoder. */
  public static final int MAX_TOKEN_LENGTH = 8192;

  private final Vertx vertx;
  private final Supplier<KeyMaterial> keys;
  private final int leewaySeconds;
  private final Clock clock;
  /** The verifier for {@link #current}; rebuilt when the key material is replaced. */
  private KeyMaterial current;
  private JWTAuth jwt;

  /**
   * @param keys read at each verification, so a reload takes effect for new tokens at once;
   *     connections already open keep the principal they were admitted with
   * @param leewaySeconds clock skew tolerated for {@code nbf} and {@code iat}
   */
  public TokenVerifier(Vertx vertx, Supplier<KeyMaterial> keys, int leewaySeconds, Clock clock) {
    this.vertx = vertx;
    this.keys = keys;
    this.leewaySeconds = leewaySeconds;
    this.clock = clock;
  }

  /** Fails, naming the setting, when vertx-auth-jwt cannot use {@code keys}. */
  public static void check(Vertx vertx, KeyMaterial keys) {
    try {
      JWTAuth.create(vertx, keys.toOptions(0));
    } catch (RuntimeException e) {
      throw new io.herald.config.SettingsException(
          "HERALD_JWT_PUBLIC_KEYS: a key cannot be used: " + e.getMessage());
    }
  }

  private JWTAuth jwt() {
    KeyMaterial latest = keys.get();
    if (latest != current) {
      jwt = JWTAuth.create(vertx, latest.toOptions(leewaySeconds));
      current = latest;
    }
    return jwt;
  }

  public Future<Principal> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(
          new HeraldException(ErrorReason.AUTHENTICATION_REQUIRED, "a token is required"));
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return Future.failedFuture(invalid("the token is too long"));
    }
    Future<io.vertx.ext.auth.User> authenticated;
    try {
      authenticated = jwt().authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      // Claims of the wrong type (an "nbf" string...) can throw instead of failing the future.
      authenticated = Future.failedFuture(e);
    }
    return authenticated
        .recover(e -> Future.failedFuture(invalid("the token is not valid")))
        .map(user -> ClaimsMapper.toPrincipal(
            user.attributes().getJsonObject("accessToken"), clock.instant()));
  }

  private static HeraldException invalid(String message) {
    return new HeraldException(ErrorReason.INVALID_CREDENTIALS, message);
  }
}
