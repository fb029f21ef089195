package io.presence.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presence.core.limits.Caps;
import io.presence.core.limits.Rate;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitSettingsTest {

    /** The settings with the documented defaults. */
    private static LimitSettings defaults() {
        LimitSettings settings = new LimitSettings();
        settings.apiRequests = 200;
        settings.apiWindowSeconds = 60;
        settings.publisherRequests = 0;
        settings.wsMessagesPerSecond = 20;
        settings.wsBurst = 40;
        settings.wsMaxRefused = 50;
        settings.connectionSubscriptions = 200;
        settings.connectionTabs = 100;
        settings.userTabsPerRecord = 50;
        settings.userConnections = 100;
        return settings;
    }

    @Test
    void theDefaultsLimitUsersAndConnectionsButNotPublishers() {
        LimitSettings settings = defaults();
        settings.resolve();
        assertEquals(Optional.of(new Rate(200, Duration.ofMinutes(1), 200)), settings.apiRate());
        assertEquals(Optional.empty(), settings.publisherRate());
        assertEquals(Optional.of(new Rate(20, Duration.ofSeconds(1), 40)), settings.messageRate());
        assertEquals(new Rate(50, Duration.ofMinutes(1), 50), settings.refusalRate());
    }

    @Test
    void theDefaultCapsBoundEveryConnectionAndUser() {
        LimitSettings settings = defaults();
        settings.resolve();
        assertEquals(new Caps(200, 100, 50, 100), settings.caps());
    }

    @Test
    void zeroTurnsALimitOff() {
        LimitSettings settings = defaults();
        settings.apiRequests = 0;
        settings.wsMessagesPerSecond = 0;
        settings.publisherRequests = 6000;
        settings.resolve();
        assertEquals(Optional.empty(), settings.apiRate());
        assertEquals(Optional.empty(), settings.messageRate());
        assertEquals(Optional.of(new Rate(6000, Duration.ofMinutes(1), 6000)), settings.publisherRate());
    }

    @Test
    void aValueOutOfRangeStopsTheStartNamingItsKey() {
        LimitSettings negative = defaults();
        negative.apiRequests = -1;
        assertEquals(
                "presence.rate-limit.api.requests must be at least 0, not -1",
                assertThrows(IllegalStateException.class, negative::resolve).getMessage());
        LimitSettings negativeCap = defaults();
        negativeCap.userConnections = -1;
        assertEquals(
                "presence.limits.user-connections must be at least 0, not -1",
                assertThrows(IllegalStateException.class, negativeCap::resolve).getMessage());
        LimitSettings noWindow = defaults();
        noWindow.apiWindowSeconds = 0;
        assertEquals(
                "presence.rate-limit.api.window-seconds must be at least 1, not 0",
                assertThrows(IllegalStateException.class, noWindow::resolve).getMessage());
        LimitSettings tooFast = defaults();
        tooFast.apiRequests = 100_000_000;
        assertEquals(
                "presence.rate-limit.api.requests: a rate of 100000000 per PT1M is more than one permit per microsecond",
                assertThrows(IllegalStateException.class, tooFast::resolve).getMessage());
    }
}
