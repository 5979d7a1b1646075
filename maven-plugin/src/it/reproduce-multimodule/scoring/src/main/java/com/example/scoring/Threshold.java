package com.example.scoring;

/** The scoring rule: which values count as above the threshold. */
public final class Threshold {

    private Threshold() {}

    public static boolean above(int value, int threshold) {
        return value > threshold;
    }
}
