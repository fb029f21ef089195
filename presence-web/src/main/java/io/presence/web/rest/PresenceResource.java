package io.presence.web.rest;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.core.config.PresenceSettings;
import io.presence.core.errors.InvalidInputException;
import io.presence.core.hub.Hub;
import io.presence.core.hub.RoomCounts;
import io.presence.core.json.JsonSupport;
import io.presence.core.presence.HeartbeatCommand;
import io.presence.core.presence.HeartbeatOutcome;
import io.presence.core.presence.PresenceService;
import io.presence.core.presence.ResourceAccess;
import io.presence.core.security.Authenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Record presence over REST, for clients that poll (seeds 000, 001, 004): heartbeat, viewers,
 * unregister, and the per-tab query form.
 */
@Path("presence")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class PresenceResource {

    @Inject
    PresenceService presence;

    @Inject
    ResourceAccess access;

    @Inject
    CurrentCaller caller;

    @Inject
    Authenticator authenticator;

    @Inject
    PresenceSettings settings;

    @Inject
    Hub hub;

    /** Creates or refreshes the caller's tab: {@code {"tab_id","mode","dirty","active_field"}}. */
    @POST
    @Path("{type}/{id}/heartbeat")
    public Response heartbeat(@PathParam("type") String type, @PathParam("id") String id, InputStream body) {
        JsonBody json = JsonBody.parse(body);
        HeartbeatCommand command = HeartbeatCommand.fromJson(json.json(), null);
        HeartbeatOutcome outcome = presence.heartbeat(caller.get(), type, id, command);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("registered", true);
        data.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        data.put("tab_id", command.tabId());
        data.put("ttl_seconds", settings.tabTtl().toSeconds());
        data.put("heartbeat_interval_seconds", Math.max(1, settings.tabTtl().toSeconds() / 3));
        return Envelope.ok(data);
    }

    /** The other users on the record (or everyone with {@code include_self=true}). */
    @GET
    @Path("{type}/{id}/viewers")
    public Response viewers(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @QueryParam("include_self") String includeSelf) {
        return Envelope.ok(
                PresenceJson.viewers(presence.viewers(caller.get(), type, id, flag("include_self", includeSelf))));
    }

    /**
     * How many are on the record, listing nobody: {@code {"viewers", "tabs", "editors"}}. For a large
     * record (a list page's counter, a room of hundreds) this is the cheap question.
     */
    @GET
    @Path("{type}/{id}/stats")
    public Response stats(@PathParam("type") String type, @PathParam("id") String id) {
        ResourceRef ref = access.visible(caller.get(), type, id);
        RoomCounts counts = hub.counts(ref);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resource_type", ref.type());
        data.put("resource_id", ref.id());
        data.put("viewers", counts.viewers());
        data.put("tabs", counts.tabs());
        data.put("editors", counts.editors());
        return Envelope.ok(data);
    }

    /**
     * Removes the caller's tab at once: {@code {"tab_id"}} in the body, or {@code ?tab_id=} for clients
     * and proxies that drop bodies on DELETE.
     */
    @DELETE
    @Path("{type}/{id}/unregister")
    public Response unregister(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @QueryParam("tab_id") String tabIdParam,
            String body) {
        String tabId = tabIdParam != null && (body == null || body.isBlank())
                ? tabIdParam
                : JsonBody.parse(body).requiredString("tab_id");
        return unregistered(presence.unregister(caller.get(), type, id, tabId));
    }

    /**
     * The same as {@code DELETE}, for {@code navigator.sendBeacon}, which can only POST and cannot set
     * headers: the token and tenant may then come in the body as {@code access_token} and
     * {@code tenant}. A beacon means the page went away, so the tab is closed for good: a heartbeat the
     * page sent before, arriving after this, is refused (409 {@code tab_closed}) instead of bringing it
     * back for a whole TTL.
     */
    @POST
    @Path("{type}/{id}/unregister")
    @Public
    public Response unregisterByPost(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @HeaderParam(AuthenticationFilter.TENANT_HEADER) String tenantHeader,
            String body) {
        JsonBody json = JsonBody.parse(body);
        Caller who = json.optionalString("access_token").isPresent()
                ? authenticator.authenticate(
                        json.requiredString("access_token"),
                        json.optionalString("tenant").orElse(tenantHeader))
                : caller.get();
        return unregistered(presence.close(who, type, id, json.requiredString("tab_id")));
    }

    private static Response unregistered(boolean removed) {
        return Envelope.ok(Map.of("unregistered", removed));
    }

    /**
     * A yes/no query parameter: absent or empty is no, {@code true} or {@code false} in any case;
     * anything else is refused rather than read as no.
     */
    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidInputException(name, "must be true or false");
    }

    /**
     * Seed 004's form: every tab on the record, one entry each, as a bare JSON array, which is what
     * clients of this form read. Errors keep the envelope, as everywhere.
     */
    @GET
    public Response tabs(@QueryParam("resource_type") String type, @QueryParam("resource_id") String id) {
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("resource_type", "is required");
        }
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("resource_id", "is required");
        }
        ResourceRef ref = access.visible(caller.get(), type, id);
        return Response.ok(
                        JsonSupport.write(PresenceJson.tabs(ref, presence.tabs(caller.get(), type, id))),
                        MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
