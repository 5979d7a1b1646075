package io.reprounit.bench.perturbation;

import io.reprounit.api.Input;
import io.reprounit.api.ReproducibleRun;
import io.reprounit.api.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Partitions scored on four threads that append to one shared list as they finish: the order is the threads'
 * completion order, which an idle machine keeps and a loaded one does not.
 */
@ReproducibleRun
@Case(kind = "race under load", culprit = "score", blamed = "cpu_contention", checks = "cpu_contention")
public class RaceCompletionOrder {

    @Step
    static List<Integer> partitions() {
        return List.of(0, 1, 2, 3);
    }

    @Step
    static List<String> score(@Input("partitions") List<Integer> partitions) throws InterruptedException {
        List<String> scores = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int partition : partitions) {
            Thread thread = new Thread(() -> {
                for (int batch = 0; batch < 5; batch++) {
                    long sum = 0;
                    for (int i = 0; i < 20_000; i++) {
                        sum += (long) i * partition;
                    }
                    scores.add(partition + ":" + batch + ":" + (sum % 97));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new ArrayList<>(scores);
    }

    @Step
    static int count(@Input("score") List<String> scores) {
        return scores.size();
    }
}
