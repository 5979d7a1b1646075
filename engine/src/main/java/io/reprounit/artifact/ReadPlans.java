package io.reprounit.artifact;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which declared types a stored output can be read back as, and how ({@link ReadPlan}): the same members the writer
 * writes ({@link ObjectLayout}), generic type arguments resolved down through fields and superclasses. A type that
 * cannot be read back gets a reason a person can act on, at discovery.
 */
final class ReadPlans {

    private static final Map<Class<?>, Supplier<Collection<Object>>> COLLECTIONS = Map.of(
            Collection.class, ArrayList::new, List.class, ArrayList::new, ArrayList.class, ArrayList::new,
            LinkedList.class, LinkedList::new, Set.class, LinkedHashSet::new, HashSet.class, HashSet::new,
            LinkedHashSet.class, LinkedHashSet::new, SortedSet.class, TreeSet::new, NavigableSet.class, TreeSet::new,
            TreeSet.class, TreeSet::new);
    private static final Map<Class<?>, Supplier<Map<Object, Object>>> MAPS = Map.of(
            Map.class, LinkedHashMap::new, HashMap.class, HashMap::new, LinkedHashMap.class, LinkedHashMap::new,
            SortedMap.class, TreeMap::new, NavigableMap.class, TreeMap::new, TreeMap.class, TreeMap::new);

    private final Materializers materializers;
    private final Map<Type, ReadPlan> plans = new HashMap<>();

    ReadPlans(Materializers materializers) {
        this.materializers = materializers;
    }

    /** Why a value of {@code type}, a step's whole output, cannot be read back; empty where it can. */
    Optional<String> whyUnreadable(Type type) {
        if (isPath(type)) {
            return Optional.empty(); // a whole output restored as a file or directory
        }
        return Optional.ofNullable(why(type, new HashSet<>()));
    }

    private @Nullable String why(Type type, Set<Type> visiting) {
        if (!visiting.add(type)) {
            return null; // a recursive type: its other members are checked once
        }
        try {
            return check(type, visiting);
        } finally {
            visiting.remove(type);
        }
    }

