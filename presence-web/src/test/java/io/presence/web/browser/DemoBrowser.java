package io.presence.web.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user in one headless Chromium on the demo page. Each instance has its own profile directory, so
 * two instances are two independent browsers, and fixed driver and DevTools ports from this module's
 * range. Every wait is bounded and fails the test with a message when it times out.
 */
final class DemoBrowser implements AutoCloseable {

    static final Path CHROMIUM = HeadlessChromium.CHROMIUM;
    static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium chromium;
    private final ChromeDriver driver;
    private String demoWindow;

    /** @param slot 0..9: selects driver port 18110+slot and DevTools port 18120+slot */
    DemoBrowser(int slot) throws IOException {
        this(18110 + slot, 18120 + slot);
    }

    /** A browser on the given chromedriver and DevTools ports (test classes with a port range of their own). */
    DemoBrowser(int driverPort, int devToolsPort) throws IOException {
        chromium = new HeadlessChromium(driverPort, devToolsPort);
        driver = chromium.driver();
    }

    /** Opens the demo with URL parameters (e.g. {@code transport=rest&poll=500}), signs in and opens the work order. */
    void signInAndOpen(String baseUrl, String query, String userId, String name, String workOrder) {
        signInAndOpen(baseUrl, query, userId, name, "work_order", workOrder);
    }

    /** Signs in and opens a record of a type the demo knows ({@code work_order}, {@code order}). */
    void signInAndOpen(String baseUrl, String query, String userId, String name, String type, String id) {
        driver.get(baseUrl + "/demo/index.html?" + query);
        demoWindow = driver.getWindowHandle();
        fill("user-id", userId);
        fill("user-name", name);
        fill("tenant", "acme");
        driver.findElement(By.id("login-button")).click();
        waitUntil("the open-record form", ExpectedConditions.visibilityOfElementLocated(By.id("open-form")));
        new Select(driver.findElement(By.id("record-type"))).selectByValue(type);
        fill("record-id", id);
        driver.findElement(By.id("open-button")).click();
        waitUntil("the " + type + " form", ExpectedConditions.visibilityOfElementLocated(By.id(type + "-fields")));
    }

    /**
     * Signs this browser in as {@code <prefix>-alice} (Alice Smith) and {@code bob} as
     * {@code <prefix>-bob} (Bob Jones) on the same work order, and waits until each sees the other.
     */
    void openWith(DemoBrowser bob, String baseUrl, String query, String prefix, String workOrder) {
        openWith(bob, baseUrl, query, prefix, "work_order", workOrder);
    }

    /** {@link #openWith(DemoBrowser, String, String, String, String)} for a record of any type. */
    void openWith(DemoBrowser bob, String baseUrl, String query, String prefix, String type, String id) {
        signInAndOpen(baseUrl, query, prefix + "-alice", "Alice Smith", type, id);
        bob.signInAndOpen(baseUrl, query, prefix + "-bob", "Bob Jones", type, id);
        awaitAvatar(prefix + "-bob");
        bob.awaitAvatar(prefix + "-alice");
    }

    void fill(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Types at the end of a field (it keeps the focus). */
    void type(String id, String text) {
        driver.findElement(By.id(id)).sendKeys(text);
    }

    WebElement avatar(String userId) {
        return driver.findElement(By.cssSelector("presence-viewers [data-user-id='" + userId + "']"));
    }

    /**
     * Moves the keyboard focus onto a user's avatar with Tab presses from the work order field above it
     * (proving it is keyboard-reachable) so that its tooltip shows; fails when twenty presses do not reach it.
     */
    void focusAvatar(String userId) {
        driver.findElement(By.id("record-id")).click();
        for (int i = 0; i < 20 && !userId.equals(focusedUserId()); i++) {
            new org.openqa.selenium.interactions.Actions(driver)
                    .sendKeys(org.openqa.selenium.Keys.TAB)
                    .perform();
        }
        if (!userId.equals(focusedUserId())) {
            throw new AssertionError("the avatar of " + userId + " cannot be reached with the Tab key");
        }
    }

    /** The user whose avatar has the keyboard focus, or null. */
    String focusedUserId() {
        return (String) driver.executeScript("return document.activeElement && document.activeElement.dataset"
                + " && document.activeElement.dataset.userId || null;");
    }

    void awaitAvatar(String userId) {
        waitUntil(
                "an avatar for " + userId,
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("presence-viewers [data-user-id='" + userId + "']")));
    }

