package io.reprounit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which of the class path jars that differ from a recorded check's a step's output may depend on. Asked only where a
 * recorded key differs from the current one in its jars alone, since working it out reads library classes: a step that
 * reaches none of them is served.
 */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface JarReach {

    /** Counts every jar for every step: where nothing better is known. */
    JarReach EVERY_JAR = jars -> {
        Map<String, String> all = new LinkedHashMap<>();
        jars.forEach(jar -> all.put(jar, "counted for every step"));
        return all;
    };

    /**
     * @param jars jar part names ({@code jar:org.apache.commons:commons-math3}) whose part differs: changed, added or
     *             removed
     * @return those that count for the step, each with why ({@code reached by its code}); empty where none does
     */
    Map<String, String> counted(Set<String> jars);
}
