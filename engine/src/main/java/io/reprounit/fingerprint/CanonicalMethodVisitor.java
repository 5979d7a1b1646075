package io.reprounit.fingerprint;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes a method's instructions as text that does not change when only debug information changes: no line numbers,
 * no local variable names, labels numbered by first use instead of by offset, and the numbered names javac gives lambda
 * bodies ({@code lambda$train$3}) reduced to {@code lambda$}, since adding a lambda elsewhere in a class renumbers them.
 */
final class CanonicalMethodVisitor extends MethodVisitor {

    private final StringBuilder text = new StringBuilder();
    private final List<MethodCode.MethodRef> calls = new ArrayList<>();
    private final java.util.Set<String> classes = new java.util.LinkedHashSet<>();
    private final Map<Label, Integer> labels = new IdentityHashMap<>();
    private final Consumer<MethodCode> done;

    CanonicalMethodVisitor(Consumer<MethodCode> done) {
        super(Opcodes.ASM9);
        this.done = done;
    }

    static String stableName(String methodName) {
        return methodName.startsWith("lambda$") ? "lambda$" : methodName;
    }

    private void line(Object... words) {
        for (int i = 0; i < words.length; i++) {
            text.append(i == 0 ? "" : " ").append(words[i]);
        }
        text.append('\n');
    }

    private String label(Label label) {
        return "L" + labels.computeIfAbsent(label, l -> labels.size());
    }

    @Override
    public void visitInsn(int opcode) {
        line(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        line(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int variable) {
        line(opcode, variable);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        line(opcode, type);
        named(Type.getObjectType(type));
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        line(opcode, owner, name, descriptor);
        named(Type.getObjectType(owner));
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        line(opcode, owner, stableName(name), descriptor);
        calls.add(new MethodCode.MethodRef(owner, name, descriptor));
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        StringBuilder shown = new StringBuilder();
        for (Object argument : arguments) {
            shown.append(' ').append(constant(argument));
        }
        line("indy", name, descriptor, handle(bootstrap), shown);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        line(opcode, label(label));
    }

    @Override
    public void visitLabel(Label label) {
        line(label(label) + ":");
    }

    @Override
    public void visitLdcInsn(Object value) {
        line("ldc", constant(value));
    }

    @Override
    public void visitIincInsn(int variable, int increment) {
        line("iinc", variable, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label fallback, Label... targets) {
        StringBuilder shown = new StringBuilder();
        for (Label target : targets) {
            shown.append(' ').append(label(target));
        }
        line("tableswitch", min, max, label(fallback), shown);
    }

    @Override
    public void visitLookupSwitchInsn(Label fallback, int[] keys, Label[] targets) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            shown.append(' ').append(keys[i]).append(':').append(label(targets[i]));
        }
        line("lookupswitch", label(fallback), shown);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        line("multianewarray", descriptor, dimensions);
        named(Type.getType(descriptor));
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, @Nullable String type) {
        line("try", label(start), label(end), label(handler), String.valueOf(type));
        if (type != null) {
            named(Type.getObjectType(type));
        }
    }

    @Override
    public void visitEnd() {
        done.accept(new MethodCode(text.toString(), List.copyOf(calls), List.copyOf(classes)));
    }

    /** Notes a class the code names, an array by its element class; primitives and their arrays name none. */
    private void named(Type type) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT) {
            classes.add(element.getInternalName());
        }
    }

    private String constant(Object value) {
        if (value instanceof Handle handle) {
            return handle(handle);
        }
        if (value instanceof Double d) {
            return "D" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        if (value instanceof Float f) {
            return "F" + Integer.toHexString(Float.floatToRawIntBits(f));
        }
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\n", "\\n") + '"';
        }
        if (value instanceof Type type) {
            if (type.getSort() != Type.METHOD) {
                named(type);
            }
            return value.toString();
        }
        if (value instanceof ConstantDynamic) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    /** A method handle, which also counts as a call: a lambda's body or a method reference runs as part of the step. */
    private String handle(Handle handle) {
        calls.add(new MethodCode.MethodRef(handle.getOwner(), handle.getName(), handle.getDesc()));
        return "handle:" + handle.getTag() + ":" + handle.getOwner() + "." + stableName(handle.getName()) + handle.getDesc();
    }
}
