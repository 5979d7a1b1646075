package io.reprounit.fingerprint;

import java.util.List;

/**
 * One method's code in canonical text, free of debug information, with the methods it calls in the order it calls them.
 *
 * @param text  the instructions, one per line, labels numbered in order of first use
 * @param calls owner, name and descriptor of every method it invokes or refers to through a method handle
 */
record MethodCode(String text, List<MethodRef> calls) {

    record MethodRef(String owner, String name, String descriptor) {

        String key() {
            return owner + "." + name + descriptor;
        }
    }
}
