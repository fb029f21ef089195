package io.presence.web.ws;

import io.presence.api.model.Caller;
import io.presence.api.spi.PluginContext;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A test plugin that narrows who sees whom, as a domain team's "partners only" plugin would: the users
 * listed in {@code presence.plugin.hidden-users} are seen by nobody but themselves. Added to test nodes
 * as a jar of its own ({@code --addLibs}), like any external plugin.
 *
 * <p>Its rules may also change while the node runs, as a real plugin's data does: the file named by
 * {@code presence.plugin.hidden-users-file} lists more hidden users, one {@code tenant:user} a line. A
 * node with {@code presence.plugin.hidden-users-announce=true} watches the file and, when a tenant's
 * lines change, announces it with {@link PluginContext#usersVisibilityChanged}; the others only read
 * it. Unlike a real plugin, it reads the file on every question (a fixture's shortcut, never to copy:
 * the hook must not do I/O), so that every node answers by the file's current content the moment the
 * announcement reaches it.
 */
public final class HiddenUsersPlugin implements ResourcePlugin {

    private volatile Set<String> hidden = Set.of();
    private volatile Path rules;

    @Override
    public int spiVersion() {
        return ResourcePlugin.SPI_VERSION;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.of(ResourceType.of("hidden_users_test", "[A-Za-z0-9-]{1,64}", "created", "updated", "deleted"));
    }

    @Override
    public void init(PluginContext context) {
        hidden = context.config("hidden-users")
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toSet()))
                .orElse(Set.of());
        rules = context.config("hidden-users-file").map(Path::of).orElse(null);
        if (rules != null
                && context.config("hidden-users-announce")
                        .map(Boolean::parseBoolean)
                        .orElse(false)) {
            Thread watcher = new Thread(() -> watch(context), "hidden-users-rules");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    @Override
    public boolean canSeeUser(Caller viewer, String userId) {
        return !hidden.contains(userId) && !ruled().contains(viewer.tenant() + ":" + userId);
    }

    private Set<String> ruled() {
        if (rules == null) {
            return Set.of();
        }
        try {
            return new HashSet<>(Files.readAllLines(rules));
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Announces each tenant whose lines changed, polling the file every 50 ms. */
    private void watch(PluginContext context) {
        Set<String> known = ruled();
        while (true) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            Set<String> now = ruled();
            Set<String> changed = new HashSet<>(now);
            changed.addAll(known);
            Set<String> kept = new HashSet<>(now);
            kept.retainAll(known);
            changed.removeAll(kept);
            changed.stream()
                    .filter(line -> line.indexOf(':') > 0)
                    .map(line -> line.substring(0, line.indexOf(':')))
                    .distinct()
                    .forEach(context::usersVisibilityChanged);
            known = now;
        }
    }
}
