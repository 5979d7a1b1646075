package io.reprounit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.reprounit.artifact.Digests;
import io.reprounit.baseline.BaselineFormatException;
import io.reprounit.baseline.BaselineYaml;
import io.reprounit.baseline.fixtures.Scoring;
import io.reprounit.engine.Mutations.Expected;
import io.reprounit.engine.fixtures.badinput.Tunable;
import io.reprounit.pipeline.PipelineProblem;
import io.reprounit.pipeline.PipelineReader;
import io.reprounit.pipeline.PipelineReading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Malformed configurations and baselines, generated from valid ones by seeded mutations — truncation, a value of the
 * wrong type, a key given twice, an alias, random bytes, deep nesting — each malformed by construction (see
 * {@link Mutations}). For every one: an error that names the file (a baseline's also its line), no hang past 5 s, and no
 * file written. All go through the readers; the first {@value #THROUGH_THE_ENGINE} of each kind and mutation go through
 * the whole engine as well, where a configuration must stop discovery and a baseline fail its pipeline and stay as it is.
 */
class MalformedInputFuzzTest {

    private static final long SEED = 20261129L;
    private static final int CASES_PER_MUTATION = 20;
    private static final int THROUGH_THE_ENGINE = 2;
    private static final Duration HANG = Duration.ofSeconds(5);

    private static final String CONFIG_RESOURCE = Tunable.class.getName().replace('.', '/') + ".yaml";
    private static final List<String> SCORING_STEPS = List.of("load", "train", "report", "noise");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    enum Mutation { TRUNCATION, SWAPPED_TYPE, DUPLICATED_KEY, ALIAS, RANDOM_BYTES, DEEP_NESTING }

    /** One generated file: which valid one it came from, how, and with which seed, for a failure to name. */
    record Case(String kind, Mutation mutation, int index, long seed, byte[] bytes) {
        @Override
        public String toString() {
            return kind + " " + mutation.name().toLowerCase(java.util.Locale.ROOT) + " #" + index + " (seed " + seed + ")";
        }
    }

    @TempDir
    static Path shared;

    private static byte[] validBaseline;
    private static Path data;

    @TempDir
    Path directory;

    @BeforeAll
    static void recordAValidBaseline() throws IOException {
        data = Files.writeString(shared.resolve("rows.csv"), "a\nb\n");
        Path baselines = shared.resolve("baselines");
        scoring(baselines, "update").testEvents().assertStatistics(stats -> stats.succeeded(4));
        validBaseline = Files.readAllBytes(baselines.resolve("Scoring.yaml"));
    }

    @Test
    void theValidFilesAndTheTreeTypesAreSwappedInAreReadWithoutAnError() throws IOException {
        byte[] config = Tunable.VALID_CONFIG.getBytes(StandardCharsets.UTF_8);
        for (byte[] valid : List.of(config, Mutations.reserialized(config))) {
            assertThat(readConfig(Files.write(directory.resolve("Tunable.yaml"), valid)).problems()).isEmpty();
        }
        for (byte[] valid : List.of(validBaseline, Mutations.reserialized(validBaseline))) {
            assertThat(BaselineYaml.read(valid, "Scoring.yaml", SCORING_STEPS).steps()).containsOnlyKeys(SCORING_STEPS);
        }
    }

    @Test
    void atLeast200DistinctMalformedFilesAreGeneratedEachDifferentFromItsValidOne() {
        List<Case> cases = new ArrayList<>(configCases());
        cases.addAll(baselineCases());
        Set<String> distinct = new HashSet<>();
        for (Case generated : cases) {
            byte[] valid = generated.kind().equals("configuration") ? Tunable.VALID_CONFIG.getBytes(StandardCharsets.UTF_8)
                    : validBaseline;
            assertThat(generated.bytes()).as(generated.toString()).isNotEqualTo(valid);
            distinct.add(generated.kind() + Digests.sha256(generated.bytes()));
        }
        assertThat(cases).hasSize(2 * Mutation.values().length * CASES_PER_MUTATION);
        assertThat(distinct).hasSizeGreaterThanOrEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedConfigurationIsAnErrorNamingItsFile() {
        return configCases().stream().map(generated -> DynamicTest.dynamicTest(generated.toString(), () -> {
            Path file = write(generated, "Tunable.yaml");
            Map<String, String> before = snapshot(file.getParent());
            PipelineReading reading = assertTimeoutPreemptively(HANG, () -> readConfig(file), generated::toString);
            assertThat(reading.pipeline()).as(shown(generated)).isEmpty();
            assertThat(reading.problems()).as(shown(generated)).isNotEmpty()
                    .extracting(PipelineProblem::message).allSatisfy(message -> assertThat(message).contains(CONFIG_RESOURCE));
            assertThat(snapshot(file.getParent())).as("files after reading").isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedBaselineIsAnErrorNamingItsFileAndLine() {
        return baselineCases().stream().map(generated -> DynamicTest.dynamicTest(generated.toString(), () -> {
            Path file = write(generated, "Scoring.yaml");
            Map<String, String> before = snapshot(file.getParent());
            assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() ->
                            BaselineYaml.read(Files.readAllBytes(file), file.toString(), SCORING_STEPS))
                    .as(shown(generated)).isInstanceOf(BaselineFormatException.class)
                    .message().matches("(?s)\\Q" + file + "\\E:\\d+: .+"), generated::toString);
            assertThat(snapshot(file.getParent())).as("files after reading").isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> throughTheEngineAMalformedConfigurationRunsNothingAndWritesNothing() {
        return throughTheEngine(configCases()).map(generated -> DynamicTest.dynamicTest(generated.toString(), () -> {
            Path file = write(generated, "Tunable.yaml");
            Path root = file.getParent();
            Class<?> pipeline = ConfiguredFixture.load(Tunable.class, file);
            Map<String, String> before = snapshot(root);
            EngineExecutionResults results = assertTimeoutPreemptively(HANG, () -> ReproUnitKit.engine()
                    .configurationParameter(Constants.BASELINE_MODE_PROPERTY_NAME, "record-missing")
                    .configurationParameter(Constants.CI_PROPERTY_NAME, "false")
                    .configurationParameter(Constants.BASELINE_DIR_PROPERTY_NAME, root.resolve("baselines").toString())
                    .configurationParameter(Constants.STORE_URL_PROPERTY_NAME,
                            "jdbc:sqlite:" + root.resolve("store/metadata.db"))
                    .configurationParameter(Constants.ARTIFACTS_DIR_PROPERTY_NAME, root.resolve("artifacts").toString())
                    .selectors(selectClass(pipeline)).execute(), generated::toString);

            assertThat(results.testEvents().started().count()).as("steps run").isZero();
            assertThat(failure(results, ReproUnitKit.pipelineId(pipeline).toString())).as(shown(generated))
                    .contains("Pipeline " + Tunable.class.getName() + " cannot run").contains(CONFIG_RESOURCE);
            assertThat(snapshot(root)).as("files after the engine ran").isEqualTo(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> throughTheEngineAMalformedBaselineFailsItsPipelineAndIsLeftAsItIs() {
        return throughTheEngine(baselineCases()).map(generated -> DynamicTest.dynamicTest(generated.toString(), () -> {
            Path file = write(generated, "Scoring.yaml");
            Map<String, String> before = snapshot(file.getParent());
            EngineExecutionResults results = assertTimeoutPreemptively(HANG,
                    () -> scoring(file.getParent(), "record-missing"), generated::toString);

            assertThat(failure(results, "[pipeline:" + Scoring.class.getName() + "]")).as(shown(generated))
                    .matches("(?s)\\Q" + file + "\\E:\\d+: .+").contains("The file was left as it is.");
            assertThat(snapshot(file.getParent())).as("files after the engine ran").isEqualTo(before);
        }));
    }

    // --- the generated cases

    private static List<Case> configCases() {
        byte[] valid = Tunable.VALID_CONFIG.getBytes(StandardCharsets.UTF_8);
        // The last value, and the only one the boolean @Param of step report can come from: a cut before it leaves
        // the parameter without a value, whatever else the cut leaves.
        int truncationLimit = Tunable.VALID_CONFIG.lastIndexOf("verbose: true") + "verbose: ".length();
        Map<String, Expected> typed = new LinkedHashMap<>();
        typed.put("seed", Expected.INTEGER);
        typed.put("params", Expected.MAPPING);
        typed.put("params.label", Expected.TEXT);
        typed.put("steps", Expected.MAPPING);
        typed.put("steps.load", Expected.MAPPING);
        typed.put("steps.load.rows", Expected.LIST);
        typed.put("steps.train", Expected.MAPPING);
        typed.put("steps.train.epochs", Expected.INTEGER);
        typed.put("steps.train.weights", Expected.MAPPING);
        typed.put("steps.train.weights.a", Expected.INTEGER);
        typed.put("steps.report", Expected.MAPPING);
        typed.put("steps.report.verbose", Expected.BOOLEAN);
        return generate("configuration", 1, valid, truncationLimit, typed);
    }

    private static List<Case> baselineCases() {
        String text = new String(validBaseline, StandardCharsets.UTF_8);
        // The first step's size is its record's last key, and required: a cut before its value is complete leaves
        // steps missing, or the first record without output or size, or with a digest cut short.
        int truncationLimit = text.indexOf("\n    size: ", text.indexOf("\nsteps:")) + "\n    size: ".length();
        return generate("baseline", 2, validBaseline, truncationLimit, baselineTypes());
    }

    /** Each path of the recorded baseline whose value must be of one kind, and what it must be. */
    private static Map<String, Expected> baselineTypes() {
        JsonNode root = YAML.readTree(validBaseline);
        Map<String, Expected> typed = new TreeMap<>(Map.of("class", Expected.TEXT, "pipeline", Expected.TEXT,
                "digests", Expected.SCHEME, "run", Expected.MAPPING, "steps", Expected.MAPPING));
        parts(root.path("run"), "run", typed);
        for (String step : root.path("steps").propertyNames()) {
            String path = "steps." + step;
            JsonNode record = root.path("steps").path(step);
            typed.put(path, Expected.MAPPING);
            typed.put(path + ".output", Expected.DIGEST);
            typed.put(path + ".size", Expected.SIZE);
            if (record.has("bytes")) {
                typed.put(path + ".bytes", Expected.DIGEST);
            }
            if (record.has("preview")) {
                typed.put(path + ".preview", Expected.TEXT);
            }
            parts(record, path, typed);
        }
        return typed;
    }

    private static void parts(JsonNode owner, String path, Map<String, Expected> typed) {
        for (String aspect : List.of("code", "config", "data", "environment")) {
            if (owner.has(aspect)) {
                typed.put(path + "." + aspect, Expected.MAPPING);
                for (String part : owner.path(aspect).propertyNames()) {
                    typed.put(path + "." + aspect + "." + part,
                            owner.path(aspect).path(part).isObject() ? Expected.PART : Expected.TEXT);
                }
            }
        }
    }

    private static List<Case> generate(String kind, int kindNumber, byte[] valid, int truncationLimit,
            Map<String, Expected> typed) {
        List<Case> cases = new ArrayList<>();
        for (Mutation mutation : Mutation.values()) {
            for (int index = 0; index < CASES_PER_MUTATION; index++) {
                long seed = SEED + kindNumber * 10_000L + mutation.ordinal() * 100L + index;
                Random random = new Random(seed);
                byte[] bytes = switch (mutation) {
                    case TRUNCATION -> Mutations.truncate(valid, truncationLimit, random);
                    case SWAPPED_TYPE -> Mutations.swapType(valid, typed, random);
                    case DUPLICATED_KEY -> Mutations.duplicateKey(valid, random);
                    case ALIAS -> Mutations.alias(valid, random);
                    case RANDOM_BYTES -> Mutations.randomBytes(valid, random);
                    case DEEP_NESTING -> Mutations.deepNesting(valid, random);
                };
                cases.add(new Case(kind, mutation, index, seed, bytes));
            }
        }
        return cases;
    }

    private static Stream<Case> throughTheEngine(List<Case> cases) {
        return cases.stream().filter(generated -> generated.index() < THROUGH_THE_ENGINE);
    }

    // --- running and looking

    private static PipelineReading readConfig(Path file) {
        return new PipelineReader(2, type -> Optional.empty()).read(ConfiguredFixture.load(Tunable.class, file));
    }

    private static EngineExecutionResults scoring(Path baselines, String mode) {
        return EngineTestKit.engine(Constants.ENGINE_ID).enableImplicitConfigurationParameters(true)
                .configurationParameter(Constants.BASELINE_MODE_PROPERTY_NAME, mode)
                .configurationParameter(Constants.BASELINE_DIR_PROPERTY_NAME, baselines.toString())
                .configurationParameter(Constants.CI_PROPERTY_NAME, "false")
                .configurationParameter("reprounit.param.Scoring.load.data", data.toString())
                .selectors(selectClass(Scoring.class)).execute();
    }

    /** The message of the failure that finished the descriptor whose unique id ends with {@code idEnd}. */
    private static String failure(EngineExecutionResults results, String idEnd) {
        Event finished = results.allEvents().finished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith(idEnd))
                .findFirst().orElseThrow(() -> new AssertionError("no finished " + idEnd));
        TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
        assertThat(result.getStatus()).as(idEnd).isEqualTo(TestExecutionResult.Status.FAILED);
        return result.getThrowable().orElseThrow().getMessage();
    }

    /** The generated file in a directory of its own. */
    private Path write(Case generated, String name) throws IOException {
        Path caseDirectory = Files.createDirectories(directory.resolve(generated.kind() + "-"
                + generated.mutation().name().toLowerCase(java.util.Locale.ROOT) + "-" + generated.index()));
        return Files.write(caseDirectory.resolve(name), generated.bytes());
    }

    /** Every file and directory under {@code root}, files with the digest of their content. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Function<Path, String> content = path -> {
            try {
                return Files.isDirectory(path) ? "directory" : Digests.sha256(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> snapshot.put(root.relativize(path).toString(), content.apply(path)));
        }
        return snapshot;
    }

    /** The case with the start of its file, for a failure message. */
    private static String shown(Case generated) {
        byte[] head = Arrays.copyOf(generated.bytes(), Math.min(generated.bytes().length, 1500));
        return generated + ":\n" + new String(head, StandardCharsets.UTF_8);
    }
}
