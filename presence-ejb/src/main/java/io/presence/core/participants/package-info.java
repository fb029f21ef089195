/**
 * Participants of records (a conversation is visible to its participants only). The domain
 * application registers them ({@link io.presence.core.participants.ConversationParticipants}); the
 * {@link io.presence.core.participants.ParticipantStore} port keeps them next to the tabs (in memory or
 * in Redis, as the composition root chose for the presence store);
 * {@link io.presence.core.presence.ResourceAccess} hands them lazily to plugins as
 * {@link io.presence.api.spi.ResourceFacts}. Nothing here decides visibility: plugins do.
 */
package io.presence.core.participants;
