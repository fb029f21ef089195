package io.presence.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCookieTest {

    @Test
    void theTokenIsFoundAmongOtherCookiesInAnyHeader() {
        assertEquals("abc", TokenCookie.value(List.of("theme=dark; presence_token=abc; lang=en"), "presence_token"));
        assertEquals("abc", TokenCookie.value(List.of("theme=dark", "presence_token=abc"), "presence_token"));
        assertNull(TokenCookie.value(List.of("xpresence_token=abc"), "presence_token"));
        assertNull(TokenCookie.value(List.of("presence_token="), "presence_token"));
        assertNull(TokenCookie.value(null, "presence_token"));
    }

    @Test
    void aCookieHandshakeComesFromThisNodeOrANamedOrigin() {
        assertTrue(TokenCookie.originAllowed("http://127.0.0.1:18370", "127.0.0.1:18370", o -> false));
        assertTrue(TokenCookie.originAllowed(
                "https://erp.example.com", "presence:8080", "https://erp.example.com"::equals));
        assertTrue(TokenCookie.originAllowed(null, "127.0.0.1:18370", o -> false), "no browser, no forgery");
        assertFalse(TokenCookie.originAllowed("http://127.0.0.1:18371", "127.0.0.1:18370", o -> false));
        assertFalse(TokenCookie.originAllowed("null", "127.0.0.1:18370", o -> false));
    }

    @Test
    void onlyReadsAreExemptFromTheCsrfHeader() {
        assertFalse(TokenCookie.changesState("GET"));
        assertFalse(TokenCookie.changesState("HEAD"));
        assertTrue(TokenCookie.changesState("POST"));
        assertTrue(TokenCookie.changesState("PUT"));
        assertTrue(TokenCookie.changesState("DELETE"));
    }
}
