package io.presence.web.seed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** A browser test class on the seed clients' node with two users signed in, one browser each, for all its tests. */
@ExtendWith(SeedClientsNode.class)
abstract class TwoUsersInBrowsers {

    static SeedUsers users;

    @BeforeAll
    static void openBrowsers() throws Exception {
        users = SeedUsers.open();
    }

    @AfterAll
    static void closeBrowsers() {
        if (users != null) {
            users.close();
            users = null;
        }
    }
}
