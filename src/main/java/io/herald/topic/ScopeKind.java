package io.herald.topic;

/** The two kinds of topic scope: the first segment of every canonical topic. */
public enum ScopeKind {
  CUSTOMER("customer_id"),
  AGENT("agent_id");

  private final String segment;

  ScopeKind(String segment) {
    this.segment = segment;
  }

  public String segment() {
    return segment;
  }

  /** The kind whose first segment is {@code segment}, or null. */
  static ScopeKind ofSegment(String segment) {
    for (ScopeKind kind : values()) {
      if (kind.segment.equals(segment)) {
        return kind;
      }
    }
    return null;
  }
}