    private @Nullable String check(Type type, Set<Type> visiting) {
        if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
            return "its declared type " + type.getTypeName() + " is a type variable or wildcard, which says nothing to"
                    + " read it back as";
        }
        if (type instanceof GenericArrayType array) {
            return why(array.getGenericComponentType(), visiting);
        }
        Class<?> raw = GenericTypes.raw(type);
        Type[] arguments = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()
                : new Type[0];
        Optional<Materializer> materializer = materializers.claiming(raw);
        if (materializer.isPresent()) {
            return reads(materializer.get()) ? null : materializer.get().getClass().getName() + " writes "
                    + raw.getName() + " but does not read it back (it does not implement Materializer.read)";
        }
        if (raw == Object.class) {
            return "its declared type java.lang.Object says nothing to read it back as";
        }
        if (raw == void.class || raw == Void.class) {
            return "a void step has no output";
        }
        if (ScalarReads.reads(raw) || raw == byte[].class) {
            return null;
        }
        if (isPath(raw)) {
            return "a " + raw.getName() + " nested in an output is stored as its digest or listing, not its content";
        }
        if (raw.isArray()) {
            String why = why(type instanceof GenericArrayType array ? array.getGenericComponentType()
                    : raw.getComponentType(), visiting);
            return why == null ? null : "its elements: " + why;
        }
        if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class) {
            return checkContainer(type, raw, arguments, visiting);
        }
        if (raw.isRecord()) {
            Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
            for (RecordComponent component : raw.getRecordComponents()) {
                String why = why(GenericTypes.resolve(component.getGenericType(), bindings), visiting);
                if (why != null) {
                    return "component " + component.getName() + " of " + raw.getName() + ": " + why;
                }
            }
            return null;
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return raw.getName() + " is abstract and no materializer reads it back: what is stored does not say which"
                    + " class to make";
        }
        if (ObjectEncoder.isPlatformClass(raw) || raw.isPrimitive()) {
            return raw.getName() + " is stored in a form it cannot be made from again";
        }
        if (noArgConstructor(raw) == null) {
            return raw.getName() + " has no no-arg constructor to make it by its fields; give it one (it may be"
                    + " private) or make it a record";
        }
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
        for (Map.Entry<String, Field> field : fields(raw).entrySet()) {
            Type fieldType = GenericTypes.resolve(field.getValue().getGenericType(),
                    GenericTypes.bindings(field.getValue(), raw, bindings));
            String why = why(fieldType, visiting);
            if (why != null) {
                return "field " + field.getKey() + " of " + raw.getName() + ": " + why;
            }
        }
        return null;
    }

    private @Nullable String checkContainer(Type type, Class<?> raw, Type[] arguments, Set<Type> visiting) {
        boolean map = Map.class.isAssignableFrom(raw);
        if (arguments.length != (map ? 2 : 1)) {
            return "its declared type " + type.getTypeName() + " names no " + (map ? "key and value types" : "element type")
                    + " to read it back as";
        }
        if (raw != Optional.class && (map ? factoryOfMap(raw) : factoryOfCollection(raw)) == null) {
            return raw.getName() + " is not a collection it knows how to make: declare List, Set, SortedSet, Map or"
                    + " SortedMap, or a class such as ArrayList, HashSet, TreeSet, HashMap, LinkedHashMap or TreeMap";
        }
        if ((SortedSet.class.isAssignableFrom(raw) || SortedMap.class.isAssignableFrom(raw))
                && !Comparable.class.isAssignableFrom(GenericTypes.raw(arguments[0]))) {
            return "the " + (map ? "keys" : "elements") + " of " + type.getTypeName() + " are not Comparable, and no"
                    + " comparator is stored to sort them";
        }
        for (Type argument : arguments) {
            String why = why(argument, visiting);
            if (why != null) {
                return "in " + type.getTypeName() + ": " + why;
            }
        }
        return null;
    }

    /** The plan for {@code type}, which {@link #whyUnreadable} accepts; worked out once per type. */
    ReadPlan plan(Type type) {
        ReadPlan plan = plans.get(type);
        if (plan == null) {
            plan = planOf(type);
            plans.put(type, plan);
        }
        return plan;
    }

    private ReadPlan planOf(Type type) {
        String why = type instanceof Class<?> c && isPath(c) ? "a nested path is stored by its digest, not its content"
                : why(type, new HashSet<>());
        if (why != null) {
            throw new ReadFailure(why);
        }
        Class<?> raw = GenericTypes.raw(type);
        Optional<Materializer> materializer = materializers.claiming(raw);
        if (materializer.isPresent()) {
            return new ReadPlan.Materialized(raw, type, materializer.get());
        }
        if (ScalarReads.reads(raw)) {
            return new ReadPlan.Scalar(raw);
        }
        if (raw.isArray()) {
            if (raw.getComponentType().isPrimitive()) {
                return new ReadPlan.PrimitiveArray(raw);
            }
            Type component = type instanceof GenericArrayType array ? array.getGenericComponentType()
                    : raw.getComponentType();
            return new ReadPlan.ObjectArray(raw, plan(component));
        }
        Type[] arguments = type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()
                : new Type[0];
        if (raw == Optional.class) {
            return new ReadPlan.OptionalOf(plan(arguments[0]));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return new ReadPlan.CollectionOf(raw, Objects.requireNonNull(factoryOfCollection(raw)), plan(arguments[0]));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new ReadPlan.MapOf(raw, Objects.requireNonNull(factoryOfMap(raw)), plan(arguments[0]),
                    plan(arguments[1]));
        }
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(type);
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Map<String, Integer> index = new HashMap<>();
            Type[] types = new Type[components.length];
            Class<?>[] parameters = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                index.put(components[i].getName(), i);
                types[i] = GenericTypes.resolve(components[i].getGenericType(), bindings);
                parameters[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = raw.getDeclaredConstructor(parameters);
                constructor.trySetAccessible();
                return new ReadPlan.RecordOf(raw, index, types, constructor, this);
            } catch (NoSuchMethodException e) {
                throw new ReadFailure(raw.getName() + " has no canonical constructor", e);
            }
        }
        Map<String, Field> fields = fields(raw);
        Map<String, Type> fieldTypes = new HashMap<>();
        for (Map.Entry<String, Field> field : fields.entrySet()) {
            field.getValue().trySetAccessible();
            fieldTypes.put(field.getKey(), GenericTypes.resolve(field.getValue().getGenericType(),
                    GenericTypes.bindings(field.getValue(), raw, bindings)));
        }
        return new ReadPlan.ClassOf(raw, fields, fieldTypes, Objects.requireNonNull(noArgConstructor(raw)), this);
    }

    /** The plan of a subclass that a stored {@code $class} names, where it extends the declared class. */
    ReadPlan.ClassOf subclassPlan(ReadPlan.ClassOf declared, String className) {
        Class<?> stored;
        try {
            stored = Class.forName(className, false, declared.type().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ReadFailure("the stored object is a " + className + ", which cannot be loaded", e);
        }
        if (!declared.type().isAssignableFrom(stored)) {
            throw new ReadFailure("the stored object is a " + className + ", not a " + declared.type().getName());
        }
        String why = why(stored, new HashSet<>());
        if (why != null) {
            throw new ReadFailure("the stored object is a " + className + ": " + why);
        }
        return (ReadPlan.ClassOf) plan(stored);
    }

    /** The fields the writer writes, by the names it writes them under: one rule, {@link ObjectLayout#fields}. */
    static Map<String, Field> fields(Class<?> type) {
        return ObjectLayout.fields(type);
    }

    /** A constructor with no parameters (an inner class's takes its enclosing instance, so it has none). */
    private static @Nullable Constructor<?> noArgConstructor(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            return constructor.trySetAccessible() ? constructor : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static @Nullable Supplier<Collection<Object>> factoryOfCollection(Class<?> raw) {
        Supplier<Collection<Object>> known = COLLECTIONS.get(raw);
        if (known != null || ObjectEncoder.isPlatformClass(raw) || Modifier.isAbstract(raw.getModifiers())) {
            return known;
        }
        Constructor<?> constructor = noArgConstructor(raw);
        return constructor == null ? null : () -> newInstance(constructor);
    }

    private static @Nullable Supplier<Map<Object, Object>> factoryOfMap(Class<?> raw) {
        Supplier<Map<Object, Object>> known = MAPS.get(raw);
        if (known != null || ObjectEncoder.isPlatformClass(raw) || Modifier.isAbstract(raw.getModifiers())) {
            return known;
        }
        Constructor<?> constructor = noArgConstructor(raw);
        return constructor == null ? null : () -> newInstance(constructor);
    }

    @SuppressWarnings("unchecked")
    static <T> T newInstance(Constructor<?> constructor) {
        try {
            return (T) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException thrown && thrown.getCause() != null
                    ? thrown.getCause() : e;
            throw new ReadFailure("cannot make a " + constructor.getDeclaringClass().getName() + ": " + cause, cause);
        }
    }

    /** Whether the materializer overrides {@link Materializer#read}, that is, reads back what it writes. */
    static boolean reads(Materializer materializer) {
        try {
            return materializer.getClass().getMethod("read", StoredValue.class, Type.class).getDeclaringClass()
                    != Materializer.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static boolean isPath(Type type) {
        return type instanceof Class<?> c && (Path.class.isAssignableFrom(c) || c == File.class);
    }
}
