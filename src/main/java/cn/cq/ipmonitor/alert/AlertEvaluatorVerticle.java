package cn.cq.ipmonitor.alert;

import cn.cq.ipmonitor.indicator.AgencyReading;
import cn.cq.ipmonitor.indicator.Assessment;
import cn.cq.ipmonitor.state.AgencyStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns indicators into alerts. On a steady cadence every node evaluates the agencies whose state it holds
 * (so each agency is evaluated by exactly one member, and its alerts, kept in the same partition, are read and
 * written locally), advances each (rule, agency) alert through its lifecycle, publishes what changed
 * ({@link AlertChanges}) and stores it.
 */
public final class AlertEvaluatorVerticle extends VerticleBase {

  /** Event-bus address of alert changes (JSON of the alert). */
  public static final String CHANGES = cn.cq.ipmonitor.config.Addresses.ALERT_CHANGES;
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluatorVerticle.class);

  private final AgencyStore agencies;
  private final AlertStore alerts;
  private final java.util.function.Supplier<RuleEngine> engine;
  private final Lifecycle lifecycle;
  private final Assessment.Assessor assessor;
  private final long intervalMs;
  private final LongSupplier clock;
  private final AlertChanges changes;
  private final long escalateAfterMs;
  private boolean running;

  /** @param engine the rules in force, read once per round (a reload swaps them between rounds) */
  public AlertEvaluatorVerticle(AgencyStore agencies, AlertStore alerts,
                                java.util.function.Supplier<RuleEngine> engine, Lifecycle lifecycle,
                                Assessment.Assessor assessor, long intervalMs, LongSupplier clock,
                                AlertChanges changes, long escalateAfterMs) {
    this.agencies = agencies;
    this.alerts = alerts;
    this.engine = engine;
    this.lifecycle = lifecycle;
    this.assessor = assessor;
    this.intervalMs = intervalMs;
    this.clock = clock;
    this.changes = changes;
    this.escalateAfterMs = escalateAfterMs;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(intervalMs, id -> evaluate());
    return Future.succeededFuture();
  }

  /** One round; a round still running when the next is due makes the next one skip. */
  Future<Integer> evaluate() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    long now = clock.getAsLong();
    // Published before saved: if this node dies in between, the next round finds the old alert and decides
    // again, so a change is notified at least once and never lost.
    return agencies.readLocal(now)
        .compose(readings -> vertx.executeBlocking(() -> advance(readings, now), false))
        .compose(changed -> changes.publish(changed).map(changed))
        .compose(changed -> vertx.executeBlocking(() -> {
          changed.forEach(alerts::save);
          return changed.size();
        }, false))
        .onFailure(e -> LOG.warn("Alert evaluation failed: {}", e.toString()))
        .eventually(() -> {
          running = false;
          return Future.succeededFuture();
        });
  }

  /** Blocking: reads and writes this member's alerts. */
  private List<Alert> advance(List<AgencyReading> readings, long now) {
    CityContext city = new CityContext(median(readings));
    RuleEngine rules = engine.get();
    Map<String, Alert> open = alerts.localOpen();
    List<Alert> changed = new ArrayList<>();
    for (AgencyReading r : readings) {
      Assessment a = assessor.assess(r);
      for (Condition c : rules.evaluate(a, city)) {
        Alert current = open.get(AlertStore.key(c.rule(), r.agencyId()));
        if (current == null && c.severity() == null) {
          continue;
        }
        if (current != null && current.status() == AlertStatus.RESOLVED) {
          // Resolved by hand: quiet while the condition holds, forgotten once it clears.
          if (c.severity() == null) {
            alerts.forget(current);
          }
          continue;
        }
        Alert next = lifecycle.advance(current, c, r.agencyId(), r.district(), now);
        if (next != null && next.status() == AlertStatus.FIRING && now - next.startsAt() >= escalateAfterMs) {
          next = lifecycle.escalate(next, now);
        }
        if (next != null && next != current) {
          changed.add(next);
        }
      }
    }
    return changed;
  }

  /**
   * The median filings per attorney of the agencies evaluated here. On one node that is the city; in a cluster
   * each member sees its share of the agencies, a sample of the city's distribution.
   */
  private Double median(List<AgencyReading> readings) {
    double[] v = readings.stream().map(r -> assessor.derive(r.measures()).perAttorneyAnnual())
        .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length == 0 ? null : v[v.length / 2];
  }
}
