package io.herald.ops;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the node is in its life: starting, serving, or draining before exit. Shared by every event
 * loop of the node (hence atomic); readiness and the WebSocket endpoint read it.
 */
public final class NodeState {
  public enum Phase {
    STARTING,
    SERVING,
    DRAINING
  }

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.STARTING);

  public Phase phase() {
    return phase.get();
  }

  public boolean isServing() {
    return phase.get() == Phase.SERVING;
  }

  public void serving() {
    phase.compareAndSet(Phase.STARTING, Phase.SERVING);
  }

  /** From here on the node refuses new connections and reports not ready. Never undone. */
  public void drain() {
    phase.set(Phase.DRAINING);
  }
}
