package io.herald.stream;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Where customers' streams are sequenced and their history kept: Hazelcast in a cluster
 * ({@code cluster.CustomerSequencer}), {@link LocalStreams} on a single node. Contract: the
 * events of one customer get consecutive offsets in one order, whoever appends them; a batch
 * appended twice (a retry) keeps the offsets it got first; appended events go to the node's
 * delivery in offset order; a read sees every event appended before it started.
 */
public interface Streams {
  /**
   * Sequences one publish request's events of {@code customer}, keeps them and hands them on for
   * delivery; completes with the position of the last once they are kept (with a backup, in a cluster).
   */
  CompletionStage<StreamPosition> append(UUID customer, String batch, List<Unsequenced> events);

  /**
   * The customer's history after {@code offset}; starts the stream (draws its epoch) when it has
   * none yet, so that every reader gets a position to resume from.
   */
  CompletionStage<Window> read(UUID customer, long offset);

  /**
   * Drops the events older than the TTL (called periodically); streams keep their epoch and next
   * offset.
   */
  void expire();
}
