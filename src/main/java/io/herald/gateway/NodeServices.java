package io.herald.gateway;

import io.herald.config.Settings;
import io.herald.ingest.EventPublisher;
import io.herald.ops.NodeState;
import io.herald.session.Session.SessionCodecs;
import java.time.Clock;

/**
 * What every gateway verticle instance of a node shares: thread-safe services and immutable
 * settings, built once by the main verticle and passed in constructors.
 *
 * @param settings the node's settings, with the JWT secret resolved (configured or generated)
 */
public record NodeServices(
    Settings settings,
    NodeState state,
    EventPublisher publisher,
    SessionCodecs codecs,
    Clock clock) {}
