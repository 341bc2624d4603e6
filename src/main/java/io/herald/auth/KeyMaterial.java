package io.herald.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/**
 * The keys tokens may be signed with: the HS256 secret (null when only public keys are used) and
 * RS256/ES256 public keys, each with its key id. Immutable once built; a reload builds a new one.
 */
public record KeyMaterial(String hmacSecret, List<PublicKey> publicKeys) {

  /** One public key: its algorithm (RS256 or ES256), its key id, and its PEM or JWK form. */
  public record PublicKey(String algorithm, String id, String pem, JsonObject jwk) {}

  public KeyMaterial {
    publicKeys = List.copyOf(publicKeys);
  }

  public static KeyMaterial hmac(String secret) {
    return new KeyMaterial(secret, List.of());
  }

  /**
   * Options for vertx-auth-jwt. Each key is registered under its own algorithm only, so a token
   * whose header claims HS256 is checked with the HMAC secret alone: a public key can never be
   * used as an HMAC secret (the algorithm-confusion attack).
   */
  JWTAuthOptions toOptions(int leewaySeconds) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setLeeway(leewaySeconds));
    if (hmacSecret != null) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(hmacSecret));
    }
    for (PublicKey key : publicKeys) {
      if (key.jwk() != null) {
        options.addJwk(key.jwk());
      } else {
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(key.algorithm()).setId(key.id())
            .setBuffer(key.pem()));
      }
    }
    return options;
  }
}
