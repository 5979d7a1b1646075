package io.reprounit.artifact;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How an artifact's bytes lie in its file: as they are ({@code sha256/ab/cdef…}), or compressed with zstd
 * ({@code sha256/ab/cdef….zst}). Its name says which, so that a reader needs nothing else, and files written before
 * compression existed read as they always did. Either way the digest is that of the bytes before compression.
 */
enum StoredForm {
    RAW("", "raw"),
    ZSTD(".zst", "zstd");

    /**
     * zstd's fastest positive level. Measured here: canonical records shrink to 24.5 % at about 280 MB/s on one core
     * (levels -1 and -5 gain little speed and lose ratio); random-ish doubles only to 96.6 %, not worth compressing.
     */
    static final int LEVEL = 1;
    /** Compressed only where that saves at least a tenth: below that, the time to compress and read back costs more. */
    private static final double WORTHWHILE = 0.9;

    private final String suffix;
    private final String codec;

    StoredForm(String suffix, String codec) {
        this.suffix = suffix;
        this.codec = codec;
    }

    /** What comes after the digest's hex digits in the file name. */
    String suffix() {
        return suffix;
    }

    /** The name recorded in the metadata store: {@code raw} or {@code zstd}. */
    String codec() {
        return codec;
    }

    /** The form of the file at {@code location}, by its name. */
    static StoredForm of(String location) {
        return location.endsWith(ZSTD.suffix) ? ZSTD : RAW;
    }

    /**
     * The form for an artifact whose first bytes are {@code first[0, length)}: decided on the first chunk only, which
     * is always the same bytes for the same artifact however it was written, so that every copy of it is stored alike.
     */
    static StoredForm choose(byte[] first, int length) {
        if (length < 64) {
            return RAW; // too small for a frame's overhead to pay
        }
        byte[] compressed = new byte[(int) Zstd.compressBound(length)];
        long written = Zstd.compressByteArray(compressed, 0, compressed.length, first, 0, length, LEVEL);
        return !Zstd.isError(written) && written <= length * WORTHWHILE ? ZSTD : RAW;
    }

    OutputStream writing(OutputStream file) throws IOException {
        return this == ZSTD ? new ZstdOutputStream(file, LEVEL) : file;
    }

    InputStream reading(InputStream file) throws IOException {
        return this == ZSTD ? new ZstdInputStream(file) : file;
    }
}
