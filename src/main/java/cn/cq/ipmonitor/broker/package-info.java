/**
 * The Kafka side of the monitor's infrastructure: an in-process single-node KRaft broker
 * ({@link cn.cq.ipmonitor.broker.EmbeddedKafka}) for the demo mode and the tests, and blocking topic
 * administration ({@link cn.cq.ipmonitor.broker.TopicAdmin}) that works against any cluster, embedded or
 * external.
 *
 * <p>Everything here blocks: call it from {@code main}, a test, or {@code executeBlocking}, never from an
 * event loop.
 */
package cn.cq.ipmonitor.broker;
