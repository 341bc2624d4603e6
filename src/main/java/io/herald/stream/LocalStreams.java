package io.herald.stream;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The streams of a node that is not clustered: histories in this process, one lock for all (an
 * append is a few array copies). Appended events go to {@code deliver} under the lock, so that
 * delivery sees each customer's events in offset order. A restart loses the history; the next
 * stream gets a new epoch, which makes resumes from before it answer {@code recovered:false}.
 */
public final class LocalStreams implements Streams {
  private final Map<UUID, History> histories = new HashMap<>();
  private final History.Limits limits;
  private final Clock clock;
  private final BiConsumer<UUID, List<StreamEvent>> deliver;

  public LocalStreams(History.Limits limits, Clock clock, BiConsumer<UUID, List<StreamEvent>> deliver) {
    this.limits = limits;
    this.clock = clock;
    this.deliver = deliver;
  }

  @Override
  public synchronized CompletionStage<StreamPosition> append(
      UUID customer, String batch, List<Unsequenced> events) {
    History history = history(customer);
    List<StreamEvent> appended = history.append(batch, events, clock.millis(), limits);
    deliver.accept(customer, appended);
    return CompletableFuture.completedFuture(history.head());
  }

  @Override
  public synchronized CompletionStage<Window> read(UUID customer, long offset) {
    return CompletableFuture.completedFuture(history(customer).after(offset, clock.millis(), limits));
  }

  /**
   * Drops expired events of every customer (called periodically: a customer that goes quiet
   * would otherwise keep its last events). Streams themselves stay, with their epoch and next
   * offset, so that a client that saw nothing for a while still resumes.
   */
  @Override
  public synchronized void expire() {
    long now = clock.millis();
    histories.values().forEach(history -> history.expire(now, limits));
  }

  private History history(UUID customer) {
    return histories.computeIfAbsent(customer, c -> new History(UUID.randomUUID().toString()));
  }
}
