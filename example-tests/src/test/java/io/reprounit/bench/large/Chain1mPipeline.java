package io.reprounit.bench.large;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.Random;

/** A pipeline whose first step returns a linked chain of 1,000,000 nodes, then walks it. */
@ReproducibleRun
class Chain1mPipeline {

    static final int NODES = 1_000_000;

    @Step
    ChainWork.Link chain(Random random) {
        return ChainWork.chain(NODES, random);
    }

    @Step
    double total(@Input("chain") ChainWork.Link head) {
        return ChainWork.total(head);
    }
}
