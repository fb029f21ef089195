package io.presence.core.security;

import io.presence.api.model.Caller;
import io.presence.core.errors.ForbiddenException;

/**
 * The publisher role: domain applications (not people) that announce resource events and register
 * conversation participants. A token has it through the group {@value #GROUP}.
 */
public final class Publishers {

    /** The token group that makes a caller a publisher. */
    public static final String GROUP = "presence-publisher";

    private Publishers() {}

    /** Returns normally for a publisher; 403 {@code publisher_required} for anyone else. */
    public static void require(Caller caller) {
        if (!caller.inGroup(GROUP)) {
            throw new ForbiddenException(
                    "publisher_required",
                    "this call is for domain applications: the token needs the group '" + GROUP + "'");
        }
    }
}
