package cn.cq.ipmonitor.config;

import java.util.List;

/**
 * Bearer tokens of the API and live push.
 *
 * @param tokens             configured tokens
 * @param generateDemoTokens when no token is configured, make random ones at start and print them (demo only)
 */
public record AuthConfig(List<TokenConfig> tokens, boolean generateDemoTokens) {
  public AuthConfig {
    tokens = List.copyOf(tokens);
  }

  /**
   * One token.
   *
   * @param token the secret a client sends as {@code Authorization: Bearer <token>}
   * @param role  {@code city}, {@code display} or {@code district:<code>}
   * @param name  who holds it, for logs and audit
   */
  public record TokenConfig(String token, String role, String name) {
  }
}
