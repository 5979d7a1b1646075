package io.reprounit.bench.large;

import java.util.Random;

/** What the chain pipelines compute: a singly linked chain of nodes, and a walk along it. */
final class ChainWork {

    /** One node of a linked chain, as a hand-written list or a parent pointer would be. */
    record Link(int index, double weight, Link next) {}

    private ChainWork() {}

    /** A chain of {@code length} nodes, built from its tail so that no node is ever changed. */
    static Link chain(int length, Random random) {
        Link head = null;
        for (int index = length - 1; index >= 0; index--) {
            head = new Link(index, random.nextDouble(), head);
        }
        StepClock.stepEnded();
        return head;
    }

    static double total(Link head) {
        double total = 0;
        for (Link link = head; link != null; link = link.next()) {
            total += link.weight();
        }
        StepClock.stepEnded();
        return total;
    }
}
