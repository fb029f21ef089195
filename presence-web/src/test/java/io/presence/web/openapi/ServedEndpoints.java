package io.presence.web.openapi;

import io.presence.web.rest.PresenceApplication;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The REST endpoints the code serves, as {@code "METHOD /path"} with the path templates of the code:
 * every resource method of the JAX-RS application, read from its classes, and the routes of the servlet
 * that answers the status paths of the iOS app's contract, which live in its code rather than in
 * annotations and are listed here.
 */
final class ServedEndpoints {

    private static final Set<String> SERVLET_ROUTES = Set.of(
            "POST /api/presence/status",
            "GET /api/presence/users",
            "GET /api/presence/users/{user_id}",
            "POST /api/conversations/{conversation_id}/typing");

    private ServedEndpoints() {}

    static Set<String> all() throws Exception {
        Set<String> endpoints = new TreeSet<>(SERVLET_ROUTES);
        String root = "/"
                + PresenceApplication.class.getAnnotation(ApplicationPath.class).value();
        for (Class<?> resource : resourceClasses()) {
            String base = root + "/" + resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                Path sub = method.getAnnotation(Path.class);
                String path = (base + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                httpMethod(method).ifPresent(verb -> endpoints.add(verb + " " + path.replaceAll("(.)/$", "$1")));
            }
        }
        return endpoints;
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    /** The top-level classes of the REST package annotated with {@link Path}. */
    private static Set<Class<?>> resourceClasses() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(PresenceApplication.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(PresenceApplication.class.getPackageName().replace('.', '/'));
        Set<Class<?>> resources = new HashSet<>();
        try (Stream<java.nio.file.Path> files = Files.list(classes)) {
            for (String file : files.map(f -> f.getFileName().toString()).toList()) {
                if (file.endsWith(".class") && !file.contains("$")) {
                    Class<?> type = Class.forName(
                            PresenceApplication.class.getPackageName() + "." + file.replace(".class", ""),
                            false,
                            ServedEndpoints.class.getClassLoader());
                    if (type.isAnnotationPresent(Path.class)) {
                        resources.add(type);
                    }
                }
            }
        }
        return resources;
    }
}
