package cn.cq.ipmonitor.sim;

import cn.cq.ipmonitor.event.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds drafts for each event type with deterministic event ids. Ids derive from natural keys
 * (application number, agency, time) so a restarted simulator re-emits the same ids for the same
 * facts and the monitor's idempotency absorbs them.
 */
final class Drafts {

  static final String ACTIVE = "ACTIVE";
  static final String REVOKED = "REVOKED";

  private static final String[] COMPLAINT_CHANNELS = {"HOTLINE_12345", "ONLINE_PORTAL", "LETTER", "VISIT", "REFERRAL"};
  private static final String[] COMPLAINT_SUMMARIES = {
      "承诺“包授权”并收取高额费用", "未经委托以申请人名义提交专利申请", "代理师挂证，实际无人办理案件",
      "申请文件质量差，答复审查意见不及时导致视为撤回", "以不正当手段招揽业务，冒用官方名义", "代理非正常专利申请",
      "恶意抢注他人商标", "收费后未提交申请"};

  private final long seed;
  private final String prefix;
  private final Applicants applicants;

  Drafts(long seed) {
    this(seed, "");
  }

  /** Drafts whose ids carry {@code namespace}, for events outside the day model (episodes, load mode). */
  private Drafts(long seed, String namespace) {
    this.seed = seed;
    this.prefix = "sim-" + seed + "-" + namespace;
    this.applicants = new Applicants(seed);
  }

  Drafts namespaced(String namespace) {
    return new Drafts(seed, namespace);
  }

  Draft filed(Filing f) {
    return fromFiling(f, EventType.FILING_SUBMITTED, f.filedAt(), "sub", null);
  }

  /** An outcome: FILING_GRANTED/REJECTED/WITHDRAWN or MALICIOUS_TRADEMARK_REFUSED. */
  Draft outcome(Filing f, EventType type, long at) {
    String tail = switch (type) {
      case FILING_GRANTED -> "grant";
      case FILING_REJECTED -> "reject";
      case FILING_WITHDRAWN -> "withdraw";
      case MALICIOUS_TRADEMARK_REFUSED -> "malicious";
      default -> throw new IllegalArgumentException("not an outcome: " + type);
    };
    return fromFiling(f, type, at, tail, null);
  }

  Draft abnormal(Filing f, long at, int category, String batchId) {
    return fromFiling(f, EventType.ABNORMAL_NOTIFIED, at, "abnormal", ordered("category", category, "batchId", batchId));
  }

  Draft registered(SimAgency a, long at) {
    Map<String, Object> detail = ordered("name", a.name(), "kind", a.kind().name(), "attorneys", a.attorneys(),
        "status", ACTIVE, "zones", a.zones());
    return new Draft(at, prefix + "reg-" + a.id(), EventType.AGENCY_REGISTERED, a, null, null, null, null, null,
        detail);
  }

  Draft statusChanged(SimAgency a, long at, String status) {
    return new Draft(at, prefix + "status-" + a.id() + "-" + at / ActivityCurve.SECOND,
        EventType.AGENCY_STATUS_CHANGED, a, null, null, null, null, null,
        ordered("status", status, "attorneys", a.attorneys()));
  }

  Draft penalty(SimAgency a, long at, String measure, long amountYuan) {
    return new Draft(at, prefix + "pen-" + a.id() + "-" + at / ActivityCurve.SECOND, EventType.PENALTY_IMPOSED,
        a, null, null, null, null, null, ordered("measure", measure, "amountYuan", amountYuan));
  }

  /** A complaint with a channel and summary drawn from the common ones. */
  Draft complaint(SimAgency a, long at, SplittableRandom rng) {
    // The random tag keeps two complaints against one agency in the same second apart.
    String id = prefix + "cmp-" + a.id() + "-" + at / ActivityCurve.SECOND + "-" + Integer.toHexString(rng.nextInt());
    return new Draft(at, id, EventType.COMPLAINT_RECEIVED, a, null, null, null, null, null,
        ordered("channel", COMPLAINT_CHANNELS[rng.nextInt(COMPLAINT_CHANNELS.length)],
            "summary", COMPLAINT_SUMMARIES[rng.nextInt(COMPLAINT_SUMMARIES.length)]));
  }

  private Draft fromFiling(Filing f, EventType type, long at, String tail, Map<String, Object> detail) {
    String no = f.applicationNo();
    String key = f.ipType().isPatent() ? no : "TM" + no;
    return new Draft(at, prefix + key + "-" + tail, type, f.agency(), no, f.ipType(), f.route(), f.attorneyId(),
        applicants.of(f.agency(), f.client()), detail);
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
