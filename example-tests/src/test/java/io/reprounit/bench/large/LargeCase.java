package io.reprounit.bench.large;

import java.util.List;
import java.util.Random;

/**
 * The benchmark's cases: a pipeline, the JVM options both its JVMs get, whether its check must fail, and the same
 * steps called by hand, once, for the plain runs.
 */
enum LargeCase {

    DOUBLE128("double128", Doubles128Pipeline.class, List.of(), false, () -> {
        Doubles128Pipeline pipeline = new Doubles128Pipeline();
        pipeline.report(pipeline.fit(pipeline.load(new Random(1))));
    }),
    RECORDS1M("records1m", Records1mPipeline.class, List.of(), false, () -> {
        Records1mPipeline pipeline = new Records1mPipeline();
        pipeline.report(pipeline.fit(pipeline.load(new Random(1))));
    }),
    DOUBLE300("double300", Doubles300Pipeline.class, List.of(), false, () -> {
        Doubles300Pipeline pipeline = new Doubles300Pipeline();
        pipeline.report(pipeline.fit(pipeline.load(new Random(1))));
    }),
    DOUBLE1G("double1g", Doubles1GiBPipeline.class, List.of("-Xmx3g"), false, () -> {
        Doubles1GiBPipeline pipeline = new Doubles1GiBPipeline();
        pipeline.report(pipeline.fit(pipeline.load(new Random(1))));
    }),
    CHAIN100K("chain100k", Chain100kPipeline.class, List.of(), false, () -> {
        Chain100kPipeline pipeline = new Chain100kPipeline();
        pipeline.total(pipeline.chain(new Random(1)));
    }),
    CHAIN1M("chain1m", Chain1mPipeline.class, List.of(), false, () -> {
        Chain1mPipeline pipeline = new Chain1mPipeline();
        pipeline.total(pipeline.chain(new Random(1)));
    }),
    TINY("tiny", TinyPipeline.class, List.of(), false, () -> {
        TinyPipeline pipeline = new TinyPipeline();
        pipeline.report(pipeline.fit(pipeline.load(new Random(1))));
    }),
    DIVERGE128("diverge128", DivergingDoublesPipeline.class, List.of(), true, () -> {
        DivergingDoublesPipeline pipeline = new DivergingDoublesPipeline();
        pipeline.report(pipeline.fit(pipeline.load(new Random(1))));
    });

    final String id;
    final Class<?> pipeline;
    final List<String> jvmOptions;
    /** Whether a correct engine fails this check (the diverging case) rather than passes it. */
    final boolean diverges;
    final Runnable plainRun;

    LargeCase(String id, Class<?> pipeline, List<String> jvmOptions, boolean diverges, Runnable plainRun) {
        this.id = id;
        this.pipeline = pipeline;
        this.jvmOptions = jvmOptions;
        this.diverges = diverges;
        this.plainRun = plainRun;
    }

    static LargeCase byId(String id) {
        for (LargeCase candidate : values()) {
            if (candidate.id.equals(id)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No case " + id + "; the cases are " + List.of(values()).stream()
                .map(c -> c.id).toList());
    }
}
