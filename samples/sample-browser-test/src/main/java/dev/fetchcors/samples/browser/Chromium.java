package dev.fetchcors.samples.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * (elsewhere: the system properties {@code fetchcors.chromium} and {@code fetchcors.chromedriver}), never a
 * download. When they are missing a test using it is skipped, unless {@code FETCHCORS_REQUIRE_BROWSER=true},
 * which makes it fail.
 *
 * <pre>{@code
 * Chromium chromium = Chromium.start();   // in @BeforeAll
 * chromium.assumeAvailable();             // in @BeforeEach
 * chromium.driver().get(url);
 * chromium.close();                       // in @AfterAll
 * }</pre>
 */
public final class Chromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("fetchcors.chromium", "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER = Path.of(
            System.getProperty("fetchcors.chromedriver", "/usr/bin/chromedriver"));

    private final WebDriver driver;

    private final Path profile;

    private final String missing;

    private Chromium(WebDriver driver, Path profile, String missing) {
        this.driver = driver;
        this.profile = profile;
        this.missing = missing;
    }

    /**
     * Starts a headless browser with a fresh profile, or notes why it cannot.
     *
     * @return the browser
     * @throws IllegalStateException when the browser is missing and {@code FETCHCORS_REQUIRE_BROWSER=true}
     */
    public static Chromium start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver)";
            if (Boolean.parseBoolean(System.getenv("FETCHCORS_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(message + ", and FETCHCORS_REQUIRE_BROWSER=true");
            }
            return new Chromium(null, null, message + "; skipped. Set FETCHCORS_REQUIRE_BROWSER=true to fail instead.");
        }
        Path profile = Files.createTempDirectory("fetchcors-chromium-");
        ChromeOptions options = new ChromeOptions();
        // An explicit browser and driver: Selenium Manager never runs and nothing is downloaded.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1200,900", "--user-data-dir=" + profile,
                // The samples' HTTPS tests serve a self-signed certificate (SelfSignedKeyStore); nothing else is
                // reached over HTTPS.
                "--ignore-certificate-errors");
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        return new Chromium(new ChromeDriver(service, options), profile, null);
    }

    /** Skips the calling test when there is no browser (and failing was not asked for). */
    public void assumeAvailable() {
        Assumptions.assumeTrue(this.missing == null, this.missing);
    }

    /** The browser. */
    public WebDriver driver() {
        return this.driver;
    }

    @Override
    public void close() throws IOException {
        if (this.driver != null) {
            this.driver.quit();
        }
        if (this.profile != null) {
            try (Stream<Path> files = Files.walk(this.profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

}
