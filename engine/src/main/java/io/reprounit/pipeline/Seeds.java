package io.reprounit.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Per-step seeds: derived from the pipeline's seed and the step's name through SHA-256, so that every step gets its own
 * stream of random numbers, the same in every run, and renaming or adding one step leaves the others' seeds alone.
 */
final class Seeds {

    private Seeds() {}

    static long forStep(long pipelineSeed, String stepName) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((pipelineSeed + "/" + stepName).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
