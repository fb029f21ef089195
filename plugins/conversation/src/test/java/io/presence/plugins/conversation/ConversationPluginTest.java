package io.presence.plugins.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presence.api.model.Caller;
import io.presence.api.model.ResourceRef;
import io.presence.api.spi.AbstractResourcePluginContractTest;
import io.presence.api.spi.ResourceFacts;
import io.presence.api.spi.ResourcePlugin;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationPluginTest extends AbstractResourcePluginContractTest {

    private static final ResourceRef CHAT = new ResourceRef("acme", "conversation", "c-42");
    private static final ResourceFacts ALICE_AND_BOB = ResourceFacts.ofParticipants(Set.of("alice", "bob"));

    @Override
    protected ResourcePlugin createPlugin() {
        return new ConversationPlugin();
    }

    @Override
    protected String validId(String type) {
        return "c-42";
    }

    @Test
    void participantsMaySeeAndWriteTheConversation() {
        Caller alice = caller("alice");
        assertTrue(plugin.canSee(alice, CHAT, ALICE_AND_BOB));
        assertTrue(plugin.canEdit(alice, CHAT, ALICE_AND_BOB));
    }

    @Test
    void aNonParticipantSeesNothingWhateverItsGroups() {
        Caller admin = new Caller("carol", "Carol", "acme", Set.of("presence-publisher", "admin"));
        assertFalse(plugin.canSee(admin, CHAT, ALICE_AND_BOB));
        assertFalse(plugin.canEdit(admin, CHAT, ALICE_AND_BOB));
    }

    @Test
    void aConversationWithoutRegisteredParticipantsIsHiddenFromEveryone() {
        assertFalse(plugin.canSee(caller("alice"), CHAT, ResourceFacts.none()));
    }

    @Test
    void messagesAreAnnouncedAsMessageCreated() {
        assertTrue(plugin.resourceTypes().get(0).hasAction("message_created"));
    }

    private static Caller caller(String id) {
        return new Caller(id, id, "acme", Set.of());
    }
}
