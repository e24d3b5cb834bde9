package dev.fetchcors.samples.browser;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * One headless {@link Chromium} for a test class: started before its first test, closed after its last, and each
 * test skipped (or failed, with {@code FETCHCORS_REQUIRE_BROWSER=true}) when there is no browser.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ChromiumExtension chromium = new ChromiumExtension();
 *
 * @Test
 * void thePageIsAllowed() {
 *     chromium.driver().get(url);
 * }
 * }</pre>
 */
public final class ChromiumExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private Chromium chromium;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        this.chromium = Chromium.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        this.chromium.assumeAvailable();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (this.chromium != null) {
            this.chromium.close();
            this.chromium = null;
        }
    }

    /** The browser of the running test class. */
    public WebDriver driver() {
        return this.chromium.driver();
    }

}
