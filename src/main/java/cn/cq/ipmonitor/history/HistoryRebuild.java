package cn.cq.ipmonitor.history;

import cn.cq.ipmonitor.event.Decoded;
import cn.cq.ipmonitor.event.EventDecoder;
import cn.cq.ipmonitor.indicator.Fact;
import cn.cq.ipmonitor.state.AgencyStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the live state from history after a whole-cluster stop: the stored events of the windows, and every
 * registry event whatever its age (an agency registered years ago keeps its name and district), straight into
 * the agency store in batches, streamed so memory stays bounded. The events go through the same decoder and
 * the same entry processors as Kafka records; repeats are harmless.
 */
public final class HistoryRebuild {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryRebuild.class);
  private static final int FETCH_ROWS = 2_000;
  private static final int APPLY_BATCH = 20_000;
  private static final String SQL = "SELECT payload::text FROM raw_events WHERE occurred_at >= $1"
      + " OR type IN ('AGENCY_REGISTERED', 'AGENCY_STATUS_CHANGED', 'PENALTY_IMPOSED')";

  private HistoryRebuild() {
  }

  /**
   * Streams history into the store.
   *
   * @param sinceMillis oldest event time still in a window
   * @return the number of events loaded
   */
  public static Future<Long> load(HistoryDatabase db, EventDecoder decoder, AgencyStore store, long sinceMillis,
                                  long nowMillis) {
    long started = System.nanoTime();
    return db.pool().withTransaction(conn -> conn.prepare(SQL).compose(ps -> {
      Promise<Long> done = Promise.promise();
      RowStream<Row> stream = ps.createStream(FETCH_ROWS,
          Tuple.of(OffsetDateTime.ofInstant(Instant.ofEpochMilli(sinceMillis), ZoneOffset.UTC)));
      Loader loader = new Loader(decoder, store, nowMillis, stream, done);
      stream.exceptionHandler(done::tryFail);
      stream.endHandler(v -> loader.finish());
      stream.handler(loader::row);
      return done.future();
    })).onSuccess(n -> LOG.info("Rebuilt the live state from history: {} events in {} ms", n,
        (System.nanoTime() - started) / 1_000_000));
  }

  /** Gathers rows into per-agency batches, pausing the stream while a batch is written. */
  private static final class Loader {
    private final EventDecoder decoder;
    private final AgencyStore store;
    private final long nowMillis;
    private final RowStream<Row> stream;
    private final Promise<Long> done;
    private Map<String, List<Fact>> batch = new HashMap<>();
    private int inBatch;
    private long loaded;

    Loader(EventDecoder decoder, AgencyStore store, long nowMillis, RowStream<Row> stream, Promise<Long> done) {
      this.decoder = decoder;
      this.store = store;
      this.nowMillis = nowMillis;
      this.stream = stream;
      this.done = done;
    }

    void row(Row row) {
      Decoded d = decoder.decode(row.getString(0).getBytes(StandardCharsets.UTF_8));
      if (!d.isValid()) {
        return; // stored events were valid when they arrived; a changed rule (e.g. categories) may refuse one now
      }
      batch.computeIfAbsent(d.event().agencyId(), k -> new ArrayList<>()).add(Fact.of(d.event()));
      if (++inBatch >= APPLY_BATCH) {
        stream.pause();
        write().onSuccess(x -> stream.resume()).onFailure(done::tryFail);
      }
    }

    void finish() {
      write().onSuccess(x -> done.tryComplete(loaded)).onFailure(done::tryFail);
    }

    private Future<AgencyStore.ApplyStats> write() {
      Map<String, List<Fact>> full = batch;
      loaded += inBatch;
      batch = new HashMap<>();
      inBatch = 0;
      return store.apply(full, nowMillis);
    }
  }
}
