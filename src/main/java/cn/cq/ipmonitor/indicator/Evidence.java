package cn.cq.ipmonitor.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The application numbers an agency's latest events of each {@link Kind} named, read at one instant: what an
 * alert shows as its evidence. Immutable; each kind's items most recent first, at most
 * {@link EvidenceLog#PER_KIND}.
 *
 * @param at the instant of the reading
 */
public record Evidence(long at, List<List<Item>> byKind) {

  /** What kind of event an application number was named by; rules read the kinds that tripped them. */
  public enum Kind {
    /** Every filing (FILING_SURGE, ATTORNEY_OVERLOAD). */
    FILING,
    /** Filings dated while the licence did not allow filing (UNLICENSED_FILING). */
    UNLICENSED,
    /** Abnormal-application notices (ABNORMAL_SHARE, ABNORMAL_BURST). */
    ABNORMAL,
    /** Malicious-trademark refusals (MALICIOUS_TRADEMARK). */
    MALICIOUS_TRADEMARK,
    /** Invention rejections and withdrawals, the cases that pull the grant rate down (LOW_GRANT_RATE). */
    INVENTION_REFUSED,
    /** Complaints that name an application (COMPLAINT_CLUSTER); most name none. */
    COMPLAINT;

    public static final int COUNT = values().length;
  }

  /** One application number and when the event naming it occurred. */
  public record Item(String applicationNo, long occurredAt) {
  }

  /** No evidence: readings for screens and aggregates, which show none. */
  public static final Evidence NONE = new Evidence(0, emptyKinds());

  public Evidence {
    byKind = byKind.stream().map(List::copyOf).toList();
    if (byKind.size() != Kind.COUNT) {
      throw new IllegalArgumentException("one list per kind expected, got " + byKind.size());
    }
  }

  /** Application numbers of {@code kind} that occurred at or after {@code sinceMillis}, most recent first. */
  public List<String> recent(Kind kind, long sinceMillis, int max) {
    List<String> out = new ArrayList<>();
    for (Item i : byKind.get(kind.ordinal())) {
      if (out.size() >= max || i.occurredAt() < sinceMillis) {
        break; // most recent first: the rest are older still
      }
      out.add(i.applicationNo());
    }
    return out;
  }

  public List<Item> items(Kind kind) {
    return byKind.get(kind.ordinal());
  }

  private static List<List<Item>> emptyKinds() {
    List<List<Item>> l = new ArrayList<>();
    for (int i = 0; i < Kind.COUNT; i++) {
      l.add(List.of());
    }
    return l;
  }

  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(at);
    for (List<Item> items : byKind) {
      out.writeShort(items.size());
      for (Item i : items) {
        out.writeUTF(i.applicationNo());
        out.writeLong(i.occurredAt());
      }
    }
  }

  public static Evidence readFrom(DataInput in) throws IOException {
    long at = in.readLong();
    List<List<Item>> kinds = new ArrayList<>(Kind.COUNT);
    for (int k = 0; k < Kind.COUNT; k++) {
      int n = in.readShort();
      List<Item> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        items.add(new Item(in.readUTF(), in.readLong()));
      }
      kinds.add(items);
    }
    return new Evidence(at, kinds);
  }
}
