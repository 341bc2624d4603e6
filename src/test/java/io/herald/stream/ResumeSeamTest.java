package io.herald.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ResumeSeamTest {
  record E(String epoch, long offset) {}

  static ResumeSeam<E> seam(String epoch, long since) {
    return new ResumeSeam<>(new StreamPosition(epoch, since), e -> new StreamPosition(e.epoch(), e.offset()));
  }

  static List<E> events(String epoch, long... offsets) {
    return LongStream.of(offsets).mapToObj(o -> new E(epoch, o)).toList();
  }

  static List<Long> offsets(List<E> events) {
    return events.stream().map(E::offset).toList();
  }

  @Test
  void replayThenHeldBackLiveEventsWithoutDuplicatesAtTheSeam() {
    ResumeSeam<E> seam = seam("a", 5);
    for (E e : events("a", 7, 8, 9)) {
      assertThat(seam.live(e)).isEmpty(); // held back while the history is read
    }
    ResumeSeam.Resumed<E> resumed = seam.history("a", 3, events("a", 6, 7, 8));

    assertThat(resumed.recovered()).isTrue();
    assertThat(offsets(resumed.deliver())).containsExactly(6L, 7L, 8L, 9L);
    assertThat(seam.live(new E("a", 9))).isEmpty();
    assertThat(offsets(seam.live(new E("a", 10)))).containsExactly(10L);
    assertThat(seam.gaps()).isZero();
  }

  @Test
  void aNewEpochMeansNotRecoveredAndNoReplay() {
    ResumeSeam<E> seam = seam("a", 5);
    seam.live(new E("b", 2));
    ResumeSeam.Resumed<E> resumed = seam.history("b", 1, events("b", 1, 2));

    assertThat(resumed.recovered()).isFalse();
    assertThat(resumed.deliver()).containsExactly(new E("b", 2));
    assertThat(offsets(seam.live(new E("b", 3)))).containsExactly(3L);
  }

  @Test
  void historyThatNoLongerReachesThePositionIsNotRecovered() {
    ResumeSeam<E> seam = seam("a", 5);
    ResumeSeam.Resumed<E> resumed = seam.history("a", 7, events("a", 7, 8));

    assertThat(resumed.recovered()).isFalse();
    assertThat(resumed.deliver()).isEmpty();
    assertThat(offsets(seam.live(new E("a", 9)))).containsExactly(9L);
  }

  @Test
  void nothingPublishedSinceThePositionIsRecovered() {
    ResumeSeam<E> seam = seam("a", 5);
    ResumeSeam.Resumed<E> resumed = seam.history("a", 6, List.of());

    assertThat(resumed.recovered()).isTrue();
    assertThat(resumed.deliver()).isEmpty();
    assertThat(offsets(seam.live(new E("a", 6)))).containsExactly(6L);
  }

  @Test
  void aNewEpochInTheLiveStreamIsFollowedNotFiltered() {
    ResumeSeam<E> seam = seam("a", 5);
    seam.history("a", 1, events("a", 6));

    assertThat(offsets(seam.live(new E("b", 1)))).containsExactly(1L);
    assertThat(offsets(seam.live(new E("b", 2)))).containsExactly(2L);
  }

  @Test
  void aMissingOffsetIsCountedAsAGap() {
    ResumeSeam<E> seam = seam("a", 5);
    seam.history("a", 1, List.of());

    assertThat(offsets(seam.live(new E("a", 8)))).containsExactly(8L);
    assertThat(seam.gaps()).isEqualTo(1);
  }

  @Test
  void historyIsGivenOnce() {
    ResumeSeam<E> seam = seam("a", 5);
    seam.history("a", 1, List.of());
    assertThatThrownBy(() -> seam.history("a", 1, List.of())).isInstanceOf(IllegalStateException.class);
  }

  /**
   * Random seams: the history holds [oldest, h], live delivery starts somewhere at or before h + 1
   * (overlapping the replay, possibly with duplicates), and part of it arrives before the history.
   * Whenever the history reaches the position, the client gets exactly since+1 .. last, in order.
   */
  @Test
  void everyEventAfterThePositionExactlyOnceInOrder() {
    Random random = new Random(8);
    for (int run = 0; run < 2_000; run++) {
      long since = random.nextInt(50);
      long oldest = 1 + random.nextInt((int) since + 1);
      long newestHeld = since + random.nextInt(20);
      long end = newestHeld + 1 + random.nextInt(20);
      long liveFrom = Math.max(1, newestHeld + 1 - random.nextInt(10));
      List<E> live = new ArrayList<>();
      for (long o = liveFrom; o <= end; o++) {
        live.add(new E("a", o));
        if (random.nextInt(10) == 0) {
          live.add(new E("a", o)); // delivered twice on the live path
        }
      }
      int beforeHistory = random.nextInt(live.size() + 1);
      List<E> history = new ArrayList<>();
      for (long o = Math.max(oldest, since + 1); o <= newestHeld; o++) {
        history.add(new E("a", o));
      }

      ResumeSeam<E> seam = seam("a", since);
      List<E> delivered = new ArrayList<>();
      live.subList(0, beforeHistory).forEach(e -> delivered.addAll(seam.live(e)));
      ResumeSeam.Resumed<E> resumed = seam.history("a", oldest, history);
      delivered.addAll(resumed.deliver());
      live.subList(beforeHistory, live.size()).forEach(e -> delivered.addAll(seam.live(e)));

      assertThat(resumed.recovered()).isTrue();
      assertThat(offsets(delivered)).as("run %d", run)
          .isEqualTo(LongStream.rangeClosed(since + 1, end).boxed().toList());
      assertThat(seam.gaps()).isZero();
    }
  }
}
