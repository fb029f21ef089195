/**
 * The REST API under {@code /api/v1}: thin resources that authenticate (through {@link
 * io.presence.web.rest.AuthenticationFilter}), parse and validate the body, call a service and wrap
 * the answer in the envelope {@code {"success":true,"data":…}}. Every failure, ours or the container's,
 * leaves as {@code {"success":false,"error":{"code","message","details"}}} with a 4xx or 5xx status and
 * never a stack trace. No state lives here.
 */
package io.presence.web.rest;
