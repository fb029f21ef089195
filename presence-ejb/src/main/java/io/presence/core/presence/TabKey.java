package io.presence.core.presence;

import io.presence.api.model.ResourceRef;
import java.util.Objects;

/** One tab of one record: what a node refreshes, hands over or releases without knowing its content. */
public record TabKey(ResourceRef ref, String tabId) {

    public TabKey {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(tabId, "tabId");
    }
}
