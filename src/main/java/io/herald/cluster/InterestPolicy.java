package io.herald.cluster;

import io.herald.config.ClusterSettings.InterestGranularity;
import io.herald.topic.Topic;

/**
 * What a node advertises for a subscription. Coarser interest means a smaller table and fewer
 * updates, paid for with events a node receives only to find no local subscriber.
 */
public final class InterestPolicy {
  private final InterestGranularity granularity;

  public InterestPolicy(InterestGranularity granularity) {
    this.granularity = granularity;
  }

  public Topic advertised(Topic subscription) {
    return granularity == InterestGranularity.SCOPE ? subscription.prefix(2) : subscription;
  }
}
