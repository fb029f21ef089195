package io.presence.web.openapi;

import io.presence.core.config.TokenSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Leaves the development endpoints (the operations tagged {@value #TAG}: the token issuer and the
 * WebSocket hooks) out of the OpenAPI document on a node that verifies tokens with a configured key,
 * where those endpoints answer 404. The container creates this filter itself, outside CDI, and builds
 * the document once, on its first request; so the rule is read from MicroProfile Config, the same
 * settings that end development mode ({@link TokenSettings#hasConfiguredKey(org.eclipse.microprofile.config.Config)}).
 */
public class DevelopmentEndpointsFilter implements OASFilter {

    /** The tag of the development operations in {@code META-INF/openapi.yaml}. */
    static final String TAG = "development";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (!TokenSettings.hasConfiguredKey(ConfigProvider.getConfig(getClass().getClassLoader()))) {
            return;
        }
        if (document.getPaths() != null) {
            Map<String, PathItem> items =
                    new LinkedHashMap<>(document.getPaths().getPathItems());
            items.forEach((path, item) -> {
                item.getOperations().forEach((method, operation) -> {
                    if (isDevelopment(operation)) {
                        item.setOperation(method, null);
                    }
                });
                if (item.getOperations().isEmpty()) {
                    document.getPaths().removePathItem(path);
                }
            });
        }
        if (document.getTags() != null) {
            List.copyOf(document.getTags()).stream()
                    .filter(tag -> TAG.equals(tag.getName()))
                    .forEach(document::removeTag);
        }
    }

    private static boolean isDevelopment(Operation operation) {
        return operation.getTags() != null && operation.getTags().contains(TAG);
    }
}
