package cn.cq.ipmonitor.web;

import cn.cq.ipmonitor.config.AuthConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bearer-token authentication. Tokens come from configuration; comparison is constant-time so response
 * timing tells nothing about a guessed token.
 */
public final class TokenAuth implements Handler<RoutingContext> {

  /** Where the principal is kept on the routing context. */
  public static final String PRINCIPAL = "ipmon.principal";
  private static final String BEARER = "Bearer ";

  private record Entry(byte[] token, Principal principal) {
  }

  private final List<Entry> entries = new ArrayList<>();

  public TokenAuth(AuthConfig cfg) {
    for (AuthConfig.TokenConfig t : cfg.tokens()) {
      entries.add(new Entry(t.token().getBytes(StandardCharsets.UTF_8), Principal.parse(t.name(), t.role())));
    }
  }

  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    Principal found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.token(), given)) {
        found = e.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    Optional<Principal> p = authenticate(bearer(header));
    if (p.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ApiErrors.send(ctx, 401, header == null ? "missing bearer token" : "unknown token");
      return;
    }
    ctx.put(PRINCIPAL, p.get());
    ctx.next();
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null. */
  public static String bearer(String header) {
    return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? header.substring(BEARER.length()).trim() : null;
  }

  public static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }
}
