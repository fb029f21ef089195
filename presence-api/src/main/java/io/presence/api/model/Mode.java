package io.presence.api.model;

import java.util.Locale;
import java.util.Optional;

/** What a tab does with a record: looks at it or edits it. */
public enum Mode {
    VIEW,
    EDIT;

    /** The wire name, {@code view} or {@code edit}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; empty for anything that is not exactly {@code view} or {@code edit}. */
    public static Optional<Mode> fromWire(String value) {
        if ("view".equals(value)) {
            return Optional.of(VIEW);
        }
        if ("edit".equals(value)) {
            return Optional.of(EDIT);
        }
        return Optional.empty();
    }
}
