package cn.cq.ipmonitor.event;

/**
 * Finds an enum constant by name straight from a parser's character buffer, without making a String of
 * it first: on the ingest hot path a String per enum field (type, ipType, route) was a measurable share of
 * decoding.
 */
final class EnumNames<E extends Enum<E>> {

  private final E[] constants;
  private final char[][] names;

  EnumNames(Class<E> type) {
    this.constants = type.getEnumConstants();
    this.names = new char[constants.length][];
    for (int i = 0; i < constants.length; i++) {
      names[i] = constants[i].name().toCharArray();
    }
  }

  /** The constant spelled {@code buf[off..off+len)}, or null. */
  E find(char[] buf, int off, int len) {
    for (int i = 0; i < names.length; i++) {
      char[] n = names[i];
      if (n.length == len && matches(n, buf, off)) {
        return constants[i];
      }
    }
    return null;
  }

  private static boolean matches(char[] name, char[] buf, int off) {
    for (int j = 0; j < name.length; j++) {
      if (name[j] != buf[off + j]) {
        return false;
      }
    }
    return true;
  }
}
