package cn.cq.ipmonitor.load;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import scala.Option;

/**
 * Lets the simulation record measurements of its own as Gatling requests, so that they get
 * percentiles in the report and can be asserted on like any request: here, the event-to-push
 * delay of every pushed snapshot, which no send/await pair can measure (the server pushes on its
 * own cadence).
 *
 * <p>Gatling's Java DSL has no public call for this, so this builder takes the stats engine from
 * the scenario context when Gatling builds the scenario and adds no action of its own (it returns
 * the next action). Put it first in every scenario that logs through it.
 */
final class StatsSink implements ActionBuilder {

  private volatile StatsEngine engine;

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return (ctx, next) -> {
      engine = ctx.coreComponents().statsEngine();
      return next;
    };
  }

  /**
   * Records one request named {@code name} of the session's scenario, from {@code startMillis} to
   * {@code endMillis} (epoch milliseconds), failed when {@code failure} is not null.
   */
  void log(Session session, String name, long startMillis, long endMillis, String failure) {
    StatsEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("StatsSink used in a scenario that does not exec it first");
    }
    e.logResponse(session.scenario(), session.asScala().groups(), name, startMillis, Math.max(startMillis, endMillis),
        failure == null ? OK$.MODULE$ : KO$.MODULE$, Option.empty(),
        failure == null ? Option.empty() : Option.apply(failure));
  }
}
