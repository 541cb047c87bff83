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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An operator's replay of whole past days from history into the live state: each agency's buckets of those
 * days are emptied and its stored events of those days applied again, in one step per agency, so the days end
 * up counting exactly what history holds, however the live state got there. Rows come ordered by agency and
 * streamed, so memory stays bounded; an agency's first part clears, its later parts only add.
 */
public final class HistoryReplay {

  private static final int FETCH_ROWS = 2_000;
  private static final int APPLY_BATCH = 20_000;
  private static final String SQL = "SELECT agency_id, payload::text FROM raw_events"
      + " WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY agency_id";

  /** What a replay did. */
  public record Result(long events, int agencies) {
  }

  private HistoryReplay() {
  }

  public static Future<Result> replay(HistoryDatabase db, EventDecoder decoder, AgencyStore store, long fromMillis,
                                      long toMillis, long nowMillis) {
    return db.pool().withTransaction(conn -> conn.prepare(SQL).compose(ps -> {
      Promise<Result> done = Promise.promise();
      RowStream<Row> stream = ps.createStream(FETCH_ROWS, Tuple.of(at(fromMillis), at(toMillis)));
      Replayer r = new Replayer(decoder, store, fromMillis, toMillis, nowMillis, stream, done);
      stream.exceptionHandler(done::tryFail);
      stream.endHandler(v -> r.finish());
      stream.handler(r::row);
      return done.future();
    }));
  }

  private static OffsetDateTime at(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static final class Replayer {
    private final EventDecoder decoder;
    private final AgencyStore store;
    private final long fromMillis;
    private final long toMillis;
    private final long nowMillis;
    private final RowStream<Row> stream;
    private final Promise<Result> done;
    private final Set<String> cleared = new HashSet<>();
    private Map<String, List<Fact>> batch = new HashMap<>();
    private Set<String> clearInBatch = new HashSet<>();
    private int inBatch;
    private long events;

    Replayer(EventDecoder decoder, AgencyStore store, long fromMillis, long toMillis, long nowMillis,
             RowStream<Row> stream, Promise<Result> done) {
      this.decoder = decoder;
      this.store = store;
      this.fromMillis = fromMillis;
      this.toMillis = toMillis;
      this.nowMillis = nowMillis;
      this.stream = stream;
      this.done = done;
    }

    void row(Row row) {
      Decoded d = decoder.decode(row.getString(1).getBytes(StandardCharsets.UTF_8));
      if (!d.isValid()) {
        return;
      }
      String agency = d.event().agencyId();
      if (cleared.add(agency)) {
        clearInBatch.add(agency);
      }
      batch.computeIfAbsent(agency, k -> new ArrayList<>()).add(Fact.of(d.event()));
      if (++inBatch >= APPLY_BATCH) {
        stream.pause();
        write().onSuccess(x -> stream.resume()).onFailure(done::tryFail);
      }
    }

    void finish() {
      write().onSuccess(x -> done.tryComplete(new Result(events, cleared.size()))).onFailure(done::tryFail);
    }

    private Future<Integer> write() {
      Map<String, List<Fact>> full = batch;
      Set<String> clear = clearInBatch;
      events += inBatch;
      batch = new HashMap<>();
      clearInBatch = new HashSet<>();
      inBatch = 0;
      return store.replay(full, clear, fromMillis, toMillis, nowMillis);
    }
  }
}
