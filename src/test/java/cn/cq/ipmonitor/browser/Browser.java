package cn.cq.ipmonitor.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with the paths given explicitly so Selenium Manager
 * never looks for (or downloads) a browser. A fresh profile per browser: no token or language left from another
 * test. When Chromium is missing, {@code scripts/ensure-chromium.sh} installs it first.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);
  private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=zh-CN");

  final ChromeDriver driver;
  private final Path profile;
  /** Chromedriver hands each console message out once: every one read is kept here. */
  private final List<LogEntry> logs = new java.util.ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** A browser with a window (and so a viewport) of {@code width} x {@code height}. */
  static Browser start(int width, int height) {
    ensureChromium();
    try {
      Path profile = Files.createTempDirectory("ipmon-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(FLAGS);
      options.addArguments("--user-data-dir=" + profile, "--window-size=" + width + "," + height);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
          .withLogOutput(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build();
      ChromeDriver driver = new ChromeDriver(service, options);
      // The window size includes a headless window's frame; the screen under test is the viewport.
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs scripts/ensure-chromium.sh unless Chromium and chromedriver are already there. */
  static synchronized void ensureChromium() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    try {
      Process p = new ProcessBuilder("bash", "scripts/ensure-chromium.sh").inheritIO().start();
      if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("scripts/ensure-chromium.sh did not finish within " + INSTALL_TIMEOUT);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("scripts/ensure-chromium.sh failed (exit " + p.exitValue()
            + "): the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits, re-checking every 100 ms, until {@code condition} gives something other than null or false. */
  <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      Path shot = screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      throw new AssertionError("timed out after " + timeout + " waiting for " + what + " at " + driver.getCurrentUrl()
          + "; screenshot " + shot + "; page: " + text("body").replace('\n', ' ') + "; console: " + console(), e);
    }
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The text of the first element matching {@code css}, or "" when there is none. */
  String text(String css) {
    // One script, so a page redrawing itself between two WebDriver calls cannot make the element stale.
    Object t = js("const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css);
    return t == null ? "" : t.toString().trim();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path to = SCREENSHOTS.resolve(name + ".png");
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's console messages so far (errors included), for failure messages and for asserting there are none. */
  synchronized List<String> console() {
    logs.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
    return logs.stream().map(LogEntry::toString).toList();
  }

  /** Console errors so far, less those matching {@code expected} (a refused connection while a server is down). */
  synchronized List<String> consoleErrors(String... expected) {
    console();
    return logs.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString)
        .filter(m -> java.util.Arrays.stream(expected).noneMatch(m::contains)).toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }

}
