package cn.cq.ipmonitor.alert;

/** How bad a condition is; declaration order is increasing, so {@code compareTo} tells a rise. */
public enum Severity { INFO, WARNING, CRITICAL }
