package io.herald.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ClientFrameCodecProperties {
  final ClientFrameCodec codec = new ClientFrameCodec();

  @Property(tries = 3000)
  void anyTextDecodesToAFrameWithoutThrowing(@ForAll String text) {
    assertThat(codec.decode(text)).isNotNull();
  }

  @Property(tries = 3000)
  void mutatedValidFramesDecodeWithoutThrowing(@ForAll("mutated") String text) {
    assertThat(codec.decode(text)).isNotNull();
  }

  @Provide
  Arbitrary<String> mutated() {
    String valid = "{\"type\":\"subscribe\",\"id\":\"r1\",\"topics\":[\"customer_id:x:call\"]}";
    return Arbitraries.integers().between(0, valid.length() - 1).list().ofMinSize(1).ofMaxSize(4)
        .flatMap(cuts -> Arbitraries.chars().ascii().list().ofSize(cuts.size()).map(chars -> {
          StringBuilder text = new StringBuilder(valid);
          for (int i = 0; i < cuts.size(); i++) {
            text.setCharAt(cuts.get(i), chars.get(i));
          }
          return text.toString();
        }));
  }
}
