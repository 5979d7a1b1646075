package io.reprounit.fingerprint;

import java.util.List;

/**
 * One method's code in canonical text, free of debug information, with the methods it calls in the order it calls them.
 *
 * @param text  the instructions, one per line, labels numbered in order of first use
 * @param calls   owner, name and descriptor of every method it invokes or refers to through a method handle
 * @param classes the other classes its code names, by internal name: owners of the fields it reads or writes, classes
 *                it instantiates, casts to, tests with {@code instanceof}, catches or loads as constants — with the
 *                owners of its calls, what tells which jars a step reaches
 */
record MethodCode(String text, List<MethodRef> calls, List<String> classes) {

    record MethodRef(String owner, String name, String descriptor) {

        String key() {
            return owner + "." + name + descriptor;
        }
    }
}
