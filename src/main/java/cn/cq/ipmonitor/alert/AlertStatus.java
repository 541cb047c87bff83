package cn.cq.ipmonitor.alert;

/** Where an alert is in its life (CONTRACT.md section 5). */
public enum AlertStatus { FIRING, ACKNOWLEDGED, RESOLVED }
