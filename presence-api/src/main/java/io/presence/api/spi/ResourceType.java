package io.presence.api.spi;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One resource type as a plugin declares it.
 *
 * @param name the type's name on the wire and in keys: lower case, digits and underscores, starting
 *     with a letter, at most 40 characters (e.g. {@code work_order})
 * @param idPattern the ids that are valid for this type; matched against the whole id. The platform
 *     also rejects ids outside {@code [A-Za-z0-9._~-]{1,128}} before asking the pattern.
 * @param actions the event actions of this type, e.g. {@code created}; an event
 *     {@code work_order_created} is {@code name + "_" + action}
 * @param lockableFields the fields that may be locked; empty means any field
 * @param aliases other names clients may use for the type, e.g. seed 002's entity name {@code Order}
 *     for {@code order}; the CamelCase form of the name ({@code WorkOrder} for {@code work_order}) is
 *     always accepted and need not be listed
 */
public record ResourceType(
        String name, Pattern idPattern, Set<String> actions, Set<String> lockableFields, Set<String> aliases) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public ResourceType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idPattern, "idPattern");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("resource type name '" + name + "' must match " + NAME.pattern());
        }
        actions = Set.copyOf(actions);
        lockableFields = Set.copyOf(lockableFields);
        aliases = Set.copyOf(aliases);
        for (String action : actions) {
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException(
                        "action '" + action + "' of type '" + name + "' must match " + ACTION.pattern());
            }
        }
    }

    /** A type without aliases. */
    public ResourceType(String name, Pattern idPattern, Set<String> actions, Set<String> lockableFields) {
        this(name, idPattern, actions, lockableFields, Set.of());
    }

    /** A type with the given id pattern and actions, and no lockable-field restriction. */
    public static ResourceType of(String name, String idRegex, String... actions) {
        return new ResourceType(name, Pattern.compile(idRegex), Set.of(actions), Set.of());
    }

    /** This type, restricted to the given lockable fields. */
    public ResourceType withLockableFields(String... fields) {
        return new ResourceType(name, idPattern, actions, Set.of(fields), aliases);
    }

    /** This type, also known by the given names. */
    public ResourceType withAliases(String... names) {
        return new ResourceType(name, idPattern, actions, lockableFields, Set.of(names));
    }

    /** Whether {@code field} may be locked. */
    public boolean isLockable(String field) {
        return lockableFields.isEmpty() || lockableFields.contains(field);
    }

    /** The CamelCase form of the name: {@code WorkOrder} for {@code work_order}. */
    public String camelCaseName() {
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    public boolean acceptsId(String id) {
        return idPattern.matcher(id).matches();
    }

    public boolean hasAction(String action) {
        return actions.contains(action);
    }
}
