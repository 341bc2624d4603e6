package io.herald.cluster;

import java.util.Set;

/** Everything a node advertises, as of {@code version}. */
public record InterestSnapshot(String node, long version, Set<String> prefixes) {
  public InterestSnapshot {
    prefixes = Set.copyOf(prefixes);
  }
}
