package io.presence.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.core.errors.InvalidInputException;
import org.junit.jupiter.api.Test;

class WellFormedTextTest {

    @Test
    void unpairedSurrogateIsRefusedNamingItsField() {
        assertEquals("type", refusedField("{\"type\":\"\\ud800\"}"));
        assertEquals("data.note", refusedField("{\"type\":\"x\",\"data\":{\"ok\":1,\"note\":\"a\\udc00b\"}}"));
        assertEquals("tabs[1]", refusedField("{\"tabs\":[\"fine\",\"\\ud800\"]}"));
        assertEquals("data.?", refusedField("{\"data\":{\"\\ud800\":1}}"));
        assertEquals("body", refusedField("\"\\ud800\""));
    }

    @Test
    void pairedSurrogatesAndPlainTextPass() {
        WellFormedText.require(JsonSupport.readValue("{\"name\":\"Zoë \\ud83d\\ude00 😀\",\"n\":[1,null,true]}"));
        assertTrue(WellFormedText.isText("a😀b"));
        assertFalse(WellFormedText.isText("a\ud83d"));
        assertFalse(WellFormedText.isText("\ude00a"));
    }

    @Test
    void replacedTurnsEachUnpairedSurrogateIntoAQuestionMarkAndKeepsPairs() {
        assertEquals("?x😀?", WellFormedText.replaced("\ud800x😀\udc00"));
        assertEquals("plain", WellFormedText.replaced("plain"));
    }

    private static String refusedField(String json) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> WellFormedText.require(JsonSupport.readValue(json)));
        assertEquals(422, e.status());
        return (String) e.details().get("field");
    }
}
