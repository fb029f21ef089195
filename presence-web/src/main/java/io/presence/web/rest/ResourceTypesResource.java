package io.presence.web.rest;

import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /api/v1/resource-types}: the types the plugins of this server define. */
@Path("resource-types")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ResourceTypesResource {

    @Inject
    ResourceTypeRegistry registry;

    @Inject
    CurrentCaller caller;

    @GET
    public Response list() {
        caller.get();
        return Envelope.ok(registry.all().stream()
                .sorted(Comparator.comparing(bound -> bound.type().name()))
                .map(ResourceTypesResource::json)
                .toList());
    }

    private static Map<String, Object> json(BoundPlugin bound) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", bound.type().name());
        json.put("actions", new TreeSet<>(bound.type().actions()));
        json.put(
                "events",
                bound.type().actions().stream()
                        .map(a -> bound.type().name() + "_" + a)
                        .sorted()
                        .toList());
        json.put("lockable_fields", new TreeSet<>(bound.type().lockableFields()));
        json.put("plugin", bound.pluginClass());
        json.put("plugin_version", bound.pluginVersion());
        json.put("spi_version", bound.plugin().spiVersion());
        return json;
    }
}
