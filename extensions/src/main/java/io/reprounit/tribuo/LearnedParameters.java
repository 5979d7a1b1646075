package io.reprounit.tribuo;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.tribuo.Model;

/**
 * What a Tribuo model learned, as named values for the canonical encoding. Tribuo has no one accessor for it across model
 * families, so:
 * <ul>
 *   <li>SGD models (linear, factorization machines, MLPs) are read through their public API:
 *       {@code getModelParameters().get()}, the tensors that predictions are computed with. It is called by name, so
 *       that this module needs only {@code tribuo-core}, not {@code tribuo-common-sgd};</li>
 *   <li>every other model by the fields its own classes declare below {@code org.tribuo.Model} (transient and static
 *       ones left out), which is the state Tribuo itself serializes. Reflection reaches Tribuo's classes only; the
 *       values are encoded by ReproUnit's structural encoding, nested models by this materializer again. A random
 *       generator field (a stratified dummy classifier's) is left out and named in {@code $leftOut}: its state cannot
 *       be read through the JDK's API, and the seed it was made from is a field of its own.</li>
 * </ul>
 * {@code Model}'s own fields are not read here: its provenance is filtered and its domains written by
 * {@link TribuoEncoding}.
 */
final class LearnedParameters {

    private LearnedParameters() {}

    /** The learned values by name, and the names of the fields left out. */
    record Learned(Map<String, @Nullable Object> values, List<String> leftOut) {}

    static Learned of(Model<?> model) {
        Optional<Object> tensors = call(model, "getModelParameters").flatMap(parameters -> call(parameters, "get"));
        if (tensors.isPresent()) {
            Map<String, @Nullable Object> learned = new TreeMap<>();
            learned.put("modelParameters", tensors.get());
            return new Learned(learned, List.of());
        }
        return fields(model);
    }

    /** The result of a public no-argument method, or empty where the object has none of that name. */
    private static Optional<Object> call(Object target, String name) {
        Method method;
        try {
            method = target.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        method.trySetAccessible(); // a public method inherited by a package-private Tribuo class
        try {
            return Optional.ofNullable(method.invoke(target));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call " + method + " to read what the model learned", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(method + " threw while the model's parameters were read", e.getCause());
        }
    }

    private static Learned fields(Model<?> model) {
        Map<String, @Nullable Object> learned = new TreeMap<>();
        List<String> leftOut = new ArrayList<>();
        for (Class<?> type = model.getClass(); !type.getName().equals(TribuoMaterializer.MODEL);
                type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                String name = learned.containsKey(field.getName())
                        ? type.getSimpleName() + "." + field.getName() : field.getName();
                if (Random.class.isAssignableFrom(field.getType()) || field.getType() == SplittableRandom.class) {
                    leftOut.add(name);
                } else {
                    learned.put(name, read(field, model));
                }
            }
        }
        return new Learned(learned, leftOut);
    }

    private static @Nullable Object read(Field field, Object model) {
        if (!field.trySetAccessible()) {
            throw new IllegalStateException("Cannot read field " + field.getName() + " of " + field.getDeclaringClass()
                    .getName() + ": its module does not open it to ReproUnit");
        }
        try {
            return field.get(model);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read field " + field.getName() + " of the model", e);
        }
    }
}
