package io.herald.gateway;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open WebSocket connections: for the whole node and per customer on this node. Shared by
 * the node's event loops (admission is node-wide), hence the concurrent counters.
 */
public final class ConnectionQuotas {
  private final int maxTotal;
  private final int maxPerCustomer;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<UUID, Integer> perCustomer = new ConcurrentHashMap<>();

  ConnectionQuotas(int maxTotal, int maxPerCustomer) {
    this.maxTotal = maxTotal;
    this.maxPerCustomer = maxPerCustomer;
  }

  /** Takes a slot for a connection of {@code customer}; false when either cap is reached. */
  boolean tryAcquire(UUID customer) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return false;
    }
    boolean[] admitted = {true};
    perCustomer.compute(customer, (c, open) -> {
      int next = open == null ? 1 : open + 1;
      if (next > maxPerCustomer) {
        admitted[0] = false;
        return open;
      }
      return next;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
    }
    return admitted[0];
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  void release(UUID customer) {
    total.decrementAndGet();
    perCustomer.computeIfPresent(customer, (c, open) -> open == 1 ? null : open - 1);
  }

  public int open() {
    return total.get();
  }
}
