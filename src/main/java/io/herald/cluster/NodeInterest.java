package io.herald.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * This node's own interest: which prefixes it advertises, how many local holders (event loops)
 * each has, and whether the cluster has confirmed the advertisement. Only the 0 -> 1 and (after
 * a grace period) 1 -> 0 transitions become {@link InterestDelta}s. Single-threaded: owned by
 * the cluster verticle's context.
 */
public final class NodeInterest {
  private final String node;
  private final Map<String, Entry> entries = new HashMap<>();
  private long version;

  public NodeInterest(String node) {
    this.node = node;
  }

  private static final class Entry {
    int holders;
    long addVersion;
    boolean confirmed;
    List<Runnable> waiters = new ArrayList<>(1);
  }

  /** A holder takes {@code prefix}; returns the delta to announce, or null if already advertised. */
  public InterestDelta acquire(String prefix) {
    Entry entry = entries.get(prefix);
    if (entry != null) {
      entry.holders++;
      return null;
    }
    entry = new Entry();
    entry.holders = 1;
    entry.addVersion = ++version;
    entries.put(prefix, entry);
    return new InterestDelta(node, entry.addVersion, true, prefix);
  }

  /**
   * A holder lets go of {@code prefix}. True when none is left: the caller should call
   * {@link #expire} after the grace period.
   */
  public boolean release(String prefix) {
    Entry entry = entries.get(prefix);
    if (entry == null || entry.holders == 0) {
      return false;
    }
    entry.holders--;
    return entry.holders == 0;
  }

  /** At the end of the grace period: the removal to announce, or null if it was taken again. */
  public InterestDelta expire(String prefix) {
    Entry entry = entries.get(prefix);
    if (entry == null || entry.holders > 0) {
      return null;
    }
    entries.remove(prefix);
    runWaiters(entry);
    return new InterestDelta(node, ++version, false, prefix);
  }

  /** Every peer has applied the add of {@code delta}: waiting subscribers may be acknowledged. */
  public void confirmed(InterestDelta delta) {
    Entry entry = entries.get(delta.prefix());
    if (entry != null && delta.add() && entry.addVersion == delta.version()) {
      entry.confirmed = true;
      runWaiters(entry);
    }
  }

  /**
   * Runs {@code callback} once every prefix is confirmed (at once if they are). A prefix no longer
   * advertised counts as confirmed: nobody is left to wait for it.
   */
  public void whenLive(Collection<String> prefixes, Runnable callback) {
    List<Entry> pending = new ArrayList<>();
    for (String prefix : prefixes) {
      Entry entry = entries.get(prefix);
      if (entry != null && !entry.confirmed) {
        pending.add(entry);
      }
    }
    if (pending.isEmpty()) {
      callback.run();
      return;
    }
    int[] remaining = {pending.size()};
    for (Entry entry : pending) {
      entry.waiters.add(() -> {
        if (--remaining[0] == 0) {
          callback.run();
        }
      });
    }
  }

  public InterestSnapshot snapshot() {
    return new InterestSnapshot(node, version, Set.copyOf(entries.keySet()));
  }

  public long version() {
    return version;
  }

  public int size() {
    return entries.size();
  }

  private static void runWaiters(Entry entry) {
    List<Runnable> waiters = entry.waiters;
    entry.waiters = new ArrayList<>(1);
    waiters.forEach(Runnable::run);
  }
}
