package io.presence.core.limits;

/**
 * Whose allowance a permit comes from: one user of one tenant, under one limit ({@code scope}, e.g.
 * {@code api}). The same user in another tenant, or under another limit, has an allowance of its own.
 */
public record RateKey(String scope, String tenant, String userId) {}
