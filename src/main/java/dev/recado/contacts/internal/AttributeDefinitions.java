package dev.recado.contacts.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A workspace's attribute types as known during one request or import; new names are collected
 * and saved by the caller in the same transaction as the rows that introduced them.
 */
public final class AttributeDefinitions {

    private final Map<String, AttributeType> known;
    private final Map<String, AttributeType> added = new HashMap<>();

    public AttributeDefinitions(Map<String, AttributeType> known) {
        this.known = new java.util.concurrent.ConcurrentHashMap<>(known);
    }

    Optional<AttributeType> typeOf(String name) {
        return Optional.ofNullable(known.get(name));
    }

    synchronized void define(String name, AttributeType type) {
        if (known.putIfAbsent(name, type) == null) {
            added.put(name, type);
        }
    }

    /** Gives back what {@link #drainAdded} answered when the transaction that was to save it rolled back. */
    synchronized void restore(Map<String, AttributeType> drained) {
        drained.forEach(added::putIfAbsent);
    }

    /** Names first seen since the last call. */
    public synchronized Map<String, AttributeType> drainAdded() {
        var copy = Map.copyOf(added);
        added.clear();
        return copy;
    }
}
