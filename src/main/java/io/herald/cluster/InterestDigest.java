package io.herald.cluster;

/** What a node broadcasts periodically so that others can check their mirror of it. */
public record InterestDigest(String node, long version, int prefixCount) {}
