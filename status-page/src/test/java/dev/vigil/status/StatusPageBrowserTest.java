package dev.vigil.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The status page in a real headless Chromium: Debian's {@code chromium} driven through Debian's
 * {@code chromedriver} (Selenium is given both paths, so Selenium Manager never runs and nothing is downloaded). The
 * machine's network is closed, so every background fetch Chromium would make is turned off. Screenshots go to
 * {@code target/status-page.png} and {@code target/status-page-public.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private StatusServer server;
    private ChromeDriverService service;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            String why = "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver;"
                    + " .ci/run does it)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        server = new StatusServer(b -> b.publicSubjects("group=Public").publicSubjects("tag.public=true"));
        // the driver's path, given explicitly both ways: Selenium Manager only runs when neither is set
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        Path target = Path.of("target");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withLogFile(target.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory(target, "chromium-profile-").toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        // Basic credentials on every request of the page, as a logged-in browser sends them
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                StatusServer.basic(StatusServer.ADMIN_USER, StatusServer.ADMIN_PASSWORD))));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebElement rowOf(String kind, Object key) {
        return browser.findElement(By.cssSelector("tr[data-kind='" + kind + "'][data-key='" + key + "']"));
    }

    @Test
    void theAdminPageShowsADownMonitorInItsColourAndInjectedNamesAsText() throws Exception {
        browser.get(server.base + "/status");
        assertThat(browser.getTitle()).isEqualTo("3 down · Vigil status");

        WebElement down = rowOf("push_monitor", server.monitor("export")).findElement(By.className("pill"));
        assertThat(down.getText()).isEqualTo("DOWN"); // text-transform: uppercase
        assertThat(down.getCssValue("background-color")).isEqualTo("rgba(229, 72, 77, 1)");
        assertThat(down.getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
        WebElement up = rowOf("push_monitor", server.monitor("backup")).findElement(By.className("pill"));
        assertThat(up.getCssValue("background-color")).isEqualTo("rgba(31, 157, 85, 1)");
        assertThat(browser.findElement(By.id("overall")).getCssValue("background-color"))
                .isEqualTo("rgba(229, 72, 77, 1)");

        // the injected name is text: visible as written, no element made of it, nothing ran
        WebElement name = rowOf("push_monitor", server.monitor("xss")).findElement(By.className("nm"));
        assertThat(name.isDisplayed()).isTrue();
        assertThat(name.getText()).isEqualTo(StatusServer.XSS_NAME);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElements(By.tagName("svg"))).isEmpty();
        assertThat(browser.findElement(By.xpath("//*[contains(text(), 'alert(2)')]")).getText())
                .contains(StatusServer.XSS_GROUP);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        // and the page itself broke none of its own policy: the style sheet applied, no violation reported
        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).noneMatch(e -> e.getMessage().contains("Content Security Policy"));
        assertThat(console).noneMatch(e -> e.getLevel().intValue() >= Level.SEVERE.intValue());

        screenshot("status-page.png");

        // the console check can fail: an inline style added behind the page's back is refused and reported
        browser.executeScript("var s = document.createElement('style'); s.textContent = 'body{color:red}';"
                + " document.head.appendChild(s);");
        assertThat(browser.findElement(By.tagName("body")).getCssValue("color")).isNotEqualTo("rgba(255, 0, 0, 1)");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .anyMatch(e -> e.getMessage().contains("Content Security Policy"));
    }

    @Test
    void thePublicPageShowsOnlyPublicSubjects() throws Exception {
        browser.get(server.base + "/status/public");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Vigil status");
        assertThat(browser.findElements(By.cssSelector("tr[data-kind='push_monitor']"))).hasSize(1);
        assertThat(rowOf("push_monitor", server.monitor("backup")).getText()).contains("Daily Backup Job");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Nightly export")
                .doesNotContain(StatusServer.XSS_NAME);
        // its badge links work from the page: the SVG loads
        String href = rowOf("push_monitor", server.monitor("backup")).findElement(By.className("badge-link"))
                .getAttribute("href");
        assertThat(href).isEqualTo(server.base + "/badge/push_monitor/Daily%20Backup%20Job.svg");
        screenshot("status-page-public.png");
        browser.get(href);
        assertThat(browser.findElement(By.tagName("title")).getAttribute("textContent"))
                .isEqualTo("Daily Backup Job: up");
    }

    /** The whole page, however long (Chromium's own capture beyond the viewport). */
    private void screenshot(String file) throws Exception {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1280,
                        "height", Math.min(height, 8000), "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Path out = Path.of("target", file);
        Files.write(out, png);
        assertThat(png.length).isGreaterThan(10_000);
    }
}
