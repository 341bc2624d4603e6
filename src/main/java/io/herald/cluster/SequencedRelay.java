package io.herald.cluster;

import io.herald.stream.StreamEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The routing hook as Hazelcast sees it, present from the moment the member starts. A member owns
 * partitions, and so sequences appends, as soon as it has joined: seconds before Herald's cluster
 * verticle has learned the other nodes' interest and can route. Until the verticle binds its
 * router, what this member sequences is held, in order and bounded; binding hands it over, then
 * every call goes straight through. Called on Hazelcast partition threads, so it is thread-safe;
 * a customer's events always come from one partition thread, in offset order.
 *
 * <p>Past the bound, further events are not held. Nothing is lost for good: the router is new
 * when it binds, so the first event it sends each node carries no chain link, and the receiving
 * node reads what it missed from the history before passing anything on.
 */
final class SequencedRelay implements CustomerSequencer.Sequenced {
  static final int LIMIT = 10_000;
  private static final Logger LOG = Logger.getLogger(SequencedRelay.class.getName());

  private record Held(UUID customer, List<StreamEvent> events) {}

  private final int limit;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private int heldEvents;
  private long dropped;
  private volatile CustomerSequencer.Sequenced router;

  SequencedRelay(int limit) {
    this.limit = limit;
  }

  @Override
  public void sequenced(UUID customer, List<StreamEvent> events) {
    CustomerSequencer.Sequenced bound = router;
    if (bound == null) {
      synchronized (this) {
        bound = router;
        if (bound == null) {
          hold(customer, events);
          return;
        }
      }
    }
    bound.sequenced(customer, events);
  }

  /** Hands over what was held, in order; from then on events go straight to {@code target}. */
  synchronized void bind(CustomerSequencer.Sequenced target) {
    int count = heldEvents;
    for (Held batch : held) {
      target.sequenced(batch.customer(), batch.events());
    }
    held.clear();
    heldEvents = 0;
    router = target;
    if (count > 0 || dropped > 0) {
      LOG.info("routing started: " + count + " events sequenced before it handed over, "
          + dropped + " past the bound left to the receivers' history reads");
    }
  }

  /** Events sequenced and not handed to a router yet. */
  synchronized int held() {
    return heldEvents;
  }

  private void hold(UUID customer, List<StreamEvent> events) {
    if (heldEvents + events.size() > limit) {
      dropped += events.size();
      return;
    }
    held.add(new Held(customer, events));
    heldEvents += events.size();
  }
}
