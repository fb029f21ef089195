/**
 * The users a {@link UserStatusClient} knows and who of them types where: filled from a snapshot or a
 * REST poll ({@link replace}) and kept current by `status` and `typing` pushes. Every method returns
 * what changed, so that the client raises one event per change and none for a poll that changed
 * nothing.
 *
 * A user is the protocol's user object, `{user_id, status, last_seen, is_typing, typing_in}`, with
 * `is_typing` and `typing_in` kept in step with the typing pushes. Typing has no timer here: the server
 * expires typing 5 s after its last refresh and pushes the stop, so while connected the pushes are the
 * truth; a client that lost its connection calls {@link clearTyping} and rebuilds from the next snapshot.
 */
export class StatusBook {
  #users = new Map();
  #typing = new Map(); // conversation id -> Set of user ids
  currentUserId = null;

  /** @returns {object|undefined} the user, or undefined when unknown (not yet reported, or not visible) */
  get(userId) {
    return this.#users.get(String(userId));
  }

  /** Every known user, in the order they first arrived (a snapshot lists the most recently seen first). */
  list() {
    return [...this.#users.values()];
  }

  /** The users typing in a conversation, the current user left out. */
  typingIn(conversationId) {
    return [...(this.#typing.get(String(conversationId)) || [])].filter((id) => id !== this.currentUserId);
  }

  /**
   * Replaces everything with a snapshot or a poll.
   *
   * @returns {{statusChanges: {user, previous}[], typingChanges: {userId, conversationId, isTyping}[]}}
   */
  replace(users, currentUserId) {
    if (currentUserId !== undefined && currentUserId !== null) this.currentUserId = String(currentUserId);
    const before = this.#users;
    this.#users = new Map();
    const statusChanges = [];
    const typing = new Map();
    for (const raw of users || []) {
      const user = { ...raw, user_id: String(raw.user_id), typing_in: (raw.typing_in || []).map(String) };
      this.#users.set(user.user_id, user);
      user.typing_in.forEach((c) => (typing.get(c) || typing.set(c, new Set()).get(c)).add(user.user_id));
      const previous = before.get(user.user_id);
      if (!previous || previous.status !== user.status || previous.last_seen !== user.last_seen) {
        statusChanges.push({ user, previous: previous || null });
      }
    }
    return { statusChanges, typingChanges: this.#setTyping(typing) };
  }

  /** A `status` push. @returns {{user, previous}|null} null when nothing a watcher sees changed */
  applyStatus(message) {
    const id = String(message.user_id);
    const previous = this.#users.get(id) || null;
    const user = { is_typing: false, typing_in: [], ...previous, user_id: id, status: message.status,
      last_seen: message.last_seen ?? previous?.last_seen ?? null };
    if (previous && previous.status === user.status && previous.last_seen === user.last_seen) return null;
    this.#users.set(id, user);
    return { user, previous };
  }

  /** A `typing` push. @returns {{userId, conversationId, isTyping}|null} null when it changed nothing */
  applyTyping(message) {
    const typing = new Map([...this.#typing].map(([c, ids]) => [c, new Set(ids)]));
    const conversationId = String(message.conversation_id);
    const ids = typing.get(conversationId) || typing.set(conversationId, new Set()).get(conversationId);
    if (message.is_typing) ids.add(String(message.user_id)); else ids.delete(String(message.user_id));
    return this.#setTyping(typing)[0] || null;
  }

  /** Forgets who types (the connection dropped, stops may be lost). @returns the typing changes */
  clearTyping() {
    return this.#setTyping(new Map());
  }

  /** Installs a new typing map and returns one change per user and conversation that differs. */
  #setTyping(next) {
    const changes = [];
    const conversations = new Set([...this.#typing.keys(), ...next.keys()]);
    for (const conversationId of conversations) {
      const was = this.#typing.get(conversationId) || new Set();
      const now = next.get(conversationId) || new Set();
      now.forEach((userId) => was.has(userId) || changes.push({ userId, conversationId, isTyping: true }));
      was.forEach((userId) => now.has(userId) || changes.push({ userId, conversationId, isTyping: false }));
      if (!now.size) next.delete(conversationId);
    }
    this.#typing = next;
    for (const user of this.#users.values()) {
      user.typing_in = [...next].filter(([, ids]) => ids.has(user.user_id)).map(([c]) => c).sort();
      user.is_typing = user.typing_in.length > 0;
    }
    return changes;
  }
}
