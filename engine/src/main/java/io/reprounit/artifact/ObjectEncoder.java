package io.reprounit.artifact;

/**
 * Objects by their state, as objects whose members are sorted by name, so that reordering declarations changes no
 * digest: a record by its components; any other class by its fields, with its class name, since which implementation
 * holds the state is part of it (see {@link ObjectLayout}). JDK classes are never read through their fields — their
 * internals are not an API, and the module system forbids it — so a JDK type without a value-based encoding is an error
 * naming the type and where it sits in the output.
 */
final class ObjectEncoder {

    private ObjectEncoder() {}

    /** How to read the object's members; an error where it is a JDK object or has no state of its own. */
    static ObjectLayout layout(Object value, ValueEncoder encoder) {
        ObjectLayout layout = encoder.layout(value.getClass());
        if (layout.unsupported() != null) {
            throw new MaterializationException("Cannot encode " + ValueEncoder.describe(value) + " at " + encoder.path()
                    + ": " + layout.unsupported() + ". Return the data it holds, or register a "
                    + Materializer.class.getName() + " for it.");
        }
        return layout;
    }

    /** Begins the object and leaves a frame that writes its members. */
    static void begin(Object value, ObjectLayout layout, CanonicalWriter out, ValueEncoder encoder) {
        out.beginObject();
        encoder.push(new Members(value, layout));
    }

    /** Classes of the platform: read only through the value-based encodings that {@link ValueEncoder} knows. */
    static boolean isPlatformClass(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    /** An object's members, each read as it is written. */
    private static final class Members extends EncodingFrame {
        private final Object target;
        private final ObjectLayout layout;
        private int member = -1;

        Members(Object target, ObjectLayout layout) {
            this.target = target;
            this.layout = layout;
        }

        @Override
        boolean next(ValueEncoder encoder, CanonicalWriter out) {
            if (++member == layout.size()) {
                return false;
            }
            out.name(layout.nameToken(member), layout.name(member));
            PrimitiveReader primitive = layout.primitive(member);
            if (primitive != null && encoder.writesPrimitivesDirectly()) {
                primitive.write(target, out, encoder);
            } else {
                encoder.encodeValue(layout.read(target, member, encoder), out);
            }
            return true;
        }

        @Override
        void end(CanonicalWriter out) {
            out.endObject();
        }

        @Override
        void appendSegment(StringBuilder path) {
            if (member < layout.size()) {
                path.append('.').append(layout.name(member));
            }
        }
    }
}
