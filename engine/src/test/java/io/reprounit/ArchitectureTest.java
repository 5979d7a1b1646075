package io.reprounit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md: the core is plain Java, each concern uses only the ones below it, and only the engine
 * package speaks the JUnit Platform's engine API.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // test-support (PostgresServer, S3Server) is a test dependency: its classes are never in the engine's jar
        classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.reprounit")
                .that(resideOutsideOfPackage("io.reprounit.testsupport.."));
        // A rule over no classes passes vacuously: make sure the import found the engine.
        assertThat(classes.contain("io.reprounit.engine.ReproUnitTestEngine")).isTrue();
        assertThat(classes.contain("io.reprounit.engine.fixtures.simple.WordCount")).as("test classes").isFalse();
    }

    @Test
    void onlyTheEnginePackageUsesTheJUnitPlatformEngineApi() {
        noClasses().that().resideOutsideOfPackage("io.reprounit.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.junit.platform.engine..")
                .check(classes);
    }

    @Test
    void apiDependsOnNothingOfOurs() {
        mayUseOnly("io.reprounit.api").check(classes);
    }

    /** A step definition carries its normalizers, which the artifact layer applies: the one use of artifact. */
    @Test
    void pipelineDependsOnlyOnApiAndArtifact() {
        mayUseOnly("io.reprounit.pipeline", "io.reprounit.api", "io.reprounit.artifact").check(classes);
    }

    @Test
    void artifactDependsOnNothingOfOurs() {
        mayUseOnly("io.reprounit.artifact").check(classes);
    }

    /** The AWS SDK is an optional dependency: only the S3 tier imports it, so that nothing else fails without it. */
    @Test
    void onlyTheS3TierUsesTheAwsSdk() {
        noClasses().that().resideOutsideOfPackage("io.reprounit.artifact.s3..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void fingerprintDependsOnlyOnPipelineArtifactAndApi() {
        mayUseOnly("io.reprounit.fingerprint", "io.reprounit.pipeline", "io.reprounit.artifact", "io.reprounit.api")
                .check(classes);
    }

    /** Git's status answers in its own words, so that the fingerprint uses it and not the other way round. */
    @Test
    void gitStatusDependsOnlyOnArtifact() {
        mayUseOnly("io.reprounit.fingerprint.git", "io.reprounit.artifact").check(classes);
    }

    @Test
    void runDependsOnlyOnPipelineArtifactFingerprintCacheAndApi() {
        mayUseOnly("io.reprounit.run", "io.reprounit.pipeline", "io.reprounit.artifact", "io.reprounit.fingerprint",
                "io.reprounit.cache", "io.reprounit.api").check(classes);
    }

    /**
     * What changes the JDK a forked run sees is applied by the run package and uses none of it: part of it is copied
     * into {@code java.base}, and all of it loads while the JDK starts.
     */
    @Test
    void runJdkDependsOnlyOnArtifact() {
        mayUseOnly("io.reprounit.run.jdk", "io.reprounit.artifact").check(classes);
    }

    /** The cache decides from fingerprints and digests; the store feeds it and the runner asks it. */
    @Test
    void cacheDependsOnlyOnFingerprintPipelineArtifactAndApi() {
        mayUseOnly("io.reprounit.cache", "io.reprounit.fingerprint", "io.reprounit.pipeline", "io.reprounit.artifact",
                "io.reprounit.api").check(classes);
    }

    /** The baseline policy lives here, below compare: the engine only maps its decisions to test results. */
    @Test
    void baselineDependsOnlyOnRunPipelineArtifactFingerprintAndApi() {
        mayUseOnly("io.reprounit.baseline", "io.reprounit.run", "io.reprounit.pipeline", "io.reprounit.artifact",
                "io.reprounit.fingerprint", "io.reprounit.api").check(classes);
    }

    @Test
    void compareDependsOnlyOnRunBaselinePipelineArtifactAndFingerprint() {
        mayUseOnly("io.reprounit.compare", "io.reprounit.run", "io.reprounit.baseline", "io.reprounit.pipeline",
                "io.reprounit.artifact", "io.reprounit.fingerprint", "io.reprounit.cache").check(classes);
    }

    @Test
    void nothingOutsideTheEngineDependsOnTheEngine() {
        noClasses().that().resideOutsideOfPackage("io.reprounit.engine..")
                .should().dependOnClassesThat().resideInAPackage("io.reprounit.engine..")
                .check(classes);
    }

    /** The command line is a module of its own (cli): its parser must not come back onto users' test class paths. */
    @Test
    void nothingInTheEngineJarUsesTheCommandLineParser() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "io.reprounit.cli..")
                .check(classes);
    }

    /**
     * Every package of the engine module and the packages each may use, from the bottom up: the annotations and
     * artifacts at the bottom, the check service above the comparisons and the store, the JUnit adapter on top. The
     * extensions (jupiter, assertj, tribuo) and the command line sit above this module and are checked in theirs.
     */
    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.reprounit.api..")
                .layer("artifact").definedBy("io.reprounit.artifact")
                .layer("s3").definedBy("io.reprounit.artifact.s3..")
                .layer("pipeline").definedBy("io.reprounit.pipeline..")
                .layer("fingerprint").definedBy("io.reprounit.fingerprint..")
                .layer("cache").definedBy("io.reprounit.cache..")
                .layer("run").definedBy("io.reprounit.run..")
                .layer("baseline").definedBy("io.reprounit.baseline..")
                .layer("compare").definedBy("io.reprounit.compare..")
                .layer("store").definedBy("io.reprounit.store..")
                .layer("check").definedBy("io.reprounit.check..")
                .layer("report").definedBy("io.reprounit.report..")
                .layer("engine").definedBy("io.reprounit.engine..")
                .whereLayer("api").mayNotAccessAnyLayer()
                .whereLayer("artifact").mayNotAccessAnyLayer()
                .whereLayer("s3").mayOnlyAccessLayers("artifact")
                .whereLayer("pipeline").mayOnlyAccessLayers("api", "artifact")
                .whereLayer("fingerprint").mayOnlyAccessLayers("api", "artifact", "pipeline")
                .whereLayer("cache").mayOnlyAccessLayers("api", "artifact", "pipeline", "fingerprint")
                .whereLayer("run").mayOnlyAccessLayers("api", "artifact", "s3", "pipeline", "fingerprint", "cache")
                .whereLayer("baseline").mayOnlyAccessLayers("api", "artifact", "pipeline", "fingerprint", "run")
                .whereLayer("compare").mayOnlyAccessLayers("artifact", "pipeline", "fingerprint", "cache", "run",
                        "baseline")
                .whereLayer("store").mayOnlyAccessLayers("artifact", "s3", "fingerprint", "cache", "run")
                .whereLayer("check").mayOnlyAccessLayers("api", "artifact", "pipeline", "fingerprint", "cache", "run",
                        "baseline", "compare", "store")
                .whereLayer("report").mayOnlyAccessLayers("artifact", "fingerprint", "store")
                .whereLayer("engine").mayOnlyAccessLayers("api", "artifact", "pipeline", "fingerprint", "cache",
                        "run", "baseline", "compare", "store", "check", "report")
                .check(classes);
    }

    /** A package of the engine module that no layer above names would escape every rule: each must be placed. */
    @Test
    void everyClassBelongsToALayer() {
        classes().should().resideInAnyPackage("io.reprounit.api..", "io.reprounit.artifact..",
                "io.reprounit.pipeline..", "io.reprounit.fingerprint..", "io.reprounit.cache..", "io.reprounit.run..",
                "io.reprounit.baseline..",
                "io.reprounit.compare..", "io.reprounit.store..", "io.reprounit.check..", "io.reprounit.report..",
                "io.reprounit.engine..")
                .check(classes);
    }

    /**
     * The store keeps verdicts by name (store.RecordedVerdict), so that it needs nothing of the comparison; it reads the
     * step cache's entries for it.
     */
    @Test
    void storeDependsOnlyOnRunFingerprintCacheAndArtifact() {
        mayUseOnly("io.reprounit.store", "io.reprounit.run", "io.reprounit.fingerprint", "io.reprounit.cache",
                "io.reprounit.artifact")
                .check(classes);
    }

    /** The report reads what the store recorded, as the command line does: never how the engine ran it. */
    @Test
    void reportDependsOnlyOnStoreFingerprintAndArtifact() {
        mayUseOnly("io.reprounit.report", "io.reprounit.store", "io.reprounit.fingerprint", "io.reprounit.artifact")
                .check(classes);
    }

    /** Classes of {@code owner} depend on no package of ours but itself and {@code allowed}. */
    private static ArchRule mayUseOnly(String owner, String... allowed) {
        String[] own = new String[allowed.length + 1];
        own[0] = owner + "..";
        for (int i = 0; i < allowed.length; i++) {
            own[i + 1] = allowed[i] + "..";
        }
        return classes().that().resideInAPackage(owner + "..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.reprounit..").or(resideInAnyPackage(own)))
                .because(owner + " may use only " + (allowed.length == 0 ? "nothing of ours" : Arrays.toString(allowed)));
    }

    /** Every public type says whether users may rely on it: apiguardian's {@code @API}, {@code INTERNAL} where not. */
    @Test
    void everyPublicTypeIsMarkedWithItsApiStatus() {
        classes().that().arePublic().and().areTopLevelClasses().and().resideInAPackage("io.reprounit..")
                .should().beAnnotatedWith(API.class).check(classes);
    }

    /** What a pipeline's author writes, the annotations and the configuration keys, is stable. */
    @Test
    void theAnnotationsAndConfigurationKeysAreStable() {
        classes().that().arePublic().and().resideInAPackage("io.reprounit.api")
                .or().haveFullyQualifiedName("io.reprounit.engine.Constants")
                .should().beAnnotatedWith(status("STABLE")).check(classes);
    }

    private static DescribedPredicate<JavaAnnotation<?>> status(String status) {
        return new DescribedPredicate<>("@API(status = " + status + ")") {
            @Override
            public boolean test(JavaAnnotation<?> annotation) {
                return annotation.getRawType().isEquivalentTo(API.class) && annotation.get("status")
                        .filter(value -> value instanceof JavaEnumConstant constant && constant.name().equals(status))
                        .isPresent();
            }
        };
    }
}
