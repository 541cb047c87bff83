package cn.cq.ipmonitor.broker;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Topics that could not be created, or whose partitions could not all serve clients, in the time allowed. */
public final class TopicsNotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> topics;

  TopicsNotReadyException(Set<String> topics, Duration timeout, String lastProblem, Throwable cause) {
    super("Kafka topics " + List.copyOf(topics) + " not ready after " + timeout.toMillis() + " ms"
        + (lastProblem == null ? "" : ": " + lastProblem), cause);
    this.topics = List.copyOf(topics);
  }

  /** The topics that were not ready, sorted by name. */
  public List<String> topics() {
    return topics;
  }
}
