package cn.cq.ipmonitor.it;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Contract events for tests. */
public final class Events {

  private static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);

  private Events() {
  }

  public static String at(Instant t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(t, SHANGHAI));
  }

  public static JsonObject registered(String agencyId, String district, int attorneys, Instant at) {
    return base("AGENCY_REGISTERED", agencyId, at).put("district", district)
        .put("detail", new JsonObject().put("name", "重庆测试代理所" + agencyId).put("kind", "PATENT")
            .put("attorneys", attorneys).put("status", "ACTIVE"));
  }

  public static JsonObject filing(String agencyId, String ipType, Instant at) {
    return base("FILING_SUBMITTED", agencyId, at).put("applicationNo", "2026" + UUID.randomUUID().toString()
        .substring(0, 8)).put("ipType", ipType);
  }

  public static JsonObject status(String agencyId, String status, Instant at) {
    return base("AGENCY_STATUS_CHANGED", agencyId, at).put("detail", new JsonObject().put("status", status));
  }

  public static JsonObject base(String type, String agencyId, Instant at) {
    return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("type", type)
        .put("occurredAt", at(at)).put("agencyId", agencyId);
  }
}
