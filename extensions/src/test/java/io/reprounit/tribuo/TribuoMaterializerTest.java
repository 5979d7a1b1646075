package io.reprounit.tribuo;

import static io.reprounit.assertj.ReproUnitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprounit.artifact.Artifact;
import io.reprounit.artifact.ArtifactReadException;
import io.reprounit.artifact.ArtifactStore;
import io.reprounit.artifact.Normalization;
import io.reprounit.artifact.Materializers;
import io.reprounit.jupiter.CheckOptions;
import io.reprounit.jupiter.PipelineCheck;
import io.reprounit.jupiter.ReproUnit;
import io.reprounit.tribuo.fixtures.SeededTrainingPipeline;
import io.reprounit.tribuo.fixtures.TimeSeededTrainingPipeline;
import io.reprounit.tribuo.fixtures.TribuoTraining;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.baseline.DummyClassifierTrainer;

class TribuoMaterializerTest {

    private final Materializers materializers = Materializers.load(getClass().getClassLoader());

    @Test
    void identicalTrainingsGiveOneDigestAlthoughTheirSerializedBytesDiffer() throws IOException {
        Model<Label> first = TribuoTraining.train(TribuoTraining.dataset(), 7L);
        Model<Label> second = TribuoTraining.train(TribuoTraining.dataset(), 7L);

        // The premise: Tribuo's own forms of the two models differ, because their provenance records when they were made.
        assertThat(javaSerialized(second)).isNotEqualTo(javaSerialized(first));
        assertThat(second.serialize().toByteArray()).isNotEqualTo(first.serialize().toByteArray());
        assertThat(materializers.materialize(second).digest()).isEqualTo(materializers.materialize(first).digest());
        // Both digests are kept: the bytes digest is that of Tribuo's own protobuf form, so the churn stays visible.
        assertThat(materializers.materialize(first).bytesDigest())
                .isEqualTo(io.reprounit.artifact.Digests.sha256(first.serialize().toByteArray()));
        assertThat(materializers.materialize(second).bytesDigest())
                .isNotEqualTo(materializers.materialize(first).bytesDigest());
    }

    @Test
    void anotherTrainerSeedGivesAnotherDigest() {
        MutableDataset<Label> data = TribuoTraining.dataset();

        Artifact seven = materializers.materialize(TribuoTraining.train(data, 7L));
        Artifact eight = materializers.materialize(TribuoTraining.train(data, 8L));

        assertThat(eight.digest()).isNotEqualTo(seven.digest());
        // Both the learned weights and the recorded configuration tell the two apart.
        assertThat(eight.content()).contains("\"seed\": 8").doesNotContain("\"seed\": 7");
        assertThat(weights(eight)).isNotEqualTo(weights(seven));
    }

    @Test
    void writesLearnedWeightsDomainsAndTrainerConfigurationAndListsWhatWasLeftOut() {
        Model<Label> model = TribuoTraining.train(TribuoTraining.dataset(), 7L);

        String encoding = materializers.canonicalText(model);

        assertThat(encoding).startsWith("{\n  \"$class\": \"org.tribuo.classification.sgd.linear.LinearSGDModel\",\n"
                + "  \"$leftOut\": [\n"
                + "    \"dataset.datasource.datasource-creation-time\",\n"
                + "    \"java-version\",\n"
                + "    \"os-arch\",\n"
                + "    \"os-name\",\n"
                + "    \"trained-at\"\n"
                + "  ],\n");
        assertThat(encoding).contains("\"epochs\": 5", "\"initialLearningRate\": 0.5", "\"seed\": 7",
                "\"train-invocation-count\": 0", "\"class-name\": \"org.tribuo.math.optimisers.AdaGrad\"");
        assertThat(encoding).contains("\"north\": {\n      \"count\": 20,\n      \"id\": ");
        assertThat(encoding).contains("\"x\": {\n      \"count\": 60,\n      \"id\": 0\n");
        // A 3 × 3 weight matrix: three classes, two features and the bias.
        assertThat(encoding).contains("\"dim1\": 3", "\"dim2\": 3");
        assertThat(encoding).doesNotContain(model.getProvenance().getTrainingTime().toString(),
                System.getProperty("java.version"));
    }

