package io.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.config.SettingsException;
import io.herald.testing.TestKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  static JsonObject rsaJwk(TestKeys keys, String kid) {
    java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) keys.pair.getPublic();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return new JsonObject().put("kty", "RSA").put("kid", kid)
        .put("n", b64.encodeToString(unsigned(key.getModulus().toByteArray())))
        .put("e", b64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
  }

  static byte[] unsigned(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  @Test
  void pemFilesGiveAlgorithmByKeyTypeAndIdByFileName() throws Exception {
    Path rsa = write("signer-2026.pem", TestKeys.rsa().publicPem());
    Path ec = write("edge.pem", TestKeys.ec().publicPem());
    KeyMaterial keys = KeyFiles.load("secret", List.of(rsa.toString(), ec.toString()));
    assertThat(keys.hmacSecret()).isEqualTo("secret");
    assertThat(keys.publicKeys()).extracting(KeyMaterial.PublicKey::algorithm, KeyMaterial.PublicKey::id)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RS256", "signer-2026"),
            org.assertj.core.groups.Tuple.tuple("ES256", "edge"));
  }

  @Test
  void jwksKeysKeepTheirIds() throws Exception {
    Path jwks = write("keys.json", new JsonObject().put("keys",
        new JsonArray().add(rsaJwk(TestKeys.rsa(), "a")).add(rsaJwk(TestKeys.rsa(), "b"))).encode());
    assertThat(KeyFiles.load(null, List.of(jwks.toString())).publicKeys())
        .extracting(KeyMaterial.PublicKey::id).containsExactly("a", "b");
  }

  @Test
  void unusableFilesStopStartUpNamingTheSetting() throws Exception {
    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(1024);
    String smallPem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(small.generateKeyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    List<Path> bad = List.of(
        write("missing-marker.pem", "not a key"),
        write("private.pem", TestKeys.rsa().privatePem()),
        write("small.pem", smallPem),
        write("empty.json", "{\"keys\":[]}"),
        write("secret-jwk.json", new JsonObject().put("keys", new JsonArray()
            .add(new JsonObject().put("kty", "oct").put("k", "c2VjcmV0").put("alg", "HS256"))).encode()),
        write("garbage.json", "{not json"));
    for (Path file : bad) {
      assertThatThrownBy(() -> KeyFiles.load(null, List.of(file.toString()))).as(file.toString())
          .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_JWT_PUBLIC_KEYS");
    }
    assertThatThrownBy(() -> KeyFiles.load(null, List.of(dir.resolve("absent.pem").toString())))
        .isInstanceOf(SettingsException.class).hasMessageContaining("HERALD_JWT_PUBLIC_KEYS");
  }
}
