package io.presence.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.presence.web.ApiClient;
import io.presence.web.ApiClient.Reply;
import io.presence.web.browser.PresenceServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at {@code /openapi} against the live API of a real Payara Micro node in
 * development mode (port 18420): it describes every endpoint the code serves and nothing else, every
 * operation is typed, and real answers conform to their documented schemas. A node with a configured
 * token key (port 18421) leaves the development endpoints out.
 */
class OpenApiDocumentIT {

    private static final Set<String> STATUSES =
            Set.of("200", "202", "400", "401", "403", "404", "409", "415", "422", "429", "503");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    /** A well-formed value for each path parameter of the document. */
    private static final Map<String, String> SAMPLES = Map.of(
            "type", "work_order",
            "id", "WO-openapi",
            "field", "description",
            "user_id", "nobody",
            "conversation_id", "c-openapi");

    private static PresenceServer server;
    private static ApiClient api;
    private static JsonObject document;
    private static SchemaCheck schemas;

    @BeforeAll
    static void start() throws Exception {
        server = PresenceServer.start(18420, Map.of(), List.of());
        api = new ApiClient(URI.create(server.baseUrl()));
        document = openApi(api);
        schemas = new SchemaCheck(document);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void documentListsExactlyTheEndpointsTheCodeServes() throws Exception {
        Set<String> served = ServedEndpoints.all();
        Set<String> documented = operations(document).keySet();
        assertEquals(Set.of(), difference(served, documented), "served but not documented");
        assertEquals(Set.of(), difference(documented, served), "documented but not served");
    }

    @Test
    void everyDocumentedOperationIsALiveRouteThatAnswersAsDocumented() {
        String token = api.token("openapi-prober", "Prober", "acme");
        operations(document).forEach((operation, description) -> {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = sampled(operation.substring(operation.indexOf(' ') + 1));
            HttpResponse<String> anonymous = api.exchange(method, path, null, null, null);
            HttpResponse<String> signedIn = api.exchange(method, path, token, null, null);
            assertServed(operation, anonymous);
            assertServed(operation, signedIn);
            if (requiresToken(description)) {
                assertEquals(401, anonymous.statusCode(), operation + " without a token");
            } else {
                assertNotEquals(401, anonymous.statusCode(), operation + " is open");
            }
            conforms(operation, anonymous);
            conforms(operation, signedIn);
        });
    }

    @Test
    void everyOperationIsTypedAndNamed() {
        Set<String> operationIds = new HashSet<>();
        operations(document).forEach((operation, description) -> {
            String operationId = description.getString("operationId", "");
            assertFalse(operationId.isBlank(), operation + " has no operationId");
            assertTrue(operationIds.add(operationId), operationId + " is used twice");
            assertFalse(description.getString("summary", "").isBlank(), operation + " has no summary");
            assertFalse(description.getJsonArray("tags").isEmpty(), operation + " has no tag");
            JsonObject responses = description.getJsonObject("responses");
            assertTrue(STATUSES.containsAll(responses.keySet()), operation + " answers " + responses.keySet());
            assertTrue(responses.keySet().stream().anyMatch(status -> status.startsWith("2")), operation);
            responses.forEach((status, response) -> assertNotNull(
                    jsonSchema(schemas.resolve(response.asJsonObject())), operation + " " + status + " has no schema"));
            if (requiresToken(description)) {
                assertTrue(responses.containsKey("401"), operation + " needs a token but lists no 401");
            }
            if (description.containsKey("requestBody")) {
                assertNotNull(
                        jsonSchema(schemas.resolve(description.getJsonObject("requestBody"))),
                        operation + " has an untyped body");
            }
            Matcher names = TEMPLATE.matcher(operation);
            while (names.find()) {
                assertTrue(pathParameters(operation).contains(names.group(1)), operation + " lacks " + names.group(1));
            }
        });
    }

    @Test
    void realAnswersConformToTheirDocumentedSchemas() {
        JsonObject viewers = new RealCalls(api, this::conforms).run();
        JsonObject alice = viewers.getJsonArray("viewers").getJsonObject(0);
        JsonObject viewer = schemas.resolve(
                document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Viewer"));
        assertEquals(viewer.getJsonObject("properties").keySet(), alice.keySet());
        assertEquals("openapi-alice", alice.getString("id"));
        assertEquals(List.of("description"), alice.getJsonArray("active_fields").getValuesAs(JsonString::getString));
    }

    @Test
    void developmentEndpointsAreListedOnlyWithoutAConfiguredKey() throws Exception {
        Set<String> development = new TreeSet<>();
        operations(document).forEach((operation, description) -> {
            if (tags(description).contains("development")) {
                development.add(operation);
            }
        });
        assertEquals(
                Set.of("POST /api/v1/dev/token", "POST /api/v1/dev/ws/close", "GET /api/v1/dev/ws/stats"), development);
        try (PresenceServer keyed = PresenceServer.startWithConfiguredKey(18421)) {
            ApiClient production = new ApiClient(URI.create(keyed.baseUrl()));
            JsonObject productionDocument = openApi(production);
            assertEquals(
                    difference(operations(document).keySet(), development),
                    operations(productionDocument).keySet());
            assertTrue(productionDocument.getJsonArray("tags").stream()
                    .noneMatch(tag -> tag.asJsonObject().getString("name").equals("development")));
            assertEquals(
                    404,
                    production
                            .post("api/v1/dev/token", null, "{\"user_id\":\"u1\",\"tenant\":\"acme\"}")
                            .status());
        }
    }

    /** Fails unless the status is documented for the operation and the body conforms to its schema. */
    Reply conforms(String operation, HttpResponse<String> response) {
        JsonObject description = operations(document).get(operation);
        assertNotNull(description, operation + " is not documented");
        String status = Integer.toString(response.statusCode());
        JsonValue documented = description.getJsonObject("responses").get(status);
        if (documented == null) {
            fail(operation + " answered " + status + ", which is not documented: " + response.body());
        }
        Reply reply = ApiClient.reply(response);
        JsonObject schema = jsonSchema(schemas.resolve(documented.asJsonObject()));
        List<String> problems = schemas.problems(schema, reply.body());
        assertEquals(List.of(), problems, operation + " " + status + " " + response.body());
        return reply;
    }

    private static void assertServed(String operation, HttpResponse<String> response) {
        Reply reply = ApiClient.reply(response);
        assertNotEquals(405, response.statusCode(), operation + ": " + response.body());
        boolean noRoute = response.statusCode() == 404 && "not_found".equals(errorCode(reply.body()));
        assertFalse(noRoute, operation + " has no route: " + response.body());
    }

    private static String errorCode(JsonValue body) {
        if (!(body instanceof JsonObject json)) {
            return "not_found";
        }
        return json.containsKey("error") ? json.getJsonObject("error").getString("code") : json.getString("code", null);
    }

    private static JsonObject openApi(ApiClient client) {
        HttpResponse<String> response =
                client.exchange("GET", "openapi", null, null, null, Map.of("Accept", "application/json"));
        assertEquals(200, response.statusCode(), response.body());
        return ApiClient.reply(response).json();
    }

    /** Every operation of the document by {@code "METHOD /path"}. */
    static Map<String, JsonObject> operations(JsonObject document) {
        Map<String, JsonObject> operations = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, item) -> METHODS.stream()
                .filter(item.asJsonObject()::containsKey)
                .forEach(method -> operations.put(
                        method.toUpperCase() + " " + path, item.asJsonObject().getJsonObject(method))));
        return operations;
    }

