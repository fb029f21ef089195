package io.presence.web.health;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Runs a check so that it answers DOWN instead of throwing: Payara Micro answers a health request with
 * an empty 500 when a check throws, where a probe should see 503 (not ready). Payara calls the checks on
 * its health endpoint's thread, whose context class loader is not the application's, and a call through
 * one of the application's CDI proxies needs that class loader; the check runs with it. The checks are
 * {@code @Dependent}, so that Payara holds the check itself rather than a proxy of it.
 */
final class GuardedCheck {

    private static final Logger LOG = Logger.getLogger(GuardedCheck.class.getName());

    private GuardedCheck() {}

    static HealthCheckResponse call(String name, Supplier<HealthCheckResponse> check) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(GuardedCheck.class.getClassLoader());
        try {
            return check.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "health check " + name + " failed; reporting it DOWN", e);
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("answered", false)
                    .build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
