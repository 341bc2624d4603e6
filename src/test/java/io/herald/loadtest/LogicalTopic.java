package io.herald.loadtest;

import java.util.UUID;

/**
 * A topic as the load tool thinks of it: one customer's resource, or (id == null) the prefix over
 * all of that customer's resources of that kind. Each target spells it in its own syntax
 * (customer_id:C:call:ID, customer_id.C.call.ID, customer_id/C/call/ID).
 */
record LogicalTopic(UUID customer, String resource, String id) {
  static LogicalTopic prefix(UUID customer, String resource) {
    return new LogicalTopic(customer, resource, null);
  }

  static LogicalTopic exact(UUID customer, String resource, String id) {
    return new LogicalTopic(customer, resource, id);
  }

  boolean isPrefix() {
    return id == null;
  }

  /** Joins the segments with a separator, adding {@code wildcard} as the last segment of a prefix. */
  String spell(String separator, String wildcard) {
    String base = "customer_id" + separator + customer + separator + resource;
    if (isPrefix()) {
      return wildcard == null ? base : base + separator + wildcard;
    }
    return base + separator + id;
  }
}
