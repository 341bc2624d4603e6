package io.herald.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.protocol.ClientFrame.Malformed;
import io.herald.protocol.ClientFrame.Subscribe;
import io.herald.protocol.ClientFrame.Unsubscribe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientFrameCodecTest {
  final ClientFrameCodec codec = new ClientFrameCodec();

  @Test
  void subscribeWithIdAndTopics() {
    assertThat(codec.decode("{\"type\":\"subscribe\",\"id\":\"r1\",\"topics\":[\"a\",\"b\"]}"))
        .isEqualTo(new Subscribe("r1", java.util.List.of("a", "b")));
  }

  @Test
  void unsubscribeWithoutId() {
    assertThat(codec.decode("{\"topics\":[\"a\"],\"type\":\"unsubscribe\"}"))
        .isEqualTo(new Unsubscribe(null, java.util.List.of("a")));
  }

  @Test
  void refreshCarriesItsTokenAndNeverPrintsIt() {
    ClientFrame frame = codec.decode("{\"type\":\"refresh\",\"id\":\"r\",\"token\":\"abc.def.ghi\"}");
    assertThat(frame).isEqualTo(new ClientFrame.Refresh("r", "abc.def.ghi"));
    assertThat(frame.toString()).doesNotContain("abc.def.ghi");
    assertThat(codec.decode("{\"type\":\"refresh\"}")).isInstanceOf(Malformed.class);
    assertThat(codec.decode("{\"type\":\"refresh\",\"token\":7}")).isInstanceOf(Malformed.class);
  }

  @Test
  void unknownFieldsAreIgnoredWhateverTheirShape() {
    assertThat(codec.decode(
            "{\"type\":\"subscribe\",\"x\":{\"deep\":[1,{\"y\":null}]},\"topics\":[\"a\"],\"n\":1}"))
        .isInstanceOf(Subscribe.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "not json",
      "[]",
      "\"subscribe\"",
      "42",
      "null",
      "{",
      "{\"type\":\"subscribe\",\"topics\":[\"a\"]",
      "{\"type\":\"subscribe\",\"topics\":[\"a\"]} trailing",
      "{\"type\":\"subscribe\",\"topics\":[\"a\"]}{}",
      "{\"type\":\"subscribe\"}",
      "{\"type\":\"subscribe\",\"topics\":[]}",
      "{\"type\":\"subscribe\",\"topics\":\"a\"}",
      "{\"type\":\"subscribe\",\"topics\":[1]}",
      "{\"type\":\"subscribe\",\"topics\":[null]}",
      "{\"type\":\"subscribe\",\"topics\":[[\"a\"]]}",
      "{\"type\":1,\"topics\":[\"a\"]}",
      "{\"type\":\"publish\",\"topics\":[\"a\"]}",
      "{\"topics\":[\"a\"]}",
      "{\"type\":\"subscribe\",\"type\":\"unsubscribe\",\"topics\":[\"a\"]}",
      "{\"type\":\"subscribe\",\"id\":{},\"topics\":[\"a\"]}",
      "{\"type\":\"subscribe\",\"id\":5,\"topics\":[\"a\"]}"
  })
  void anythingElseIsMalformed(String text) {
    assertThat(codec.decode(text)).isInstanceOf(Malformed.class);
  }

  @Test
  void malformedFrameKeepsItsIdWhenReadable() {
    assertThat(codec.decode("{\"id\":\"r9\",\"type\":\"nope\",\"topics\":[\"a\"]}").id())
        .isEqualTo("r9");
    assertThat(codec.decode("{\"id\":\"r9\",\"type\":\"subscribe\",\"topics\":[1]}").id())
        .isEqualTo("r9");
  }

  @Test
  void overlongIdIsRefusedAndNotEchoed() {
    String id = "x".repeat(ClientFrameCodec.MAX_ID_LENGTH + 1);
    ClientFrame frame = codec.decode("{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"topics\":[\"a\"]}");
    assertThat(frame).isInstanceOf(Malformed.class);
    assertThat(frame.id()).isNull();
  }

  @Test
  void deepNestingIsMalformedNotACrash() {
    String deep = "[".repeat(100_000);
    assertThat(codec.decode("{\"type\":\"subscribe\",\"x\":" + deep)).isInstanceOf(Malformed.class);
  }
}
