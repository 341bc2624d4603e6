package io.herald.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-built JWTs, for the tokens a well-behaved issuer would never make. */
public final class RawJwt {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private RawJwt() {}

  public static String hs256(String secret, String payloadJson) {
    String signingInput = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(payloadJson);
    return signingInput + "." + B64.encodeToString(hmac(secret, signingInput));
  }

  /** {@code alg: none}, with an empty signature. */
  public static String unsigned(String payloadJson) {
    return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(payloadJson) + ".";
  }

  private static String part(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String secret, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
