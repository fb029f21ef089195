package io.presence.web.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one response shape of the API: {@code {"success":true,"data":…}} or the error form. */
public final class Envelope {

    private Envelope() {}

    /** A success envelope around {@code data}, as a 200 response. */
    public static Response ok(Object data) {
        return Response.ok(success(data), MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Map<String, Object> success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return body;
    }

    /** An error envelope with the given status. */
    public static Response error(int status, String code, String message, Map<String, Object> details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(errorBody(code, message, details))
                .build();
    }

    /** The body of an error envelope, for answers written outside JAX-RS. */
    public static Map<String, Object> errorBody(String code, String message, Map<String, Object> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return body;
    }
}
