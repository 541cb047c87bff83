package cn.cq.ipmonitor.sim;

/**
 * One simulated event, ready for Kafka.
 *
 * @param key              the record key: the agency id, so one agency's events stay on one partition
 * @param json             the record value: one contract event (CONTRACT.md section 1)
 * @param occurredAtMillis the event time, epoch milliseconds (whole seconds, as in {@code occurredAt})
 */
public record SimEvent(String key, String json, long occurredAtMillis) {
}