    @Test
    void aDatasetIsItsExamplesAndDomainsWheneverItWasMade() {
        Artifact first = materializers.materialize(TribuoTraining.dataset());
        Artifact second = materializers.materialize(TribuoTraining.dataset());
        Artifact shorter = materializers.materialize(TribuoTraining.dataset(59));

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(shorter.digest()).isNotEqualTo(first.digest());
        assertThat(first.content()).contains("\"$leftOut\": [\n    \"datasource.datasource-creation-time\"\n  ]",
                "\"output\": \"north\"", "\"num-examples\": 60");
    }

    @Test
    void aSeededTrainingReproducesThroughAWholePipeline() {
        PipelineCheck check = ReproUnit.check(SeededTrainingPipeline.class, CheckOptions.defaults().withoutFingerprints());

        assertThat(check).isReproducible();
        assertThat(check).step("train").reproduced();
        List<String> bytes = check.runs().stream()
                .map(run -> run.execution("train").orElseThrow().output().orElseThrow().bytesDigest()).toList();
        assertThat(bytes.get(1)).as("Tribuo's saved bytes of the two models").isNotEqualTo(bytes.get(0));
        assertThat(check.step("train").orElseThrow().explanation()).contains("its exact bytes differed");
        assertThat(check.toBaseline().steps().get("train").bytesVary())
                .as("a baseline that would not change at every update").isTrue();
        assertThat(io.reprounit.baseline.BaselineYaml.write(check.toBaseline())).contains("bytes: varies");
    }

