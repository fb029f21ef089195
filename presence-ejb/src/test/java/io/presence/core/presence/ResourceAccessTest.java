package io.presence.core.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import io.presence.api.spi.ResourceType;
import io.presence.core.errors.ForbiddenException;
import io.presence.core.errors.NotFoundException;
import io.presence.core.participants.ParticipantStore;
import io.presence.core.plugins.BoundPlugin;
import io.presence.core.plugins.ResourceTypeRegistry;
import io.presence.infrastructure.memory.InMemoryParticipantStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Visibility decisions: plugins decide with participants from the store, loaded only when asked. */
class ResourceAccessTest {

    private static final Caller ALICE = new Caller("alice", "Alice", "acme", Set.of());
    private static final Caller CAROL = new Caller("carol", "Carol", "acme", Set.of());

    private final AtomicInteger loads = new AtomicInteger();
    private final ResourceAccess access = new ResourceAccess();

    @BeforeEach
    void setUp() {
        InMemoryParticipantStore memory = new InMemoryParticipantStore();
        memory.replace(new ResourceRef("acme", "chat", "c-1"), Set.of("alice"));
        access.participants = new ParticipantStore() {
            @Override
            public Set<String> participants(ResourceRef ref) {
                loads.incrementAndGet();
                return memory.participants(ref);
            }

            @Override
            public void replace(ResourceRef ref, Set<String> participants) {
                memory.replace(ref, participants);
            }
        };
        access.registry = ResourceTypeRegistry.of(List.of(
                bind("chat", new Plugin() {
                    @Override
                    public boolean canSee(Caller caller, ResourceRef ref, ResourceFacts facts) {
                        return facts.participants().contains(caller.userId());
                    }

                    @Override
                    public boolean canEdit(Caller caller, ResourceRef ref, ResourceFacts facts) {
                        return facts.participants().contains(caller.userId());
                    }
                }),
                bind("open", new Plugin() {
                    @Override
                    public boolean canEdit(Caller caller, ResourceRef ref, ResourceFacts facts) {
                        return false;
                    }
                }),
                bind("buggy", new Plugin() {
                    @Override
                    public boolean canSee(Caller caller, ResourceRef ref, ResourceFacts facts) {
                        throw new IllegalStateException("bug in plugin");
                    }
                })));
    }

    @Test
    void participantsMaySeeAndEditTheirRecordWithOneStoreRead() {
        assertEquals(new ResourceRef("acme", "chat", "c-1"), access.editable(ALICE, "chat", "c-1"));
        assertEquals(1, loads.get(), "canSee and canEdit of one decision share one load");
    }

    @Test
    void aNonParticipantGetsTheSameAnswerAsForAMissingRecord() {
        NotFoundException hidden = assertThrows(NotFoundException.class, () -> access.visible(CAROL, "chat", "c-1"));
        NotFoundException missing = assertThrows(NotFoundException.class, () -> access.visible(CAROL, "chat", "c-404"));
        assertEquals(missing.code(), hidden.code());
        assertFalse(access.canSee(CAROL, new ResourceRef("acme", "chat", "c-1")));
        assertTrue(access.canSee(ALICE, new ResourceRef("acme", "chat", "c-1")));
    }

    @Test
    void recordsOfAnotherTenantAreNeverVisibleWhateverThePluginSays() {
        assertFalse(access.canSee(ALICE, new ResourceRef("globex", "open", "x-1")));
        assertFalse(access.canSee(ALICE, new ResourceRef("acme", "unknown", "x-1")));
    }

    @Test
    void pluginsThatNeverAskForFactsCostNoStoreRead() {
        access.visible(ALICE, "open", "x-1");
        assertThrows(ForbiddenException.class, () -> access.editable(ALICE, "open", "x-1"));
        assertEquals(0, loads.get());
    }

    @Test
    void aPluginThatThrowsHidesItsRecordsInsteadOfFailingTheRequest() {
        assertThrows(NotFoundException.class, () -> access.visible(ALICE, "buggy", "x-1"));
        assertFalse(access.canSee(ALICE, new ResourceRef("acme", "buggy", "x-1")));
    }

    /** A plugin of one type; access rules are overridden per test type. */
    private abstract static class Plugin implements ResourcePlugin {
        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public List<ResourceType> resourceTypes() {
            return List.of();
        }
    }

    private static BoundPlugin bind(String type, ResourcePlugin plugin) {
        return new BoundPlugin(ResourceType.of(type, "[a-z0-9-]{1,20}", "created", "updated", "deleted"), plugin);
    }
}
