package io.presence.core.events;

import io.presence.api.model.Caller;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.core.security.Publishers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;

/**
 * Accepts resource events from domain applications and puts them on the {@link ResourceEvents} bus,
 * which carries them to every node. Both sources (REST {@code POST /api/v1/events} and the Kafka
 * topic) go through the same {@link ResourceEventReader}, so they accept exactly the same events.
 */
@ApplicationScoped
public class ResourceEventPublisher {

    @Inject
    ResourceTypeRegistry registry;

    @Inject
    ResourceEvents bus;

    private ResourceEventReader reader;

    @PostConstruct
    void init() {
        reader = new ResourceEventReader(name -> registry.find(name).map(BoundPlugin::type), Clock.systemUTC());
    }

    /**
     * Publishes an event in the caller's tenant.
     *
     * @throws io.presence.core.errors.ForbiddenException 403 unless the caller is a publisher
     * @throws io.presence.core.errors.PresenceException 404/422 for an unknown type, bad id or action
     * @throws io.presence.core.errors.StoreUnavailableException 503 when the bus (Redis) is down
     */
    public ResourceEvent publish(Caller caller, JsonObject submission) {
        Publishers.require(caller);
        ResourceEvent event = reader.read(caller.tenant(), submission);
        bus.publish(event);
        return event;
    }

    /** The reader Kafka records go through; the tenant comes from the record itself. */
    public ResourceEventReader reader() {
        return reader;
    }

    /** The bus validated events are published on. */
    public ResourceEvents bus() {
        return bus;
    }
}
