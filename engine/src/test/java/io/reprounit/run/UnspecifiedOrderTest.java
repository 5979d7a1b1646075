package io.reprounit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.reprounit.run.fixtures.directoryorder.SharedClassesUnderDirectoryOrder;
import io.reprounit.run.fixtures.unspecifiedorder.UnorderedListings;
import io.reprounit.run.fixtures.unspecifiedorder.UnorderedLookups;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.testkit.engine.Events;

/**
 * {@code unspecified_order} through forked runs: each kind of JDK call whose order is unspecified makes its step fail,
 * named with the variation, the seed and the kind; the controls beside them (sorted and linked maps, sorted listings,
 * a HashMap, a plain object and a record as outputs) pass, which they only do if the engine's own digests do not
 * follow those orders. The seed is fixed, so that the orders are the same on every machine.
 */
class UnspecifiedOrderTest {

    private static final String SEED = "42";

    @BeforeAll
    static void data() throws IOException {
        FixtureData.create();
    }

    @Test
    void stepsThatFollowAHashOrReflectionOrderPassUnderAllAndFailUnderUnspecifiedOrder() {
        Events all = Checks.forked().with("reprounit.vary", "all").run(UnorderedLookups.class);
        Events shuffled = Checks.forked().with("reprounit.vary", "unspecified_order")
                .with("reprounit.vary.seed", SEED).run(UnorderedLookups.class);

        assertThat(failed(all)).as("every step passes under all, which leaves unspecified_order out").isEmpty();
        assertThat(failed(shuffled)).as("the controls pass").containsExactlyInAnyOrder("columns", "counts", "header");
        Map.of("columns", "step 'columns' depends on the iteration order of a HashMap, which the JDK does not specify",
                "counts", "the iteration order of a ConcurrentHashMap",
                "header", "step 'header' depends on the order of Class.getDeclaredFields(), which the JDK does not"
                        + " specify").forEach((step, kind) ->
                assertThat(Checks.failure(shuffled, step)).hasValueSatisfying(message -> assertThat(message)
                        .contains("step '" + step + "' is not reproducible")
                        .contains("step '" + step + "' differs under unspecified_order=shuffled; its values came from"
                                + " seed " + SEED + ": set reprounit.vary.seed=" + SEED + " to give them again")
                        .contains(kind)));
    }

    @Test
    void listingsEnumSetsAndMethodsFailUnderUnspecifiedOrderAndListingsUnderDirectoryOrder() {
        Events shuffled = Checks.forked().with("reprounit.vary", "unspecified_order")
                .with("reprounit.vary.seed", SEED).run(UnorderedListings.class);
        Events reversed = Checks.forked().with("reprounit.vary", "directory_order").run(UnorderedListings.class);

        assertThat(failed(shuffled)).containsExactlyInAnyOrder("features", "handlers", "files", "paths");
        Map.of("features", "step 'features' depends on the iteration order of a HashSet, which the JDK does not specify",
                "files", "step 'files' depends on the order of java.io.File.listFiles(), which the JDK does not specify",
                "paths", "step 'paths' depends on the order of a directory listing (Files.list/walk/newDirectoryStream),"
                        + " which the JDK does not specify").forEach((step, kind) ->
                assertThat(Checks.failure(shuffled, step)).hasValueSatisfying(message -> assertThat(message)
                        .contains("differs under unspecified_order").contains(kind)));
        // HotSpot's method order already changes between two plain JVMs now and then: then no variation is blamed.
        assertThat(Checks.failure(shuffled, "handlers")).hasValueSatisfying(message -> assertThat(message)
                .satisfiesAnyOf(text -> assertThat(text).contains("step 'handlers' depends on the order of"
                                + " Class.getDeclaredMethods(), which the JDK does not specify"),
                        text -> assertThat(text).contains("differs between fresh JVMs even with no variation")));
        assertThat(failed(reversed)).as("java.io.File listings are sorted and reversed too")
                .contains("files", "paths").doesNotContain("features", "sortedPaths");
        assertThat(Checks.failure(reversed, "files")).hasValueSatisfying(message -> assertThat(message)
                .contains("step 'files' differs under directory_order=reversed"));
    }

    /** directory_order's experiment patches {@code java.io.File} with an agent ({@code JdkPatchAgent}). */
    @Test
    void aDirectoryOrderExperimentSharesClassesAsItsControlDoes() {
        Events events = Checks.forked().with("reprounit.vary", "directory_order").run(SharedClassesUnderDirectoryOrder.class);

        assertThat(Checks.failure(events, "sharing")).isEmpty();
        assertThat(Checks.step(events, "sharing").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    private static List<String> failed(Events events) {
        return events.finished().stream()
                .filter(event -> event.getRequiredPayload(TestExecutionResult.class).getStatus()
                        != TestExecutionResult.Status.SUCCESSFUL)
                .map(event -> event.getTestDescriptor().getUniqueId().getLastSegment().getValue())
                .toList();
    }
}
