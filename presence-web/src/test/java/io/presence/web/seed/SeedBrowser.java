package io.presence.web.seed;

import io.presence.web.browser.HeadlessChromium;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user in one headless Chromium with a profile of its own, signed in the way the seeds' applications
 * sign users in: a session cookie on the node's origin (here the token cookie itself). Every wait is
 * bounded and fails with what it waited for.
 */
final class SeedBrowser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium chromium;
    private final ChromeDriver driver;

    /** @param slot 0 or 1: driver port 18372 + 2 * slot, DevTools port one above */
    SeedBrowser(int slot) throws IOException {
        chromium = new HeadlessChromium(18372 + 2 * slot, 18373 + 2 * slot);
        driver = chromium.driver();
    }

    /** Signs in: the token cookie on the node's origin, {@code SameSite=Lax} as the docs advise. */
    SeedBrowser signIn(String token) {
        driver.get(SeedClientsNode.ORIGIN + "/api/v1/whoami");
        driver.manage()
                .addCookie(new Cookie.Builder("presence_token", token)
                        .path("/")
                        .sameSite("Lax")
                        .isHttpOnly(true)
                        .build());
        return this;
    }

    /** Opens a page of {@code /seed-pages}, e.g. {@code seed001-react.html?flow=FL-1}. */
    SeedBrowser open(String page) {
        driver.get(SeedClientsNode.ORIGIN + "/seed-pages/" + page);
        return this;
    }

    void get(String url) {
        driver.get(url);
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /** Waits until a JavaScript expression is true on the page. */
    void await(String what, String expression) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> what + " (waited for: " + expression + ")")
                .until(d -> Boolean.TRUE.equals(driver.executeScript("return !!(" + expression + ");")));
    }

    /** Waits until an element matches the CSS selector. */
    void awaitElement(String what, String css) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> what + " (waited for: " + css + ")")
                .until(d -> !driver.findElements(By.cssSelector(css)).isEmpty());
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getText())
                .toList();
    }

    @Override
    public void close() {
        chromium.close();
    }
}
