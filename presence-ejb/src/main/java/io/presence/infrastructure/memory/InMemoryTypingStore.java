package io.presence.infrastructure.memory;

import io.presence.core.status.TypingChanged;
import io.presence.core.status.TypingStore;
import io.presence.core.status.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link TypingStore} in this process: per user, the conversations they type in and until when. Each
 * change happens inside one {@code compute} of the user's entry, which also hands its start or stop to
 * the listeners, in order per user; a user who types nowhere has no entry.
 */
public final class InMemoryTypingStore implements TypingStore {

    private static final Logger LOG = Logger.getLogger(InMemoryTypingStore.class.getName());

    private final Map<UserRef, Map<String, Instant>> typing = new ConcurrentHashMap<>();
    private final List<Consumer<TypingChanged>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public boolean typing(UserRef user, String conversationId, Instant until, Instant now) {
        boolean[] changed = new boolean[1];
        typing.compute(user, (key, existing) -> {
            Map<String, Instant> conversations = existing != null ? existing : new HashMap<>();
            Instant previous = conversations.get(conversationId);
            boolean was = previous != null && previous.isAfter(now);
            if (until != null) {
                conversations.put(conversationId, until);
                changed[0] = !was;
            } else {
                conversations.remove(conversationId);
                changed[0] = was;
            }
            if (changed[0]) {
                emit(new TypingChanged(user.tenant(), user.userId(), conversationId, until != null));
            }
            return conversations.isEmpty() ? null : conversations;
        });
        return changed[0];
    }

    @Override
    public Map<String, Map<String, Instant>> typingIn(String tenant, Collection<String> userIds, Instant now) {
        Map<String, Map<String, Instant>> found = new LinkedHashMap<>();
        for (String id : userIds) {
            typing.computeIfPresent(new UserRef(tenant, id), (user, conversations) -> {
                Map<String, Instant> live = new LinkedHashMap<>();
                conversations.forEach((conversation, until) -> {
                    if (until.isAfter(now)) {
                        live.put(conversation, until);
                    }
                });
                if (!live.isEmpty()) {
                    found.put(id, live);
                }
                return conversations;
            });
        }
        return found;
    }

    @Override
    public int sweep(Instant now, int limit) {
        int[] removed = new int[1];
        for (UserRef user : new ArrayList<>(typing.keySet())) {
            typing.computeIfPresent(user, (key, conversations) -> {
                for (var it = conversations.entrySet().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    if (!entry.getValue().isAfter(now)) {
                        it.remove();
                        removed[0]++;
                        emit(new TypingChanged(key.tenant(), key.userId(), entry.getKey(), false));
                    }
                }
                return conversations.isEmpty() ? null : conversations;
            });
        }
        return removed[0];
    }

    @Override
    public void addTypingListener(Consumer<TypingChanged> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }

    private void emit(TypingChanged change) {
        for (Consumer<TypingChanged> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "typing listener failed for user " + change.userId(), e);
            }
        }
    }
}
