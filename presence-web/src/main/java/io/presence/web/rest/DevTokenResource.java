package io.presence.web.rest;

import io.presence.core.errors.NotFoundException;
import io.presence.core.security.Authenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Development tokens: {@code POST /api/v1/dev/token} with {@code {"user_id","name","tenant","groups"}}
 * returns a token signed by the key generated at start-up. Exists only while no verification key is
 * configured; with a key it answers 404 like any unknown path.
 */
@Path("dev/token")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class DevTokenResource {

    @Inject
    Authenticator authenticator;

    @POST
    @Public
    public Response issue(String body) {
        if (!authenticator.developmentMode()) {
            throw new NotFoundException("not_found", "Not Found", Map.of());
        }
        JsonBody json = JsonBody.parse(body);
        String token = authenticator
                .issueDevelopmentToken(
                        json.requiredString("user_id"),
                        json.optionalString("name").orElse(null),
                        json.stringOrArray("tenant"),
                        json.stringOrArray("groups"))
                .orElseThrow();
        return Envelope.ok(Map.of("token", token, "token_type", "Bearer"));
    }
}
