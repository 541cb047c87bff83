package cn.cq.ipmonitor.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Named conditions that must all hold before a node says it is ready. */
public final class Readiness {

  private final Map<String, Boolean> checks = new ConcurrentHashMap<>();

  public void require(String name) {
    checks.putIfAbsent(name, false);
  }

  public void set(String name, boolean ok) {
    checks.put(name, ok);
  }

  public boolean ready() {
    return !checks.isEmpty() && checks.values().stream().allMatch(Boolean::booleanValue);
  }

  public Map<String, Boolean> snapshot() {
    return Map.copyOf(checks);
  }
}
