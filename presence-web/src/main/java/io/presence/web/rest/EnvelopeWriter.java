package io.presence.web.rest;

import io.presence.core.json.JsonSupport;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the {@link Envelope} (a map of plain values) as JSON by streaming it through JSON-P, instead of
 * the container's JSON-B binding, which inspects every value's class on every response.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class EnvelopeWriter implements MessageBodyWriter<Map<String, ?>> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Map.class.isAssignableFrom(type) && MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType);
    }

    @Override
    public void writeTo(
            Map<String, ?> body,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream entity)
            throws IOException {
        // a string first: response bodies are small, and a generator on the stream would allocate an
        // 8 KB encoder buffer per response
        entity.write(JsonSupport.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
