package io.herald.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  static final History.Limits LIMITS = new History.Limits(3, 1_000);

  static List<Unsequenced> events(String... names) {
    List<Unsequenced> events = new ArrayList<>();
    for (String name : names) {
      events.add(new Unsequenced(List.of("customer_id:c:" + name),
          List.of(("{\"type\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8))));
    }
    return events;
  }

  static List<Long> offsets(List<StreamEvent> events) {
    return events.stream().map(StreamEvent::offset).toList();
  }

  @Test
  void appendsGetConsecutiveOffsetsAndStampedFrames() {
    History history = new History("ep");
    List<StreamEvent> first = history.append("b1", events("a", "b"), 0, LIMITS);
    List<StreamEvent> second = history.append("b2", events("c"), 0, LIMITS);

    assertThat(offsets(first)).containsExactly(1L, 2L);
    assertThat(offsets(second)).containsExactly(3L);
    assertThat(new String(second.get(0).frames().get(0), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"c\",\"offset\":3,\"epoch\":\"ep\"}");
    assertThat(history.after(1, 0, LIMITS).events()).extracting(StreamEvent::offset).containsExactly(2L, 3L);
    assertThat(history.after(Long.MAX_VALUE, 0, LIMITS).head()).isEqualTo(new StreamPosition("ep", 3));
  }

  @Test
  void aRetriedBatchKeepsTheOffsetsItGotFirst() {
    History history = new History("ep");
    history.append("b1", events("a", "b"), 0, LIMITS);
    List<StreamEvent> retried = history.append("b1", events("a", "b"), 5, LIMITS);

    assertThat(offsets(retried)).containsExactly(1L, 2L);
    assertThat(history.next()).isEqualTo(3);
    // Still recognised once its events are gone from the history: nothing is appended twice.
    history.append("b2", events("c", "d", "e"), 0, LIMITS);
    assertThat(history.append("b1", events("a", "b"), 0, LIMITS)).isEmpty();
    assertThat(history.next()).isEqualTo(6);
  }

  @Test
  void aBackupRecognisesRetriedBatchesToo() {
    History owner = new History("ep");
    History backup = new History("ep");
    backup.replicate(owner.append("b1", events("a"), 0, LIMITS), LIMITS);
    // The backup is promoted and the append retried there.
    assertThat(offsets(backup.append("b1", events("a"), 0, LIMITS))).containsExactly(1L);
    assertThat(backup.next()).isEqualTo(2);
  }

  @Test
  void theHistoryIsBoundedByCountAndAge() {
    History history = new History("ep");
    history.append("b1", events("a", "b", "c", "d"), 0, LIMITS);
    Window bySize = history.after(0, 0, LIMITS);
    assertThat(bySize.oldest()).isEqualTo(2);
    assertThat(offsets(bySize.events())).containsExactly(2L, 3L, 4L);

    history.append("b2", events("e"), 600, LIMITS);
    Window byAge = history.after(0, 1_200, LIMITS); // 2..4 are 1200 ms old, 5 is 600 ms old
    assertThat(byAge.oldest()).isEqualTo(5);
    assertThat(offsets(byAge.events())).containsExactly(5L);
    assertThat(history.after(0, 1_600, LIMITS).oldest()).isEqualTo(6); // none left: next

    history.expire(1_600, LIMITS);
    assertThat(history.size()).isZero();
    assertThat(history.append("b3", events("f"), 1_700, LIMITS).get(0).offset()).isEqualTo(6);
  }

  @Test
  void aBackupThatReplicatesHoldsWhatTheOwnerHolds() {
    History owner = new History("ep");
    History backup = new History("ep");
    for (int i = 0; i < 5; i++) {
      backup.replicate(owner.append("b" + i, events("x" + i), i * 100L, LIMITS), LIMITS);
    }
    backup.replicate(owner.append("b0", events("x0"), 900, LIMITS), LIMITS); // a retry: no change
    assertThat(backup.next()).isEqualTo(owner.next());
    assertThat(offsets(backup.after(0, 500, LIMITS).events()))
        .isEqualTo(offsets(owner.after(0, 500, LIMITS).events()));
  }
}
