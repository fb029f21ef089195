package io.presence.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client's pure logic, run as the modules the server ships, in the real browser: the viewer book's
 * diff rules (replace or remove a user's aggregate, ignore old diffs, report gaps), the reconnect
 * backoff, the initials shown on avatars, the record state kept from lock and lifecycle messages, the
 * read-only and disabled blocks that lock and stale helpers share, the words of a lock badge, and when a
 * fresh token is asked for.
 */
@ExtendWith(SharedPresenceServer.class)
class ClientLogicBrowserIT {

    /** Imports a module of /presence/ and returns what {@code body} computes from it as {@code m}. */
    private static Object run(DemoBrowser browser, String module, String body) {
        String script = "const done = arguments[arguments.length - 1];"
                + "import('/presence/" + module + "').then((m) => { " + body + " })"
                + ".catch((e) => done('error: ' + e));";
        return browser.driver().executeAsyncScript(script);
    }

    @Test
    void diffsReplaceOrRemoveAUsersAggregateAndGapsAreReported(PresenceServer server) throws Exception {
        try (DemoBrowser browser = new DemoBrowser(4)) {
            browser.driver().get(server.baseUrl() + "/demo/index.html");
            Object outcome = run(
                    browser,
                    "viewer-book.js",
                    """
                    const book = new m.ViewerBook();
                    const out = [book.applyDiff({seq: 1, tab: {user_id: 'b'}, viewer: {id: 'b'}})];
                    book.replace([{id: 'me', user_name: 'Me'}, {id: 'a', user_name: 'Ann', tabs: 1}], 5, 'me');
                    out.push(book.applyDiff({seq: 6, tab: {user_id: 'b'}, viewer: {id: 'b', user_name: 'Ben'}}));
                    out.push(book.applyDiff({seq: 7, tab: {user_id: 'a'}, viewer: {id: 'a', user_name: 'Ann', tabs: 2}}));
                    out.push(book.applyDiff({seq: 7, tab: {user_id: 'a'}, viewer: null}));
                    out.push(book.list().map((v) => v.id + ':' + (v.tabs || 0)).join(','));
                    out.push(book.applyDiff({seq: 8, tab: {user_id: 'b'}, viewer: null}));
                    out.push(book.list().map((v) => v.id).join(','));
                    out.push(book.applyDiff({seq: 10, tab: {user_id: 'a'}, viewer: null}));
                    out.push(book.seq);
                    done(out);""");
            assertEquals(
                    List.of("waiting", "applied", "applied", "old", "a:2,b:0", "applied", "a", "gap", 8L), outcome);
        }
    }

    @Test
    void backoffDoublesFromOneSecondToSixteenWithJitterAndInitialsAreShort(PresenceServer server) throws Exception {
        try (DemoBrowser browser = new DemoBrowser(4)) {
            browser.driver().get(server.baseUrl() + "/demo/index.html");
            Object delays = run(
                    browser,
                    "backoff.js",
                    """
                    done({none: [0, 1, 2, 3, 4, 5, 9].map((n) => m.backoffDelay(n, {}, () => 0)),
                          most: [0, 4, 9].map((n) => m.backoffDelay(n, {}, () => 0.999999))});""");
            assertEquals(
                    Map.of(
                            "none",
                            List.of(1000L, 2000L, 4000L, 8000L, 16000L, 16000L, 16000L),
                            "most",
                            List.of(750L, 12000L, 12000L)),
                    delays);
            Object initials = run(
                    browser,
                    "viewer-text.js",
                    "done(['Alice Smith', 'bob', 'Jean-Luc Picard', '  ', 'émile zola'].map(m.initials));");
            assertEquals(List.of("AS", "B", "JP", "?", "ÉZ"), initials);
        }
    }

    @Test
    void recordStateFollowsLockAndLifecycleMessagesAndBlockedControlsComeBackAsTheyWere(PresenceServer server)
            throws Exception {
        try (DemoBrowser browser = new DemoBrowser(4)) {
            browser.driver().get(server.baseUrl() + "/demo/index.html");
            Object state = run(
                    browser,
                    "record-state.js",
                    """
                    const state = new m.RecordState();
                    const note = {field: 'note', tab_id: 't1', user_id: 'u1', token: 1};
                    const out = [state.replace({locks: [note], stale: false, version: 3})];
                    out.push(state.replace({locks: [note], stale: false, version: 3}));
                    state.apply({type: 'locked', lock: {field: 'customer', tab_id: 't2', user_id: 'u2', token: 4}});
                    state.apply({type: 'unlocked', reason: 'unlock', lock: note});
                    state.apply({type: 'lifecycle', stale: true, busy_by: 'Import', version: 3});
                    const view = state.view;
                    out.push(view.locks.map((l) => l.field).join(','), view.stale, view.busy_by, view.version);
                    out.push(state.lock('note'));
                    done(out);""");
            assertEquals(Arrays.asList(true, false, "customer", true, "Import", 3L, null), state);
            Object blocks = run(
                    browser,
                    "control-blocks.js",
                    """
                    const input = document.createElement('input');
                    input.readOnly = true;
                    const select = document.createElement('select');
                    m.block(input, 'lock', true);
                    m.block(select, 'lock', true);
                    m.block(input, 'stale', true);
                    const out = [input.readOnly, input.disabled, select.disabled];
                    m.block(input, 'stale', false);
                    out.push(input.readOnly, input.disabled);
                    m.block(input, 'lock', false);
                    m.block(select, 'lock', false);
                    out.push(input.readOnly, input.disabled, select.disabled);
                    done(out);""");
            assertEquals(List.of(true, true, true, true, false, true, false, false), blocks);
            Object words = run(
                    browser,
                    "presence-lock-badge.js",
                    """
                    const lock = {field: 'customer', user_id: 'u1', user_name: 'Alice Smith', tab_id: 't1'};
                    done([m.describeLock(lock, 'Customer', 't1', 'u1').short,
                          m.describeLock(lock, 'Customer', 't2', 'u1').short,
                          m.describeLock(lock, 'Customer', 't2', 'u2').sentence]);""");
            assertEquals(List.of("You", "You (other tab)", "Customer is being edited by Alice Smith"), words);
        }
    }

    @Test
    void aFreshTokenIsAskedForShortlyBeforeTheCurrentOneExpires(PresenceServer server) throws Exception {
        try (DemoBrowser browser = new DemoBrowser(4)) {
            browser.driver().get(server.baseUrl() + "/demo/index.html");
            Object outcome = run(
                    browser,
                    "token-refresh.js",
                    """
                    const jwt = (claims) => 'e30.' + btoa(JSON.stringify(claims)).replace(/=+$/, '')
                        .replace(/\\+/g, '-').replace(/\\//g, '_') + '.sig';
                    done([m.tokenExpiry(jwt({exp: 1700000000, name: 'éé?'})), m.tokenExpiry('opaque'),
                          m.tokenExpiry(jwt({sub: 'u1'})),
                          m.refreshDelay(3600000, 0), m.refreshDelay(10000, 0), m.refreshDelay(500, 0),
                          m.refreshDelay(-5000, 0)]);""");
            assertEquals(Arrays.asList(1700000000000L, null, null, 3570000L, 7000L, 1000L, 1000L), outcome);
        }
    }
}
