package io.reprounit;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The extensions sit on top of the core and beside the engine: they check through the core's check service and read
 * the core's settings, never the JUnit adapter, so that they work (and behave alike) whatever the engine does.
 */
class ExtensionsArchitectureTest {

    private static final String[] CORE = {"io.reprounit.api..", "io.reprounit.artifact..", "io.reprounit.pipeline..",
            "io.reprounit.fingerprint..", "io.reprounit.run..", "io.reprounit.baseline..", "io.reprounit.compare..",
            "io.reprounit.store..", "io.reprounit.check.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.reprounit.jupiter", "io.reprounit.assertj", "io.reprounit.tribuo");
        // A rule over no classes passes vacuously: make sure the import found each package, and only main code.
        assertThat(classes.contain("io.reprounit.jupiter.ReproUnit")).isTrue();
        assertThat(classes.contain("io.reprounit.assertj.ReproUnitAssertions")).isTrue();
        assertThat(classes.contain("io.reprounit.tribuo.TribuoMaterializer")).isTrue();
        assertThat(classes.contain("io.reprounit.jupiter.SameVerdictsAsTheEngineTest")).as("test classes").isFalse();
    }

    @Test
    void noExtensionUsesTheEnginePackage() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.reprounit.engine..")
                .because("the extensions read settings and check pipelines through the core, not the JUnit adapter")
                .check(classes);
    }

    @Test
    void noExtensionUsesTheJUnitPlatformEngineApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.junit.platform.engine..").check(classes);
    }

    @Test
    void jupiterUsesOnlyTheCore() {
        classes().that().resideInAPackage("io.reprounit.jupiter..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.reprounit..")
                        .or(resideInAnyPackage("io.reprounit.jupiter..")).or(resideInAnyPackage(CORE)))
                .check(classes);
    }

    /** The assertions read what a check gave: the Jupiter bridge's result, and the core types it holds. */
    @Test
    void assertjUsesOnlyJupiterAndTheCore() {
        classes().that().resideInAPackage("io.reprounit.assertj..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.reprounit..")
                        .or(resideInAnyPackage("io.reprounit.assertj..", "io.reprounit.jupiter..")).or(resideInAnyPackage(CORE)))
                .check(classes);
    }

    /** A materializer plugs into the artifact layer's SPI and needs nothing else of ours. */
    @Test
    void tribuoUsesOnlyTheArtifactLayer() {
        classes().that().resideInAPackage("io.reprounit.tribuo..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.reprounit..")
                        .or(resideInAnyPackage("io.reprounit.tribuo..", "io.reprounit.artifact..")))
                .check(classes);
    }

    @Test
    void jupiterDoesNotDependOnTheAssertions() {
        noClasses().that().resideInAPackage("io.reprounit.jupiter..")
                .should().dependOnClassesThat().resideInAPackage("io.reprounit.assertj..").check(classes);
    }

    /** Every public type says whether users may rely on it: apiguardian's {@code @API}, {@code INTERNAL} where not. */
    @Test
    void everyPublicTypeIsMarkedWithItsApiStatus() {
        classes().that().arePublic().and().areTopLevelClasses().and().resideInAPackage("io.reprounit..")
                .should().beAnnotatedWith(API.class).check(classes);
    }
}
