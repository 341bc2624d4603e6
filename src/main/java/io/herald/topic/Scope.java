package io.herald.topic;

import java.util.UUID;

/** Whose a topic is: a customer or an agent, by id. */
public record Scope(ScopeKind kind, UUID id) {}
