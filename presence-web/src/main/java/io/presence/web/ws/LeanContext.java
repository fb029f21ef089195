package io.presence.web.ws;

import java.io.IOException;

/**
 * Runs a send on a WebSocket session with the platform class loader as the thread's context class
 * loader.
 *
 * <p>Why: Tyrus restarts its idle-timeout task on every send and ping, scheduling it on the container's
 * managed executor, and Payara captures the thread context of every such task with a {@code
 * ServiceLoader} lookup through the context class loader. With the application's loader that lookup
 * scans every jar of the WAR and the server (about a quarter of a millisecond each time, measured in
 * the fan-out of a burst of joins), which made a diff to 100 watchers take tens of milliseconds. With the
 * platform loader it finds nothing, quickly; the task it schedules only closes sessions idle for longer
 * than their idle timeout, which needs no application context.
 */
final class LeanContext {

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** A send that may fail with an I/O error. */
    interface Send {
        void run() throws IOException;
    }

    private LeanContext() {}

    static void send(Send send) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PLATFORM);
        try {
            send.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
