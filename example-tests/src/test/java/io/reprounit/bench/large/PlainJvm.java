package io.reprounit.bench.large;

/**
 * Child JVM: a case's steps called by hand, twice, with no engine; prints one line, {@code plain <millis> <VmHWM KiB>}.
 */
final class PlainJvm {

    private PlainJvm() {}

    public static void main(String[] args) {
        LargeCase largeCase = LargeCase.byId(args[0]);
        long started = System.nanoTime();
        largeCase.plainRun.run();
        largeCase.plainRun.run();
        double millis = (System.nanoTime() - started) / 1e6;
        System.out.println("plain " + millis + " " + PeakMemory.kibibytes());
    }
}
