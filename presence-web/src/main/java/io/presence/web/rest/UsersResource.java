package io.presence.web.rest;

import io.presence.api.model.Caller;
import io.presence.core.config.StatusSettings;
import io.presence.core.status.UserStatus;
import io.presence.core.status.UserStatuses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users' status over REST: a device reports its status ({@code POST /api/v1/users/me/status}, also its
 * heartbeat), and a caller looks up the users it may see ({@code GET /api/v1/users[/{user_id}]}).
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class UsersResource {

    @Inject
    UserStatuses statuses;

    @Inject
    StatusSettings settings;

    @Inject
    CurrentCaller caller;

    /** {@code {"status": "online"|"away"|"offline", "device_id"?}}; 429 when sooner than the interval. */
    @POST
    @Path("me/status")
    public Response report(InputStream body) {
        JsonBody json = JsonBody.parse(body);
        String deviceId = json.optionalString("device_id").orElse(UserStatuses.DEFAULT_DEVICE);
        Caller who = caller.get();
        UserStatus status =
                statuses.report(who, deviceId, json.optionalString("status").orElse(null));
        Map<String, Object> data = StatusJson.status(status);
        data.put("device_id", deviceId);
        data.put("timeout_seconds", settings.timeout().toSeconds());
        data.put("heartbeat_interval_seconds", Math.max(1, settings.timeout().toSeconds() / 3));
        return Envelope.ok(data);
    }

    /** {@code ?user_ids=u1,u2} (at most 1 000), or every known user the caller may see. */
    @GET
    public Response users(@QueryParam("user_ids") String userIds) {
        Caller who = caller.get();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("users", StatusJson.users(statuses.users(who, UserStatuses.splitIds(userIds))));
        data.put("current_user_id", who.userId());
        return Envelope.ok(data);
    }

    /** One user; 404 {@code user_not_found} when unknown or not visible to the caller. */
    @GET
    @Path("{user_id}")
    public Response user(@PathParam("user_id") String userId) {
        return Envelope.ok(StatusJson.user(statuses.user(caller.get(), userId)));
    }
}
