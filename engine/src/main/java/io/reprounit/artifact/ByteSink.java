package io.reprounit.artifact;

/** Where the canonical form goes as it is written, a chunk at a time: a digest, the artifact store, or both. */
interface ByteSink {

    /** Takes {@code length} bytes of {@code bytes} from {@code offset}; the array is reused once this returns. */
    void write(byte[] bytes, int offset, int length);
}
