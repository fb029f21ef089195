package io.presence.web.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that {@link AuthenticationFilter} lets through without an
 * {@code Authorization} header, because it authenticates another way (the development token endpoint;
 * the beacon form of unregister, whose token travels in the body since {@code navigator.sendBeacon}
 * cannot set headers).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Public {}
