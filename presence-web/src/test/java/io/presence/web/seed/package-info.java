/**
 * The seeds' own web clients against a real node: their code, copied from the seeds with only the host
 * changed (src/test/js), and the client's React and Alpine bindings, run in headless Chromium; and the
 * compatibility they rely on (the token cookie and its CSRF guard, viewer names, event verbs, the bare
 * query form, user-level messages) checked over plain HTTP and WebSocket. One node on port 18370 serves
 * the API and, at {@code /seed-pages}, the pages bundled by {@code npm run check}, and 18376 is its
 * WebSocket listener of its own; 18371 serves a page of another origin, 18372-18375 are the browsers'
 * driver and DevTools ports.
 */
package io.presence.web.seed;
