package io.herald.topic;

import io.herald.auth.Principal;

/**
 * Who may subscribe to what. A super admin may read anything; a customer-scoped topic needs that
 * customer and the admin or manager bit; an agent-scoped topic needs that agent itself.
 */
public final class TopicPermissions {
  private TopicPermissions() {}

  public static boolean mayRead(Principal principal, Topic topic) {
    if (!principal.maySubscribe()) {
      return false;
    }
    if (principal.has(Principal.SUPER_ADMIN)) {
      return true;
    }
    Scope scope = topic.scope();
    return switch (scope.kind()) {
      case CUSTOMER ->
          scope.id().equals(principal.customerId())
              && (principal.has(Principal.CUSTOMER_ADMIN)
                  || principal.has(Principal.CUSTOMER_MANAGER));
      case AGENT -> scope.id().equals(principal.agentId());
    };
  }
}
