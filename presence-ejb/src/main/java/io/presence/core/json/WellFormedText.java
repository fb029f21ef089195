package io.presence.core.json;

import io.presence.core.errors.InvalidInputException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Refuses JSON whose strings are not text: a {@code \ud800} escape with no partner decodes to an
 * unpaired UTF-16 surrogate, which no UTF-8 encoder can write. Such a string would reach clients
 * differently depending on the path (Redis replaces it, a frame encoder may replace or fail), so every
 * input (request bodies, WebSocket messages, Kafka records) is checked once where it is parsed, and
 * refused with 422 {@code invalid_field} naming the field, e.g. {@code data.note} or {@code tabs[2]}.
 */
public final class WellFormedText {

    private WellFormedText() {}

    /** Throws {@link InvalidInputException} naming the first field whose key or value is not text. */
    public static void require(JsonValue value) {
        String field = firstBroken(value, "");
        if (field != null) {
            throw new InvalidInputException(
                    field.isEmpty() ? "body" : field,
                    "holds an unpaired UTF-16 surrogate (an escape such as \\ud800 without its partner)");
        }
    }

    /** Whether every surrogate in {@code text} is half of a pair. */
    public static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} with each unpaired surrogate replaced by {@code ?}, as UTF-8 encoders do. */
    public static String replaced(String text) {
        if (isText(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    private static String firstBroken(JsonValue value, String path) {
        switch (value.getValueType()) {
            case STRING -> {
                return isText(((JsonString) value).getString()) ? null : path;
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> entry : value.asJsonObject().entrySet()) {
                    String field = (path.isEmpty() ? "" : path + ".") + replaced(entry.getKey());
                    String broken = isText(entry.getKey()) ? firstBroken(entry.getValue(), field) : field;
                    if (broken != null) {
                        return broken;
                    }
                }
                return null;
            }
            case ARRAY -> {
                int index = 0;
                for (JsonValue item : value.asJsonArray()) {
                    String broken = firstBroken(item, path + "[" + index++ + "]");
                    if (broken != null) {
                        return broken;
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
