package io.herald.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StreamCursorTest {
  record E(String epoch, long offset, long previous) {}

  static StreamCursor<E> cursor() {
    return new StreamCursor<>(e -> new StreamPosition(e.epoch(), e.offset()), E::previous);
  }

  static List<Long> offsets(List<E> events) {
    return events.stream().map(E::offset).toList();
  }

  @Test
  void anUnbrokenChainPassesStraightThroughEvenWithOffsetsThisNodeNeverWanted() {
    StreamCursor<E> cursor = cursor();
    assertThat(offsets(cursor.arrive(new E("a", 3, -1)).deliver())).containsExactly(3L);
    assertThat(offsets(cursor.arrive(new E("a", 7, 3)).deliver())).containsExactly(7L);
    assertThat(offsets(cursor.arrive(new E("a", 8, -1)).deliver())).containsExactly(8L); // next one
    assertThat(cursor.arrive(new E("a", 8, 7)).deliver()).isEmpty(); // a duplicate
    assertThat(cursor.duplicates()).isEqualTo(1);
  }

  @Test
  void aBrokenChainHoldsEventsBackUntilTheHistoryFillsTheGap() {
    StreamCursor<E> cursor = cursor();
    cursor.arrive(new E("a", 3, -1));
    StreamCursor.Arrival<E> gap = cursor.arrive(new E("a", 9, -1)); // a new sequencer: unknown link
    assertThat(gap.needsFill()).isTrue();
    assertThat(gap.fillAfter()).isEqualTo(3);
    assertThat(cursor.arrive(new E("a", 10, 9)).deliver()).isEmpty(); // held while filling

    List<E> out = cursor.filled("a", 1, List.of(new E("a", 5, -1), new E("a", 9, -1)));
    assertThat(offsets(out)).containsExactly(5L, 9L, 10L);
    assertThat(cursor.lost()).isZero();
    assertThat(cursor.last()).isEqualTo(new StreamPosition("a", 10));
  }

  @Test
  void whatTheHistoryNoLongerHoldsIsCountedLostNotHidden() {
    StreamCursor<E> cursor = cursor();
    cursor.arrive(new E("a", 3, -1));
    cursor.arrive(new E("a", 20, 12));
    assertThat(offsets(cursor.filled("a", 15, List.of(new E("a", 15, -1), new E("a", 20, -1)))))
        .containsExactly(15L, 20L);
    assertThat(cursor.lost()).isEqualTo(11); // 4..14
    cursor.arrive(new E("a", 25, 21));
    assertThat(offsets(cursor.fillFailed())).containsExactly(25L);
    assertThat(cursor.lost()).isEqualTo(12);
  }

  @Test
  void aNewEpochIsFollowed() {
    StreamCursor<E> cursor = cursor();
    cursor.arrive(new E("a", 50, -1));
    assertThat(offsets(cursor.arrive(new E("b", 1, -1)).deliver())).containsExactly(1L);
    assertThat(offsets(cursor.arrive(new E("b", 2, 1)).deliver())).containsExactly(2L);
  }

  /** Random duplicates and reorderings from two senders: out comes every offset once, in order. */
  @Test
  void randomDuplicatesAndLateEventsComeOutOnceInOrder() {
    Random random = new Random(8);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(40);
      List<E> history = LongStream.rangeClosed(1, n).mapToObj(o -> new E("a", o, o - 1)).toList();
      List<E> arrivals = new ArrayList<>();
      for (E event : history) {
        if (random.nextInt(4) > 0) {
          arrivals.add(event); // some never arrive: only the history has them
        }
        if (random.nextInt(5) == 0) {
          arrivals.add(new E("a", event.offset(), -1)); // sent again by a new sequencer
        }
      }
      StreamCursor<E> cursor = cursor();
      List<Long> out = new ArrayList<>();
      for (E event : arrivals) {
        StreamCursor.Arrival<E> arrival = cursor.arrive(event);
        out.addAll(offsets(arrival.deliver()));
        if (arrival.needsFill()) {
          long after = arrival.fillAfter();
          out.addAll(offsets(cursor.filled("a", 1,
              history.stream().filter(e -> e.offset() > after).toList())));
        }
      }
      assertThat(out).isSorted().doesNotHaveDuplicates();
      if (!out.isEmpty()) {
        assertThat(out).containsExactlyElementsOf(LongStream.rangeClosed(out.get(0), out.get(out.size() - 1)).boxed().toList());
      }
      assertThat(cursor.lost()).isZero();
    }
  }
}
