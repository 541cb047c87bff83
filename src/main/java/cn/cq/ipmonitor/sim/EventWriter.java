package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.EventType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/** Writes a draft as one contract event (CONTRACT.md section 1); Jackson takes care of escaping. */
final class EventWriter {

  /** Asia/Shanghai has kept +08:00 without daylight saving since 1991. */
  private static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final int INITIAL_BUFFER = 512;

  private final JsonFactory factory = new JsonFactory();

  SimEvent write(Draft d) {
    StringWriter out = new StringWriter(INITIAL_BUFFER);
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("eventId", d.eventId());
      g.writeStringField("type", d.type().name());
      g.writeStringField("occurredAt", occurredAt(d.at()));
      g.writeStringField("agencyId", d.agency().id());
      optional(g, "applicationNo", d.applicationNo());
      optional(g, "ipType", d.ipType() == null ? null : d.ipType().name());
      optional(g, "route", d.route());
      optional(g, "attorneyId", d.attorneyId());
      if (d.applicant() != null) {
        g.writeObjectFieldStart("applicant");
        g.writeStringField("id", d.applicant().id());
        g.writeStringField("kind", d.applicant().kind());
        g.writeEndObject();
      }
      if (d.type() == EventType.AGENCY_REGISTERED) {
        g.writeStringField("district", d.agency().district());
      }
      if (d.detail() != null) {
        g.writeFieldName("detail");
        value(g, d.detail());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write event " + d.eventId(), e);
    }
    return new SimEvent(d.agency().id(), out.toString(), d.at());
  }

  static String occurredAt(long millis) {
    long seconds = Math.floorDiv(millis, ActivityCurve.SECOND);
    return RFC3339.format(LocalDateTime.ofEpochSecond(seconds, 0, OFFSET).atOffset(OFFSET));
  }

  private static void optional(JsonGenerator g, String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(e.getKey().toString());
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Collection<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        value(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double x) {
      g.writeNumber(x);
    } else if (v == null) {
      g.writeNull();
    } else {
      g.writeString(v.toString());
    }
  }
}
