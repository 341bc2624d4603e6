package io.herald.config;

/**
 * Customer streams with history and resume (docs/streams.md).
 *
 * @param enabled HERALD_HISTORY_ENABLED: events get a place in their customer's stream, kept for
 *     resumes; off, the publish path is the plain one and frames carry no offset
 * @param size HERALD_HISTORY_SIZE, the most recent events kept per customer
 * @param ttlSeconds HERALD_HISTORY_TTL, in seconds: older events are dropped
 */
public record HistorySettings(boolean enabled, int size, int ttlSeconds) {}
