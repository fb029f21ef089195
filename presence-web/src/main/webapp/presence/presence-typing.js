import { typingText } from "./status-text.js";

/**
 * `<presence-typing conversation-id="c-42">`: "Bob is typing…" under a message box, in a polite live
 * region, empty when nobody else types. Feed it with `element.client = userStatusClient`; it follows
 * the client's `typingchange` events for its conversation, which start and stop as the server pushes
 * them (the server also pushes the stop when a typing expires, 5 s after the typist's last refresh) and
 * are all cleared when the connection drops. `element.nameOf = (userId) => name` turns ids into names
 * (the id is shown without it). `data-typing` lists the user ids shown, for styling and tests.
 */
export class PresenceTyping extends HTMLElement {
  static observedAttributes = ["conversation-id"];
  #client = null;
  #typing = [];
  #onTyping = (e) => {
    if (e.detail.conversationId === this.conversationId) this.#show(e.detail.typing);
  };

  nameOf = (userId) => userId;

  get conversationId() { return this.getAttribute("conversation-id"); }

  set client(client) {
    this.#client?.removeEventListener("typingchange", this.#onTyping);
    this.#client = client;
    client.addEventListener("typingchange", this.#onTyping);
    this.#show(client.typingIn(this.conversationId));
  }

  connectedCallback() {
    this.setAttribute("role", "status");
    this.setAttribute("aria-live", "polite");
    this.#show(this.#typing);
  }

  attributeChangedCallback() {
    if (this.#client) this.#show(this.#client.typingIn(this.conversationId));
  }

  #show(userIds) {
    this.#typing = [...userIds];
    this.dataset.typing = this.#typing.join(" ");
    this.textContent = typingText(this.#typing.map((id) => this.nameOf(id)));
  }
}

if (!customElements.get("presence-typing")) customElements.define("presence-typing", PresenceTyping);
