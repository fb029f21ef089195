package io.presence.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API's root: every resource is under {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class PresenceApplication extends Application {}
