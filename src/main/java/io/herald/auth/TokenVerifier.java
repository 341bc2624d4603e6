package io.herald.auth;

import io.herald.protocol.ErrorReason;
import io.herald.protocol.HeraldException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;

/**
 * Verifies a JWT (signature by vertx-auth-jwt, claims by {@link ClaimsMapper}) and yields its
 * {@link Principal}. Every failure is a {@link HeraldException} with AUTHENTICATION_REQUIRED or
 * INVALID_CREDENTIALS; the token itself never appears in a message.
 */
public final class TokenVerifier {
  /** Far above any real token; stops megabyte "tokens" before they reach the decoder. */
  public static final int MAX_TOKEN_LENGTH = 8192;

  private final JWTAuth jwt;
  private final Clock clock;

  public TokenVerifier(JWTAuth jwt, Clock clock) {
    this.jwt = jwt;
    this.clock = clock;
  }

  /** A verifier for HS256 tokens signed with {@code secret}. */
  public static TokenVerifier hs256(Vertx vertx, String secret, Clock clock) {
    return new TokenVerifier(hs256Auth(vertx, secret), clock);
  }

  static JWTAuth hs256Auth(Vertx vertx, String secret) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  public Future<Principal> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(
          new HeraldException(ErrorReason.AUTHENTICATION_REQUIRED, "a token is required"));
    }
    if (token.length() > MAX_TOKEN_LENGTH) {
      return Future.failedFuture(invalid("the token is too long"));
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(invalid("the token is not valid")))
        .map(user -> ClaimsMapper.toPrincipal(
            user.attributes().getJsonObject("accessToken"), clock.instant()));
  }

  private static HeraldException invalid(String message) {
    return new HeraldException(ErrorReason.INVALID_CREDENTIALS, message);
  }
}
