package io.goldbackup.operation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.goldbackup.security.Actor;

/**
 * What an operation is, for its audit event: who, what, on what, with which parameters.
 *
 * @param action the audited action, such as {@code backup.create} or {@code restore.apply}
 * @param target what it acts on, such as {@code backup/12}
 * @param parameters the request's parameters, absent ones kept as null, in the order given
 */
public record Operation(Actor actor, String action, String target, Map<String, Object> parameters) {

    public Operation {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The same operation acting on {@code newTarget}. */
    public Operation withTarget(String newTarget) {
        return new Operation(actor, action, newTarget, parameters);
    }

    /** An operation with parameters given as key, value, key, value ... */
    public static Operation of(Actor actor, String action, String target, Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Operation(actor, action, target, map);
    }
}
