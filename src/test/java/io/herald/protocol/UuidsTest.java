package io.herald.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UuidsTest {
  @Test
  void acceptsStrictFormInEitherCase() {
    UUID id = UUID.randomUUID();
    assertThat(Uuids.parseNonNil(id.toString())).isEqualTo(id);
    assertThat(Uuids.parseNonNil(id.toString().toUpperCase())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1-1-1-1-1", "00000000-0000-0000-0000-000000000000",
      "5e4a0680804e11ec84772fea5968d85b", "5e4a0680-804e-11ec-8477-2fea5968d85", 
      "5e4a0680-804e-11ec-8477-2fea5968d85bb", "5e4a0680+804e-11ec-8477-2fea5968d85b",
      "5e4a0680-804e-11ec-8477-2fea5968d8٥b"})
  void refusesEverythingElse(String text) {
    assertThat(Uuids.parseNonNil(text)).isNull();
  }

  @Test
  void refusesNull() {
    assertThat(Uuids.parseNonNil(null)).isNull();
  }
}
