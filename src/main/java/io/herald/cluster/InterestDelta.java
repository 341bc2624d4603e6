package io.herald.cluster;

/**
 * One change of a node's advertised interest: the node now wants (or no longer wants) events
 * under {@code prefix}. Versions count every change of that node, from 1, without gaps.
 */
public record InterestDelta(String node, long version, boolean add, String prefix) {}
