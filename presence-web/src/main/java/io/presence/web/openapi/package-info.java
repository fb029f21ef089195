/**
 * The OpenAPI document served at {@code /openapi}. The document itself is written by hand in
 * {@code META-INF/openapi.yaml}, since the REST resources answer with generic responses and one of the
 * APIs is a servlet, which no scan can type; the container's scan of the resources is switched off
 * ({@code META-INF/microprofile-config.properties}). What changes with a node's configuration is
 * applied here, by a filter over the model. No endpoint lives here.
 */
package io.presence.web.openapi;
