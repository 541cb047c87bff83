package cn.cq.ipmonitor.web;

/**
 * Who a bearer token speaks for, and what it may see.
 *
 * @param district the district of a {@code district:<code>} token, else null
 */
public record Principal(String name, Role role, String district) {

  /** Token roles of CONTRACT.md section 3, plus {@code ingest} for sources that only post events. */
  public enum Role { CITY, DISPLAY, DISTRICT, INGEST }

  public static Principal parse(String name, String role) {
    if (role.startsWith("district:")) {
      return new Principal(name, Role.DISTRICT, role.substring("district:".length()));
    }
    return new Principal(name, Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)), null);
  }

  /** Whether agencies and alerts of {@code agencyDistrict} are in scope; unregistered agencies are city-only. */
  public boolean canSee(String agencyDistrict) {
    return switch (role) {
      case CITY, DISPLAY -> true;
      case DISTRICT -> district.equals(agencyDistrict);
      case INGEST -> false;
    };
  }

  public boolean canReadCity() {
    return role == Role.CITY || role == Role.DISPLAY;
  }

  public boolean canPostEvents() {
    return role == Role.CITY || role == Role.INGEST;
  }
}
