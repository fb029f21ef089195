/**
 * The presence model as immutable values: a record ({@link io.presence.api.model.ResourceRef}), the
 * tabs that have it open ({@link io.presence.api.model.TabPresence}), the per-user aggregate shown to
 * people ({@link io.presence.api.model.Viewer}) and the diffs watchers receive
 * ({@link io.presence.api.model.PresenceDiff}).
 *
 * <p>Plain Java only: nothing here may import Jakarta, Redis, Kafka or JSON libraries, so that plugins
 * and clients can depend on it without dragging a runtime along.
 */
package io.presence.api.model;
