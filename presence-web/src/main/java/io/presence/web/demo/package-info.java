/**
 * The development demo's gatekeeping: the static pages under {@code src/main/webapp/demo} are served
 * only while the server runs with development keys. Nothing here may serve data or pages of its own;
 * the demo talks to the public API like any other client.
 */
package io.presence.web.demo;