    @Test
    void theEngineReportsBothDigestsAndWhatWasLeftOut() {
        org.junit.platform.testkit.engine.Events events = org.junit.platform.testkit.engine.EngineTestKit.engine("reprounit")
                .enableImplicitConfigurationParameters(true)
                .configurationParameter("reprounit.baseline.mode", "none")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(SeededTrainingPipeline.class))
                .execute().allEvents();
        java.util.Map<String, String> entries = new java.util.HashMap<>();
        events.reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().getLastSegment().getValue().equals("train"))
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class))
                .forEach(entry -> entries.putAll(entry.getKeyValuePairs()));

        assertThat(entries).containsEntry("reprounit.verdict", "REPRODUCED").containsKey("reprounit.output.digest");
        assertThat(entries).containsEntry("reprounit.output.leftOut",
                "dataset.datasource.datasource-creation-time, java-version, os-arch, os-name, trained-at");
        assertThat(entries.get("reprounit.run.1.output.bytesDigest"))
                .isNotEqualTo(entries.get("reprounit.run.2.output.bytesDigest")).startsWith("sha256:");
    }

    @Test
    void aTrainerSeededFromTheClockDivergesAtTheTrainStep() {
        PipelineCheck check = ReproUnit.check(TimeSeededTrainingPipeline.class,
                CheckOptions.defaults().withoutFingerprints());

        assertThat(check).isNotReproducible();
        assertThat(check).step("data").reproduced();
        assertThat(check).step("train").diverged();
    }

    @Test
    void claimsModelsAndDatasetsOnlyByTheirClassNames() {
        TribuoMaterializer materializer = new TribuoMaterializer();

        assertThat(materializer.supports(org.tribuo.classification.sgd.linear.LinearSGDModel.class)).isTrue();
        assertThat(materializer.supports(Model.class)).isTrue();
        assertThat(materializer.supports(MutableDataset.class)).isTrue();
        assertThat(materializer.supports(Label.class)).isFalse();
        assertThat(materializer.supports(String.class)).isFalse();
        assertThatThrownBy(() -> materializer.write(new Label("a"), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModelWithoutParameterAccessorsIsWrittenByItsOwnFieldsLeavingOutItsRandomGenerator() {
        MutableDataset<Label> data = TribuoTraining.dataset();
        Model<Label> first = DummyClassifierTrainer.createStratifiedTrainer(3L).train(data);
        Model<Label> second = DummyClassifierTrainer.createStratifiedTrainer(3L).train(data);

        String encoding = materializers.canonicalText(first);

        assertThat(encoding).contains("\"dummyType\": \"STRATIFIED\"", "\"cdf\": [", "\"seed\": 3",
                "    \"parameters.rng\",\n");
        assertThat(materializers.materialize(second).digest()).isEqualTo(materializers.materialize(first).digest());
        assertThat(materializers.materialize(DummyClassifierTrainer.createStratifiedTrainer(4L).train(data)).digest())
                .isNotEqualTo(materializers.materialize(first).digest());
    }

    /** Without Tribuo on the class path, ServiceLoader still instantiates the materializer, and nothing breaks. */
    @Test
    void costsNothingWhereTribuoIsAbsent() throws Exception {
        URL[] ourClassesOnly = {codeLocation(Materializers.class), codeLocation(TribuoMaterializer.class)};
        try (URLClassLoader withoutTribuo = new URLClassLoader(ourClassesOnly, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutTribuo.loadClass("org.tribuo.Model"))
                    .as("the premise: no Tribuo here").isInstanceOf(ClassNotFoundException.class);
            Class<?> loaded = withoutTribuo.loadClass(Materializers.class.getName());
            Object found = loaded.getMethod("load", ClassLoader.class).invoke(null, withoutTribuo);
            Object artifact = loaded.getMethod("materialize", Object.class).invoke(found, List.of(1, 2));

            assertThat(artifact.getClass().getMethod("content").invoke(artifact)).isEqualTo("[\n  1,\n  2\n]");
            Class<?> spi = withoutTribuo.loadClass("io.reprounit.artifact.Materializer");
            assertThat(ServiceLoader.load(spi, withoutTribuo).stream().map(provider -> provider.type().getName()))
                    .as("it was asked, and said no").contains(TribuoMaterializer.class.getName());
        }
    }

    @Test
    void aModelReadsBackFromItsSerializedFormKeptInTheStore(@TempDir Path temp) throws Exception {
        Model<Label> model = TribuoTraining.train(TribuoTraining.dataset(), 7L);
        ArtifactStore store = new ArtifactStore(temp.resolve("store"));
        Type declared = TribuoMaterializerTest.class.getDeclaredMethod("declaredModel").getGenericReturnType();
        assertThat(materializers.whyUnreadable(declared, Normalization.none())).isEmpty();

        Artifact stored = materializers.materialize(model, Normalization.none(), store);
        Object back = materializers.readBack(store, stored.digest(), stored.bytesDigest(), stored.mediaType(), declared,
                Normalization.none(), temp);

        assertThat(back).isInstanceOf(model.getClass()).isNotSameAs(model);
        assertThat(materializers.materialize(back).digest()).isEqualTo(stored.digest());
        @SuppressWarnings("unchecked")
        Model<Label> readModel = (Model<Label>) back;
        MutableDataset<Label> data = TribuoTraining.dataset();
        assertThat(readModel.predict(data).stream().map(p -> p.getOutput().getLabel()).toList())
                .isEqualTo(model.predict(data).stream().map(p -> p.getOutput().getLabel()).toList());
    }

    @Test
    void withoutItsSerializedFormAModelCannotBeReadBack(@TempDir Path temp) {
        Model<Label> model = TribuoTraining.train(TribuoTraining.dataset(), 7L);
        ArtifactStore store = new ArtifactStore(temp.resolve("store"));
        Artifact stored = materializers.materialize(model, Normalization.none(), store);

        // Read by the semantic digest alone: the protobuf form is not found, and the semantic form is not the model.
        assertThatThrownBy(() -> materializers.readBack(store, stored.digest(), stored.mediaType(), Model.class,
                Normalization.none(), temp))
                .isInstanceOf(ArtifactReadException.class)
                .hasMessageContaining(stored.digest())
                .hasMessageContaining(TribuoMaterializer.class.getName() + " could not read the value");
    }

    /** A step's declared return type. */
    @SuppressWarnings("unused")
    private static Model<Label> declaredModel() {
        throw new UnsupportedOperationException();
    }

    private static URL codeLocation(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static byte[] javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** The encoding's parameters member alone. */
    private static String weights(Artifact model) {
        String content = model.content();
        return content.substring(content.indexOf("\"parameters\""), content.indexOf("\"provenance\""));
    }

}
