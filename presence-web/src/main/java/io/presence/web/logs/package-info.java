/**
 * The server log's format and the request id. With {@code presence.log.format=json} every line of the
 * log is one JSON object carrying this node's id, and a line logged while a REST request is handled
 * carries that request's id ({@code X-Request-Id}, taken from the request or made here, and echoed in
 * the answer). Logging stays java.util.logging, configured by the server; this package only swaps the
 * formatter of its handlers and keeps the request id of the thread at hand.
 */
package io.presence.web.logs;
