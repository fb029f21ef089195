package io.presence.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.presence.api.model.Mode;
import io.presence.core.errors.PresenceException;
import io.presence.core.presence.HeartbeatCommand;
import org.junit.jupiter.api.Test;

/** Parsing and validation of client messages: every bad input is a coded error, never an exception leak. */
class ClientMessageTest {

    private static String code(String text) {
        return assertThrows(
                        PresenceException.class, () -> ClientMessage.parse(text).heartbeatCommand("x"))
                .code();
    }

    @Test
    void malformedOrUntypedMessagesAreRefusedWithTheirCode() {
        assertEquals("malformed_message", code("{nope"));
        assertEquals("malformed_message", code("\"just a string\""));
        assertEquals("malformed_message", code(""));
        assertEquals("malformed_message", code("{\"type\":\"ping\"} and more"));
        assertEquals(
                "malformed_message", code("{\"type\":\"ping\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}"));
        assertEquals("invalid_field", code("{\"type\":3}"));
        assertEquals("invalid_field", code("{\"type\":\"presence\",\"mode\":\"fly\"}"));
        assertEquals("invalid_field", code("{\"type\":\"presence\",\"dirty\":\"yes\"}"));
        assertEquals("invalid_field", code("{\"type\":\"presence\",\"tab_id\":7}"));
    }

    @Test
    void seed004ActionIsAcceptedInPlaceOfModeAndTheConnectionIsTheDefaultTab() {
        HeartbeatCommand command = ClientMessage.parse("{\"type\":\"presence\",\"action\":\"editing\"}")
                .heartbeatCommand("ws-1");
        assertEquals(Mode.EDIT, command.mode());
        assertEquals("ws-1", command.tabId());
    }

    @Test
    void refIsEchoedOnlyWhenItIsAStringOrANumber() {
        assertEquals(
                "7", ClientMessage.parse("{\"type\":\"ping\",\"ref\":7}").ref().toString());
        assertEquals(
                "\"a\"",
                ClientMessage.parse("{\"type\":\"ping\",\"ref\":\"a\"}").ref().toString());
        assertNull(ClientMessage.parse("{\"type\":\"ping\",\"ref\":{\"a\":1}}").ref());
    }

    @Test
    void unpairedSurrogateIsRefusedNamingTheFieldWhileTheRefIsKept() {
        ClientMessage message = ClientMessage.parse("{\"type\":\"\\ud800\",\"ref\":3}");
        PresenceException e = assertThrows(PresenceException.class, message::requireText);
        assertEquals("invalid_field", e.code());
        assertEquals("type", e.details().get("field"));
        assertEquals("3", message.ref().toString());
        assertNull(
                ClientMessage.parse("{\"type\":\"ping\",\"ref\":\"\\udc00\"}").ref(),
                "a ref that is not text is not echoed");
    }
}
