package io.reprounit.artifact;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Which methods are bean getters: public, not static, no parameters, named {@code getX} or {@code isX}. */
final class Beans {

    private Beans() {}

    /** The property a getter reads, or {@code null} for any other method. */
    static String propertyName(Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
                || method.getReturnType() == void.class || method.getDeclaringClass() == Object.class) {
            return null;
        }
        String name = method.getName();
        if (name.startsWith("get") && name.length() > 3 && Character.isUpperCase(name.charAt(3))) {
            return decapitalize(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2 && Character.isUpperCase(name.charAt(2))
                && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    private static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(1))) {
            return name; // URL stays URL, as java.beans.Introspector does
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
