package io.herald.auth;

import io.herald.config.SettingsException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Reads HERALD_JWT_PUBLIC_KEYS: PEM files ({@code -----BEGIN PUBLIC KEY-----}, RSA for RS256 or
 * P-256 EC for ES256, key id = file name without extension) and JWKS files
 * ({@code {"keys":[...]}}, key id = {@code kid}). Blocking file I/O: call it off the event loops.
 */
public final class KeyFiles {
  private static final String SETTING = "HERALD_JWT_PUBLIC_KEYS";
  private static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

  private KeyFiles() {}

  public static KeyMaterial load(String hmacSecret, List<String> files) {
    List<KeyMaterial.PublicKey> keys = new ArrayList<>();
    for (String file : files) {
      String text;
      try {
        text = Files.readString(Path.of(file));
      } catch (IOException e) {
        throw new SettingsException(SETTING + ": cannot read " + file + ": " + e.getMessage());
      }
      try {
        if (text.trim().startsWith("{")) {
          keys.addAll(fromJwks(new JsonObject(text)));
        } else {
          keys.add(fromPem(text, idOf(file)));
        }
      } catch (RuntimeException e) {
        throw new SettingsException(SETTING + ": " + file + " holds no usable key: " + e.getMessage());
      }
    }
    return new KeyMaterial(hmacSecret, keys);
  }

  private static String idOf(String file) {
    String name = Path.of(file).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static KeyMaterial.PublicKey fromPem(String pem, String id) {
    String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
        .replaceAll("\\s", "");
    if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
      throw new IllegalArgumentException("expected a PEM 'PUBLIC KEY'");
    }
    X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
    String algorithm = algorithmOf(spec);
    String body = "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    return new KeyMaterial.PublicKey(algorithm, id, body, null);
  }

  private static String algorithmOf(X509EncodedKeySpec spec) {
    try {
      if (KeyFactory.getInstance("RSA").generatePublic(spec) instanceof RSAPublicKey rsa
          && rsa.getModulus().bitLength() >= 2048) {
        return "RS256";
      }
    } catch (Exception notRsa) {
      // try EC below
    }
    try {
      if (KeyFactory.getInstance("EC").generatePublic(spec) instanceof ECPublicKey ec
          && ec.getParams().getCurve().getField().getFieldSize() == 256) {
        return "ES256";
      }
    } catch (Exception notEc) {
      // fall through
    }
    throw new IllegalArgumentException("only RSA (2048 bits or more) and P-256 EC keys are accepted");
  }

  private static List<KeyMaterial.PublicKey> fromJwks(JsonObject json) {
    JsonArray array = json.getJsonArray("keys");
    if (array == null || array.isEmpty()) {
      throw new IllegalArgumentException("a JWKS needs a non-empty 'keys' array");
    }
    List<KeyMaterial.PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject jwk = array.getJsonObject(i).copy();
      String algorithm = jwk.getString("alg", "RSA".equals(jwk.getString("kty")) ? "RS256" : "ES256");
      if (!ALGORITHMS.contains(algorithm) || jwk.containsKey("d") || jwk.containsKey("k")) {
        throw new IllegalArgumentException("key " + i + ": only public RS256 and ES256 keys are accepted");
      }
      keys.add(new KeyMaterial.PublicKey(algorithm, jwk.getString("kid"), null, jwk.put("alg", algorithm)));
    }
    return keys;
  }
}
