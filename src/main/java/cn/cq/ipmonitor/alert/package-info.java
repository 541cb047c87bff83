/**
 * The alert domain, pure (no Vert.x, no Hazelcast): {@link cn.cq.ipmonitor.alert.RuleSet} holds the validated
 * rules (defaults in {@code alert-rules.json}), {@link cn.cq.ipmonitor.alert.RuleEngine} turns an agency's
 * assessment into one {@link cn.cq.ipmonitor.alert.Condition} per enabled rule, and
 * {@link cn.cq.ipmonitor.alert.Lifecycle} turns conditions into the next version of each
 * {@link cn.cq.ipmonitor.alert.Alert} (CONTRACT.md section 5).
 */
package cn.cq.ipmonitor.alert;