    private static Set<String> pathParameters(String operation) {
        String path = operation.substring(operation.indexOf(' ') + 1);
        String method = operation.substring(0, operation.indexOf(' ')).toLowerCase();
        JsonObject item = document.getJsonObject("paths").getJsonObject(path);
        List<JsonValue> parameters =
                new ArrayList<>(item.getJsonArray("parameters") == null ? List.of() : item.getJsonArray("parameters"));
        JsonObject description = item.getJsonObject(method);
        if (description.containsKey("parameters")) {
            parameters.addAll(description.getJsonArray("parameters"));
        }
        Set<String> names = new HashSet<>();
        for (JsonValue parameter : parameters) {
            JsonObject resolved = schemas.resolve(parameter.asJsonObject());
            if (resolved.getString("in").equals("path") && resolved.containsKey("schema")) {
                names.add(resolved.getString("name"));
            }
        }
        return names;
    }

    /** The JSON schema of a response or a request body, or null without one. */
    private static JsonObject jsonSchema(JsonObject withContent) {
        JsonObject content = withContent.getJsonObject("content");
        if (content == null || !content.containsKey("application/json")) {
            return null;
        }
        JsonObject schema = content.getJsonObject("application/json").getJsonObject("schema");
        return schema == null || schema.isEmpty() ? null : schema;
    }

    private static boolean requiresToken(JsonObject operation) {
        var security = operation.containsKey("security")
                ? operation.getJsonArray("security")
                : document.getJsonArray("security");
        return security.stream()
                .noneMatch(requirement -> requirement.asJsonObject().isEmpty());
    }

    private static Set<String> tags(JsonObject operation) {
        return new HashSet<>(operation.getJsonArray("tags").getValuesAs(JsonString::getString));
    }

    private static String sampled(String template) {
        Matcher names = TEMPLATE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(path, SAMPLES.get(names.group(1)));
        }
        names.appendTail(path);
        return path.substring(1);
    }

    private static Set<String> difference(Set<String> all, Set<String> less) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(less);
        return rest;
    }
}
