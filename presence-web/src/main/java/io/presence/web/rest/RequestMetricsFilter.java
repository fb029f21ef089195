package io.presence.web.rest;

import io.presence.core.metrics.Counters;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every REST request, from before matching (so that refusals by the other filters count too) to
 * the response, as the timer {@code presence_http_request} tagged with the route template ({@code
 * /api/v1/presence/{type}/{id}/heartbeat}, or {@code unmatched}), the HTTP method and the status class
 * ({@code 2xx} … {@code 5xx}). Payara's MicroProfile Metrics has no REST request metrics of its own.
 * The timers are resolved once per resource method and status class, so a request costs one update.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String TIMER = "presence_http_request";
    private static final String STARTED = RequestMetricsFilter.class.getName() + ".started";
    private static final String UNMATCHED = "unmatched";

    @Inject
    Counters counters;

    @Context
    ResourceInfo resource;

    /** Per resource method, a timer per status class (index 1 to 5). */
    private final Map<Method, Counters.Timer[]> timers = new ConcurrentHashMap<>();
    /** Per HTTP method, the timers of requests that matched no resource method. */
    private final Map<String, Counters.Timer[]> unmatched = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        int statusClass = Math.max(1, Math.min(5, response.getStatus() / 100));
        Method method = resource.getResourceMethod();
        Counters.Timer[] byStatus = method == null
                ? unmatched.computeIfAbsent(request.getMethod(), m -> resolve(UNMATCHED, m))
                : timers.computeIfAbsent(method, m -> resolve(route(m), request.getMethod()));
        byStatus[statusClass].record(System.nanoTime() - started);
    }

    private Counters.Timer[] resolve(String route, String httpMethod) {
        Counters.Timer[] byStatus = new Counters.Timer[6];
        for (int statusClass = 1; statusClass <= 5; statusClass++) {
            byStatus[statusClass] =
                    counters.timer(TIMER, Map.of("route", route, "method", httpMethod, "status", statusClass + "xx"));
        }
        return byStatus;
    }

    /** The route template of a resource method: the application's path, the class's and the method's. */
    static String route(Method method) {
        StringBuilder route = new StringBuilder("/api/v1");
        append(route, method.getDeclaringClass().getAnnotation(Path.class));
        append(route, method.getAnnotation(Path.class));
        return route.toString();
    }

    private static void append(StringBuilder route, Path path) {
        if (path != null) {
            String value = path.value().replaceAll("^/+|/+$", "");
            if (!value.isEmpty()) {
                route.append('/').append(value);
            }
        }
    }
}
