package io.presence.web.rest;

import io.presence.core.errors.InvalidInputException;
import io.presence.core.participants.ConversationParticipants;
import io.presence.core.security.Publishers;
import io.presence.core.status.ConversationTyping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT /api/v1/conversations/{id}/participants} with {@code {"participants":["u1","u2"]}}: the
 * domain application (token group {@code presence-publisher}) says who takes part in a conversation.
 * Only they may see it from then on; the list replaces the previous one ({@code []} removes all). And
 * the participants' typing.
 */
@Path("conversations")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ConversationsResource {

    @Inject
    ConversationParticipants participants;

    @Inject
    ConversationTyping typing;

    @Inject
    CurrentCaller caller;

    /**
     * {@code POST /api/v1/conversations/{id}/typing} with {@code {"is_typing": true|false}}: the caller, a
     * participant, types (for a few seconds after its last {@code true}) or stopped.
     */
    @POST
    @Path("{id}/typing")
    public Response typing(@PathParam("id") String id, String body) {
        JsonBody json = JsonBody.parse(body);
        ConversationTyping.Outcome outcome = typing.typing(caller.get(), id, json.requiredBoolean("is_typing"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversation_id", outcome.conversationId());
        data.put("is_typing", outcome.typing());
        data.put("expires_at", outcome.until() == null ? null : outcome.until().toString());
        return Envelope.ok(data);
    }

    @PUT
    @Path("{id}/participants")
    public Response replaceParticipants(@PathParam("id") String id, String body) {
        // Before the body: a caller who may not call this learns nothing of what it accepts.
        Publishers.require(caller.get());
        JsonBody json = JsonBody.parse(body);
        JsonValue list = json.json().get("participants");
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidInputException("participants", "is required: an array of user ids");
        }
        List<String> users = json.stringOrArray("participants");
        Set<String> stored = participants.replace(caller.get(), id, users);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resource_type", ConversationParticipants.TYPE);
        data.put("resource_id", id);
        data.put("participants", List.copyOf(stored));
        return Envelope.ok(data);
    }
}
