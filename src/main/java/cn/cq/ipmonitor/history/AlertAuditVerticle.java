package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.alert.AlertEvaluatorVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every alert change in history ({@code alert_changes}): the audit trail of who acknowledged or resolved
 * what, with their notes. It listens locally: a change is published on the node that made it (the member that
 * evaluates the agency, or the node that served the acknowledgement), so each change is stored by one node.
 * A change that fails to store is logged and dropped; the alert itself stays in the cluster.
 */
public final class AlertAuditVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AlertAuditVerticle.class);
  private static final String INSERT = "INSERT INTO alert_changes (alert_id, changed_at, status, rule, severity,"
      + " agency_id, district, value, threshold, ack_by, note, alert, note_by)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13) ON CONFLICT DO NOTHING";

  private final HistoryDatabase db;
  private MessageConsumer<JsonObject> consumer;

  public AlertAuditVerticle(HistoryDatabase db) {
    this.db = db;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(AlertEvaluatorVerticle.CHANGES, m -> store(m.body()));
    return consumer.completion();
  }

  private void store(JsonObject a) {
    if (!db.isReady()) {
      LOG.warn("Alert change {} {} not stored: history not ready", a.getString("id"), a.getString("status"));
      return;
    }
    db.pool().preparedQuery(INSERT).execute(Tuple.tuple()
            .addString(a.getString("id"))
            .addValue(OffsetDateTime.ofInstant(Instant.parse(a.getString("updatedAt")), ZoneOffset.UTC))
            .addString(a.getString("status")).addString(a.getString("rule")).addString(a.getString("severity"))
            .addString(a.getString("agencyId")).addString(a.getString("district"))
            .addValue(a.getDouble("value")).addValue(a.getDouble("threshold"))
            .addString(a.getString("ackBy")).addString(a.getString("note")).addString(a.encode())
            .addString(a.getString("noteBy")))
        .onFailure(e -> LOG.warn("Alert change {} not stored: {}", a.getString("id"), e.getMessage()));
  }
}
