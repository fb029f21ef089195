/**
 * JSON-P access shared by the server. {@code jakarta.json.Json}'s static methods look the provider up
 * again on every call (a ServiceLoader scan inside an application server); everything here goes
 * through one provider found once.
 */
package io.presence.core.json;