    void awaitNoAvatar(String userId, Duration within) {
        new WebDriverWait(driver, within)
                .withMessage(() -> "the avatar of " + userId + " is still shown")
                .until(ExpectedConditions.numberOfElementsToBe(
                        By.cssSelector("presence-viewers [data-user-id='" + userId + "']"), 0));
    }

    void awaitEditing(String userId) {
        waitUntil(
                userId + " shown as editing",
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("presence-viewers .pv-editing[data-user-id='" + userId + "']")));
    }

    /** Waits for the element's connection state, e.g. "live", "polling", "reconnecting". */
    void awaitState(String state) {
        waitUntil(
                "connection state " + state,
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("presence-viewers .pv-state[data-state='" + state + "']")));
    }

    /** Clicks an element, e.g. a field to focus it or the heading to take the focus off a field. */
    void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    /** Waits until the condition holds; the description says what was awaited when it times out. */
    void awaitThat(String what, java.util.function.Function<? super ChromeDriver, Boolean> condition) {
        waitUntil(what, condition);
    }

    /** Runs a script in the page and returns its result, e.g. {@code return window.presenceDemo.client.record}. */
    Object script(String script) {
        return driver.executeScript(script);
    }

    /** Waits until the activity log has a line containing the text. */
    void awaitLog(String text) {
        waitUntil("activity log line '" + text + "'", d -> log().stream().anyMatch(line -> line.contains(text)));
    }

    List<String> log() {
        return driver.findElements(By.cssSelector("#log li")).stream()
                .map(WebElement::getText)
                .toList();
    }

    String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    void awaitText(String cssSelector, String contained) {
        waitUntil(
                "'" + contained + "' in " + cssSelector,
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(cssSelector), contained));
    }

    /** Opens a page as this browser's demo tab: the one {@link #closeDemoPage} closes. */
    void openDemoPage(String url) {
        driver.get(url);
        demoWindow = driver.getWindowHandle();
    }

    /**
     * Puts a new blank tab in front of the demo tab, as a user who switches tabs does: the browser makes
     * the demo page hidden ({@code visibilitychange}, {@code document.visibilityState == "hidden"}).
     */
    void hideDemoPage() {
        driver.switchTo().newWindow(WindowType.TAB);
    }

    /** Closes the tab in front and brings the demo tab back: the demo page is visible again. */
    void showDemoPage() {
        if (!driver.getWindowHandle().equals(demoWindow)) {
            driver.close();
        }
        driver.switchTo().window(demoWindow);
    }

    /** Closes the demo's tab the way a user does (pagehide runs); a blank tab keeps the browser alive. */
    void closeDemoPage() {
        driver.switchTo().newWindow(WindowType.TAB);
        String blank = driver.getWindowHandle();
        driver.switchTo().window(demoWindow).close();
        driver.switchTo().window(blank);
    }

    Path screenshot(String name) throws IOException {
        Path dir = Files.createDirectories(
                Path.of(System.getProperty("presence.war")).getParent().resolve("screenshots"));
        File png = driver.getScreenshotAs(OutputType.FILE);
        return Files.copy(png.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    ChromeDriver driver() {
        return driver;
    }

    private <T> void waitUntil(String what, java.util.function.Function<? super ChromeDriver, T> condition) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waited " + WAIT.toSeconds() + " s for " + what)
                .until(d -> condition.apply(driver));
    }

    @Override
    public void close() {
        chromium.close();
    }
}
