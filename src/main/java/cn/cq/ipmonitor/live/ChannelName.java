package cn.cq.ipmonitor.live;

import cn.cq.ipmonitor.event.Districts;
import java.util.regex.Pattern;

/**
 * A channel a client can subscribe to: {@code city}, {@code district:<code>}, {@code agency:<id>} or
 * {@code alerts}.
 *
 * @param arg the district code or agency id; null for city and alerts
 */
public record ChannelName(Kind kind, String arg) {

  public enum Kind { CITY, DISTRICT, AGENCY, ALERTS }

  private static final Pattern AGENCY_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");

  public static final ChannelName CITY = new ChannelName(Kind.CITY, null);
  public static final ChannelName ALERTS = new ChannelName(Kind.ALERTS, null);

  /** Parses a channel name; an unknown or malformed one is an {@link IllegalArgumentException} saying why. */
  public static ChannelName parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("channel is required");
    }
    if (s.equals("city")) {
      return CITY;
    }
    if (s.equals("alerts")) {
      return ALERTS;
    }
    if (s.startsWith("district:")) {
      String code = s.substring("district:".length());
      if (!Districts.isValid(code)) {
        throw new IllegalArgumentException("district:" + code + " is not one of Chongqing's 38 district codes");
      }
      return new ChannelName(Kind.DISTRICT, code);
    }
    if (s.startsWith("agency:")) {
      String id = s.substring("agency:".length());
      if (!AGENCY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException("agency ids match [A-Za-z0-9-]{1,32}");
      }
      return new ChannelName(Kind.AGENCY, id);
    }
    throw new IllegalArgumentException("unknown channel " + (s.length() > 64 ? s.substring(0, 64) + "…" : s)
        + "; channels are city, district:<code>, agency:<id> and alerts");
  }

  /** Snapshot channels are computed at the steady cadence; the alerts channel carries changes. */
  public boolean isSnapshot() {
    return kind != Kind.ALERTS;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CITY -> "city";
      case ALERTS -> "alerts";
      case DISTRICT -> "district:" + arg;
      case AGENCY -> "agency:" + arg;
    };
  }
}
