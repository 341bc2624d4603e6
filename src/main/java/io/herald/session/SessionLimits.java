package io.herald.session;

/**
 * Per-connection caps.
 *
 * @param maxSubscriptions subscriptions one connection may hold
 * @param controlRate client frames per second
 * @param controlBurst frames allowed in a burst above the rate
 */
public record SessionLimits(int maxSubscriptions, int controlRate, int controlBurst) {}
