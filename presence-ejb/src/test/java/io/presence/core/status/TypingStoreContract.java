package io.presence.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link TypingStore} contract, run on every implementation: starts and stops emitted once, refreshes
 * silent, expiry left out of reads and emitted by the sweep. Each test works in a tenant of its own.
 */
public abstract class TypingStoreContract {

    private TypingStore store;
    private final BlockingQueue<TypingChanged> changes = new LinkedBlockingQueue<>();
    private String tenant;
    private UserRef alice;
    private Instant now;

    protected abstract TypingStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
        tenant = "t-" + UUID.randomUUID();
        alice = new UserRef(tenant, "alice");
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.addTypingListener(change -> {
            if (change.tenant().equals(tenant)) {
                changes.add(change);
            }
        });
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private TypingChanged nextChange() throws InterruptedException {
        TypingChanged change = changes.poll(5, TimeUnit.SECONDS);
        assertNotNull(change, "no typing change within 5 s");
        return change;
    }

    private void assertNoChange() throws InterruptedException {
        TypingChanged change = changes.poll(300, TimeUnit.MILLISECONDS);
        assertNull(change, () -> "unexpected change " + change);
    }

    @Test
    void aStartIsEmittedOnceAndARefreshOnlyMovesTheExpiry() throws InterruptedException {
        assertTrue(store.typing(alice, "c-1", now.plusSeconds(5), now));
        assertEquals(new TypingChanged(tenant, "alice", "c-1", true), nextChange());
        assertFalse(store.typing(alice, "c-1", now.plusSeconds(7), now.plusSeconds(2)));
        assertNoChange();
        assertEquals(
                Map.of("alice", Map.of("c-1", now.plusSeconds(7))),
                store.typingIn(tenant, List.of("alice", "bob"), now.plusSeconds(6)));
    }

    @Test
    void aStopIsEmittedForATypingUserOnly() throws InterruptedException {
        assertFalse(store.typing(alice, "c-1", null, now));
        assertNoChange();
        store.typing(alice, "c-1", now.plusSeconds(5), now);
        nextChange();
        assertTrue(store.typing(alice, "c-1", null, now.plusSeconds(1)));
        assertEquals(new TypingChanged(tenant, "alice", "c-1", false), nextChange());
        assertEquals(Map.of(), store.typingIn(tenant, List.of("alice"), now.plusSeconds(1)));
    }

    @Test
    void expiredTypingIsLeftOutOfReadsAndTheSweepEmitsItsStopOnce() throws InterruptedException {
        store.typing(alice, "c-1", now.plusSeconds(5), now);
        store.typing(alice, "c-2", now.plusSeconds(9), now);
        nextChange();
        nextChange();
        Instant later = now.plusSeconds(6);
        assertEquals(
                Map.of("alice", Map.of("c-2", now.plusSeconds(9))), store.typingIn(tenant, List.of("alice"), later));
        assertTrue(store.sweep(later, 10_000) >= 1);
        assertEquals(new TypingChanged(tenant, "alice", "c-1", false), nextChange());
        store.sweep(later, 10_000);
        assertNoChange();
    }

    @Test
    void typingThatWasRefreshedIsNotSweptAtItsFirstExpiry() throws InterruptedException {
        store.typing(alice, "c-1", now.plusSeconds(5), now);
        nextChange();
        store.typing(alice, "c-1", now.plusSeconds(9), now.plusSeconds(4));
        store.sweep(now.plusSeconds(6), 10_000);
        assertNoChange();
        assertTrue(store.sweep(now.plusSeconds(10), 10_000) >= 1);
        assertFalse(nextChange().typing());
    }

    @Test
    void typingIsPerTenantAndPerUser() throws InterruptedException {
        store.typing(alice, "c-1", now.plusSeconds(5), now);
        store.typing(new UserRef(tenant, "bob"), "c-1", now.plusSeconds(5), now);
        store.typing(new UserRef("other-" + tenant, "alice"), "c-9", now.plusSeconds(5), now);
        nextChange();
        nextChange();
        Map<String, Map<String, Instant>> typing = store.typingIn(tenant, List.of("alice", "bob", "carol"), now);
        assertEquals(Map.of("c-1", now.plusSeconds(5)), typing.get("alice"));
        assertEquals(Map.of("c-1", now.plusSeconds(5)), typing.get("bob"));
        assertEquals(2, typing.size());
    }
}
