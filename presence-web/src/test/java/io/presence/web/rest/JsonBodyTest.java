package io.presence.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presence.core.errors.PresenceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A request body read from its stream: the same answers as from a string, whatever its size. */
class JsonBodyTest {

    private static InputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A stream that hands out at most a few bytes per read, as a network stream may. */
    private static InputStream trickle(String body) {
        InputStream whole = stream(body);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return whole.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return whole.read(buffer, offset, Math.min(length, 7));
            }
        };
    }

    private static PresenceException refusal(InputStream body) {
        return assertThrows(PresenceException.class, () -> JsonBody.parse(body));
    }

    @Test
    void aSmallBodyIsParsedWithItsNonAsciiText() {
        JsonBody body = JsonBody.parse(stream("{\"tab_id\":\"t1\",\"active_field\":\"množství\"}"));
        assertEquals("t1", body.requiredString("tab_id"));
        assertEquals("množství", body.requiredString("active_field"));
    }

    @Test
    void aBodyLargerThanTheFirstBufferArrivesWholeEvenInSmallReads() {
        String pad = "ž".repeat(3000);
        JsonBody body = JsonBody.parse(trickle("{\"tab_id\":\"t1\",\"pad\":\"" + pad + "\"}"));
        assertEquals(pad, body.requiredString("pad"));
    }

    @Test
    void aBodyJustUnderTheLimitIsTakenAndOneOverItIsRefusedNamingTheBody() {
        String frame = "{\"pad\":\"\"}";
        String fits = "{\"pad\":\"" + "p".repeat(JsonBody.MAX_BYTES - frame.length()) + "\"}";
        assertEquals(JsonBody.MAX_BYTES, fits.length());
        assertEquals(
                JsonBody.MAX_BYTES - frame.length(),
                JsonBody.parse(stream(fits)).requiredString("pad").length());

        String over = "{\"pad\":\"" + "p".repeat(JsonBody.MAX_BYTES - frame.length() + 1) + "\"}";
        PresenceException refused = refusal(trickle(over));
        assertEquals(422, refused.status());
        assertEquals("body", refused.details().get("field"));
    }

    @Test
    void emptyBlankOrNonObjectBodiesAreMalformed() {
        for (String bad : new String[] {"", "  \n", "[1]", "\"text\"", "{\"tab_id\":", "nope"}) {
            PresenceException refused = refusal(stream(bad));
            assertEquals(400, refused.status(), bad);
            assertEquals("malformed_request", refused.code(), bad);
        }
    }

    @Test
    void contentAfterTheObjectAndNestingPastTheParsersLimitAreMalformed() {
        String deep = "{\"tab_id\":\"t1\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        for (String bad : new String[] {"{\"tab_id\":\"t1\"} trailing", "{\"tab_id\":\"t1\"}{}", deep}) {
            PresenceException refused = refusal(stream(bad));
            assertEquals(400, refused.status(), bad.substring(0, Math.min(bad.length(), 24)));
            assertEquals("malformed_request", refused.code());
        }
        assertEquals("t1", JsonBody.parse(stream("{\"tab_id\":\"t1\"}\r\n")).requiredString("tab_id"));
    }

    @Test
    void aStreamThatFailsIsAMalformedRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertEquals(400, refusal(broken).status());
    }

    @Test
    void aStringThatIsNotTextIsRefusedNamingItsField() {
        PresenceException e = refusal(stream("{\"resource_type\":\"work_order\",\"data\":{\"note\":\"\\ud800\"}}"));
        assertEquals(422, e.status());
        assertEquals("data.note", e.details().get("field"));
    }
}
