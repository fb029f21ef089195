package io.presence.api.model;

import java.util.Objects;

/**
 * One record of one tenant, e.g. {@code acme / work_order / WO-1}. Every key and message in Presence is
 * scoped by it, so two tenants sharing a record id share nothing.
 *
 * @param tenant the tenant the record belongs to
 * @param type the resource type, as declared by a plugin (e.g. {@code work_order})
 * @param id the record id, already validated by the type's plugin
 */
public record ResourceRef(String tenant, String type, String id) {

    public ResourceRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return tenant + ":" + type + ":" + id;
    }
}
