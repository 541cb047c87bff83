package cn.cq.ipmonitor.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The control room's pages, served from the jar: the wall screen ({@code /wall/}), the district console
 * ({@code /console/}), their shared modules ({@code /common/}) and ECharts from its WebJar ({@code /webjars/}).
 * The pages are public files; every number they show comes from {@code /api/v1} and {@code /ws/live} with
 * the token the user gives them, which stays in the URL fragment or the browser's storage, never in a request
 * line the server logs.
 */
public final class Pages {

  /** Where the pom puts {@code dashboards/web} on the classpath. */
  static final String WEBROOT = "webroot/";
  /** WebJars keep their files under this classpath folder. */
  static final String WEBJARS = "META-INF/resources/webjars";
  /** Pages are read once per screen start; a short cache lets a redeploy reach the screens within a minute. */
  private static final long PAGE_MAX_AGE_S = 60;
  /** A WebJar's path holds its version: its files never change. */
  private static final long WEBJAR_MAX_AGE_S = 86_400L * 30;
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private Pages() {
  }

  /** Adds the page routes; mount before the catch-all 404. */
  public static void mount(Router router) {
    router.get("/").handler(ctx -> redirect(ctx, "/wall/"));
    // Vert.x matches "/wall" for "/wall/" too: only the bare path is redirected.
    for (String page : new String[] {"/wall", "/console"}) {
      router.get(page).handler(ctx -> {
        if (ctx.request().path().equals(page)) {
          redirect(ctx, page + "/");
        } else {
          ctx.next();
        }
      });
    }
    for (String page : new String[] {"wall", "console", "common"}) {
      router.route("/" + page + "/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(Pages::headers)
          .handler(StaticHandler.create(WEBROOT + page).setMaxAgeSeconds(PAGE_MAX_AGE_S)
              .setDefaultContentEncoding("UTF-8").setDirectoryListing(false));
    }
    router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create(WEBJARS).setMaxAgeSeconds(WEBJAR_MAX_AGE_S).setDirectoryListing(false));
  }

  private static void headers(RoutingContext ctx) {
    ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  /** Keeps the query ({@code ?kiosk=1&rotate=30}); the browser keeps the fragment ({@code #token=}) itself. */
  private static void redirect(RoutingContext ctx, String to) {
    String query = ctx.request().query();
    ctx.response().setStatusCode(302).putHeader("Location", query == null ? to : to + "?" + query).end();
  }
}
