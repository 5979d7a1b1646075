package io.reprounit.artifact;

/** Placeholder until the reader's rendering of the canonical binary form as text is merged. */
final class CanonicalText {

    private CanonicalText() {}

    static String render(byte[] canonical) {
        throw new UnsupportedOperationException("The canonical text rendering is not merged yet");
    }
}
