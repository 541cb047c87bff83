package cn.cq.ipmonitor.config;

/** Event-bus addresses, in one place: who publishes what, and whether it crosses the cluster. */
public final class Addresses {

  /**
   * Every alert change, as CONTRACT.md section 5 JSON, published once by the node that made it and delivered
   * to every node's consumers (the live push of each node); local consumers (the audit trail) see only the
   * changes of their own node, so each change is stored once.
   */
  public static final String ALERT_CHANGES = "ipmon.alerts.changes";

  /**
   * The newest Kafka record timestamp among events a node's ingest has applied to the shared state (a Long),
   * published to every node after each batch: the live push reports the cluster's freshest event with it.
   */
  public static final String FEED_WATERMARK = "ipmon.feed.watermark";

  private Addresses() {
  }
}
