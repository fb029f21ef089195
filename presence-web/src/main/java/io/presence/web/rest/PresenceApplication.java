package io.presence.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The REST API's root: every resource is under {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class PresenceApplication extends Application {

    /**
     * How much of an answer Jersey holds back to send it with a {@code Content-Length}; a longer answer
     * goes out chunked. Jersey allocates this buffer for every response (8 KB by default, most of the
     * byte arrays a request allocated), while a heartbeat's answer is under 200 bytes and a record's
     * viewers a few hundred bytes per user.
     */
    static final int RESPONSE_BUFFER_BYTES = 2048;

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", RESPONSE_BUFFER_BYTES);
    }
}
