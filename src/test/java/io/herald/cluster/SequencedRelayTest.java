package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.stream.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a member sequences before its node can route is handed over in order, once. */
class SequencedRelayTest {
  static List<StreamEvent> events(long from, long to) {
    List<StreamEvent> events = new ArrayList<>();
    for (long offset = from; offset <= to; offset++) {
      events.add(new StreamEvent("e", offset, 0, "b", List.of("customer_id:c:call"), List.of()));
    }
    return events;
  }

  /** Offsets the router got, per customer, in arrival order. */
  static final class Router implements CustomerSequencer.Sequenced {
    final Map<UUID, List<Long>> got = new ConcurrentHashMap<>();

    @Override
    public void sequenced(UUID customer, List<StreamEvent> events) {
      List<Long> offsets = got.computeIfAbsent(customer, c -> java.util.Collections.synchronizedList(new ArrayList<>()));
      events.forEach(e -> offsets.add(e.offset()));
    }
  }

  @Test
  void holdsUntilBoundThenHandsOverInOrderAndPassesTheRestStraightThrough() {
    SequencedRelay relay = new SequencedRelay(100);
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    relay.sequenced(a, events(1, 2));
    relay.sequenced(b, events(1, 1));
    relay.sequenced(a, events(3, 3));
    assertThat(relay.held()).isEqualTo(4);

    Router router = new Router();
    relay.bind(router);
    assertThat(router.got.get(a)).containsExactly(1L, 2L, 3L);
    assertThat(router.got.get(b)).containsExactly(1L);
    assertThat(relay.held()).isZero();

    relay.sequenced(a, events(4, 5));
    assertThat(router.got.get(a)).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void holdsNoMoreThanItsBound() {
    SequencedRelay relay = new SequencedRelay(5);
    UUID a = UUID.randomUUID();
    relay.sequenced(a, events(1, 4));
    relay.sequenced(a, events(5, 6)); // would pass the bound: left to the receivers' history reads
    relay.sequenced(a, events(7, 7));
    assertThat(relay.held()).isEqualTo(5);

    Router router = new Router();
    relay.bind(router);
    assertThat(router.got.get(a)).containsExactly(1L, 2L, 3L, 4L, 7L);
  }

  @Test
  void bindingWhilePartitionThreadsSequenceLosesAndReordersNothing() throws Exception {
    SequencedRelay relay = new SequencedRelay(1_000_000);
    Router router = new Router();
    int threads = 4;
    int perCustomer = 20_000;
    List<UUID> customers = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(threads);
    List<Thread> partitionThreads = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      UUID customer = UUID.randomUUID();
      customers.add(customer);
      Thread thread = new Thread(() -> {
        started.countDown();
        for (long offset = 1; offset <= perCustomer; offset++) {
          relay.sequenced(customer, events(offset, offset));
        }
      });
      partitionThreads.add(thread);
      thread.start();
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    relay.bind(router); // while the threads run
    for (Thread thread : partitionThreads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(thread.isAlive()).isFalse();
    }
    List<Long> expected = new ArrayList<>();
    for (long offset = 1; offset <= perCustomer; offset++) {
      expected.add(offset);
    }
    for (UUID customer : customers) {
      assertThat(router.got.get(customer)).containsExactlyElementsOf(expected);
    }
  }
}
