package io.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link InterestExchange} keeps, run against each implementation by a
 * subclass that provides two connected exchanges.
 */
abstract class InterestExchangeContract {

  /** Two exchanges that can reach each other, with their node ids. */
  record Pair(String firstId, InterestExchange first, String secondId, InterestExchange second) {}

  abstract Pair pair();

  /** A service that records what it is told. */
  static final class RecordingService implements InterestExchange.Service {
    final List<InterestDelta> deltas = new CopyOnWriteArrayList<>();
    final List<InterestDigest> digests = new CopyOnWriteArrayList<>();
    final InterestSnapshot snapshot;

    RecordingService(InterestSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    @Override
    public Future<Void> onDelta(InterestDelta delta) {
      deltas.add(delta);
      return Future.succeededFuture();
    }

    @Override
    public InterestSnapshot snapshot() {
      return snapshot;
    }

    @Override
    public void onDigest(InterestDigest digest) {
      digests.add(digest);
    }
  }

  static <T> T get(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }

  @Test
  void pushCompletesOnlyAfterTheReceiverApplied() throws Exception {
    Pair pair = pair();
    RecordingService receiver = new RecordingService(new InterestSnapshot(pair.secondId(), 0, Set.of()));
    get(pair.second().serve(receiver));
    get(pair.first().serve(new RecordingService(new InterestSnapshot(pair.firstId(), 0, Set.of()))));
    InterestDelta delta = new InterestDelta(pair.firstId(), 1, true, "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b");
    get(pair.first().push(pair.secondId(), delta));
    assertThat(receiver.deltas).containsExactly(delta);
  }

  @Test
  void pushesArriveInTheOrderTheyWereMade() throws Exception {
    Pair pair = pair();
    RecordingService receiver = new RecordingService(new InterestSnapshot(pair.secondId(), 0, Set.of()));
    get(pair.second().serve(receiver));
    List<Future<Void>> pushes = new java.util.ArrayList<>();
    for (int version = 1; version <= 200; version++) {
      pushes.add(pair.first().push(pair.secondId(), new InterestDelta(pair.firstId(), version, version % 3 != 0,
          "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b:p" + version)));
    }
    get(Future.all(pushes));
    assertThat(receiver.deltas).extracting(InterestDelta::version)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList());
  }

  @Test
  void pullReturnsTheReceiversSnapshot() throws Exception {
    Pair pair = pair();
    InterestSnapshot snapshot = new InterestSnapshot(pair.secondId(), 42,
        Set.of("customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b", "agent_id:7c7b3a5e-2a52-4d8a-9c63-0d7e3ad3f0a1:call"));
    get(pair.second().serve(new RecordingService(snapshot)));
    assertThat(get(pair.first().pull(pair.secondId()))).isEqualTo(snapshot);
  }

  @Test
  void pushToANodeThatDoesNotAnswerFails() throws Exception {
    Pair pair = pair();
    Future<Void> push = pair.first().push("no-such-node",
        new InterestDelta(pair.firstId(), 1, true, "customer_id:5e4a0680-804e-11ec-8477-2fea5968d85b"));
    await().atMost(Duration.ofSeconds(20)).until(push::isComplete);
    assertThat(push.failed()).isTrue();
  }

  @Test
  void broadcastReachesTheOtherNodeOnceAndNotItself() throws Exception {
    Pair pair = pair();
    RecordingService first = new RecordingService(new InterestSnapshot(pair.firstId(), 0, Set.of()));
    RecordingService second = new RecordingService(new InterestSnapshot(pair.secondId(), 0, Set.of()));
    get(pair.first().serve(first));
    get(pair.second().serve(second));
    InterestDigest digest = new InterestDigest(pair.firstId(), 7, 3);
    pair.first().broadcast(digest);
    // A second broadcast as a marker: once it has arrived, the first one has too, exactly once.
    InterestDigest marker = new InterestDigest(pair.firstId(), 8, 3);
    pair.first().broadcast(marker);
    await().atMost(Duration.ofSeconds(20)).until(() -> second.digests.contains(marker));
    assertThat(second.digests).containsExactly(digest, marker);
    assertThat(first.digests).isEmpty();
  }
}
