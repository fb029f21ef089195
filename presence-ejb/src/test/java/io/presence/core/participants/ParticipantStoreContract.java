package io.presence.core.participants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presence.api.model.ResourceRef;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link ParticipantStore} keeps; run on the in-memory store and on a real Redis. */
abstract class ParticipantStoreContract {

    /** The store under test, fresh for each test. */
    protected abstract ParticipantStore store();

    private final String tenant = "t-" + UUID.randomUUID();

    @Test
    void aRecordWithoutRegistrationHasNoParticipants() {
        assertEquals(Set.of(), store().participants(chat(tenant, "c-1")));
    }

    @Test
    void aRegistrationReplacesThePreviousListAsAWhole() {
        store().replace(chat(tenant, "c-1"), Set.of("alice", "bob"));
        store().replace(chat(tenant, "c-1"), Set.of("bob", "carol"));
        assertEquals(Set.of("bob", "carol"), store().participants(chat(tenant, "c-1")));
    }

    @Test
    void anEmptyRegistrationRemovesEveryone() {
        store().replace(chat(tenant, "c-1"), Set.of("alice"));
        store().replace(chat(tenant, "c-1"), Set.of());
        assertEquals(Set.of(), store().participants(chat(tenant, "c-1")));
    }

    @Test
    void tenantsAndRecordsDoNotShareParticipants() {
        String otherTenant = "t-" + UUID.randomUUID();
        store().replace(chat(tenant, "c-1"), Set.of("alice"));
        assertEquals(Set.of(), store().participants(chat(otherTenant, "c-1")));
        assertEquals(Set.of(), store().participants(chat(tenant, "c-2")));
        assertEquals(Set.of(), store().participants(new ResourceRef(tenant, "work_order", "c-1")));
    }

    @Test
    void userIdsWithUnusualCharactersSurviveTheRoundTrip() {
        Set<String> users = Set.of("user@example.com", "Zoë Ŝ", "42", "a:b{c}");
        store().replace(chat(tenant, "c-1"), users);
        assertEquals(users, store().participants(chat(tenant, "c-1")));
    }

    private static ResourceRef chat(String tenant, String id) {
        return new ResourceRef(tenant, "conversation", id);
    }
}
