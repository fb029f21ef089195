package io.presence.web.rest;

import io.presence.core.errors.InvalidInputException;
import io.presence.core.errors.PresenceException;
import io.presence.core.records.FieldLock;
import io.presence.core.records.FieldLocks;
import io.presence.core.records.LifecycleEvent;
import io.presence.core.records.LifecyclePublisher;
import io.presence.core.records.RecordLifecycle;
import io.presence.core.records.RecordStateStore.BumpOutcome;
import io.presence.core.records.RecordStateStore.LockOutcome;
import io.presence.core.records.RecordStateStore.UnlockOutcome;
import io.presence.core.security.Publishers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
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
import java.util.Locale;
import java.util.Map;

/**
 * A record's state over REST (docs/protocol.md, "Field locks and record state"): its locks, stale flag
 * and version; locking and releasing a field for a tab; the fencing-token check a domain application
 * makes before it commits a write; lifecycle events from applications without a Kafka producer; and
 * seed 001's compare-and-bump of the version.
 */
@Path("records/{type}/{id}")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class RecordsResource {

    @Inject
    FieldLocks locks;

    @Inject
    RecordLifecycle lifecycle;

    @Inject
    LifecyclePublisher publisher;

    @Inject
    CurrentCaller caller;

    /** The record's locks, stale flag, version and the sequence number they belong to. */
    @GET
    public Response state(@PathParam("type") String type, @PathParam("id") String id) {
        RecordLifecycle.StateView view = lifecycle.state(caller.get(), type, id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resource_type", view.ref().type());
        data.put("resource_id", view.ref().id());
        data.put("seq", view.seq());
        PresenceJson.putState(data, view.state());
        return Envelope.ok(data);
    }

    /** Locks the field for the caller's tab ({@code {"tab_id"}}), or renews it; 409 {@code lock_held}. */
    @POST
    @Path("locks/{field}")
    public Response lock(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @PathParam("field") String field,
            InputStream body) {
        String tabId = JsonBody.parse(body).requiredString("tab_id");
        LockOutcome outcome = locks.lock(caller.get(), type, id, field, tabId);
        if (outcome.status() == LockOutcome.Status.HELD) {
            throw new PresenceException(
                    409,
                    "lock_held",
                    "'" + field + "' is locked by " + outcome.lock().userName(),
                    FieldLocks.heldBy(outcome.lock()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lock", PresenceJson.lock(outcome.lock()));
        data.put("renewed", outcome.status() == LockOutcome.Status.RENEWED);
        return Envelope.ok(data);
    }

    /**
     * Releases the caller's lock of the field; with {@code force=true} a publisher releases whoever's.
     * Releasing a field nobody holds answers {@code released: false}.
     */
    @DELETE
    @Path("locks/{field}")
    public Response unlock(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @PathParam("field") String field,
            @QueryParam("force") String force) {
        boolean released;
        if ("true".equals(force)) {
            FieldLock forced = locks.forceUnlock(caller.get(), type, id, field);
            released = forced != null;
        } else {
            released = locks.unlock(caller.get(), type, id, field).status() == UnlockOutcome.Status.RELEASED;
        }
        return Envelope.ok(Map.of("field", field, "released", released));
    }

    /**
     * Whether {@code {"token"}} is the fencing token of the field's current lock (and, with
     * {@code "user_id"}, whether that user holds it): what a domain application asks before it commits a
     * write made under the lock. A stale token answers 409 {@code stale_token} naming the current holder.
     */
    @POST
    @Path("locks/{field}/verify")
    public Response verify(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @PathParam("field") String field,
            InputStream body) {
        JsonBody json = JsonBody.parse(body);
        FieldLock current = locks.verify(
                caller.get(), type, id, field, longField(json.json(), "token"), json.optionalString("user_id"));
        return Envelope.ok(Map.of("valid", true, "lock", PresenceJson.lock(current)));
    }

    /**
     * A lifecycle event from a publisher: {@code {"event_id","phase","busy_by"}} with {@code phase}
     * {@code MUTATING} or {@code MUTATED}. Applied at once (200), or with Kafka produced to the lifecycle
     * topic (202, {@code status: queued}); a repeated event id changes nothing.
     */
    @POST
    @Path("lifecycle")
    public Response lifecycle(@PathParam("type") String type, @PathParam("id") String id, InputStream body) {
        Publishers.require(caller.get());
        JsonObject json = JsonBody.parse(body).json();
        JsonObject withRecord = Json.createObjectBuilder(json)
                .add("resource_type", type)
                .add("resource_id", id)
                .build();
        LifecycleEvent event = lifecycle.reader().read(caller.get().tenant(), null, withRecord);
        LifecyclePublisher.Publication publication = publisher.publish(event);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", event.eventId());
        data.put("phase", event.phase().name());
        data.put("status", publication.status().name().toLowerCase(Locale.ROOT));
        data.put("applied", publication.status() == LifecyclePublisher.Publication.Status.APPLIED);
        if (publication.lifecycle() != null) {
            PresenceJson.putLifecycle(data, publication.lifecycle());
        }
        return publication.status() == LifecyclePublisher.Publication.Status.QUEUED
                ? Response.accepted(Envelope.success(data)).build()
                : Envelope.ok(data);
    }

    /**
     * Seed 001's optimistic concurrency: {@code {"lock_version": n}} bumps the version to n + 1 if it is
     * n; otherwise 409 {@code version_conflict} with the current version.
     */
    @POST
    @Path("version")
    public Response bump(@PathParam("type") String type, @PathParam("id") String id, InputStream body) {
        long expected = longField(JsonBody.parse(body).json(), "lock_version");
        BumpOutcome outcome = lifecycle.compareAndBump(caller.get(), type, id, expected);
        if (!outcome.bumped()) {
            throw new PresenceException(
                    409,
                    "version_conflict",
                    "the record is at version " + outcome.version() + ", not " + expected + "; reload it before saving",
                    Map.of("lock_version", outcome.version(), "expected", expected));
        }
        return Envelope.ok(Map.of("lock_version", outcome.version()));
    }

    private static long longField(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new InvalidInputException(field, "must be an integer of at most 19 digits");
            }
        }
        throw new InvalidInputException(field, value == null ? "is required" : "must be an integer");
    }
}
