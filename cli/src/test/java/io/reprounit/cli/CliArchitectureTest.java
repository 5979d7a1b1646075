package io.reprounit.cli;

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
 * The command line reads the store through the core's public entry points, as the Maven plugin will: it never reaches
 * into the JUnit adapter, so that it behaves the same whatever the engine does at test time.
 */
class CliArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("io.reprounit.cli");
        // A rule over no classes passes vacuously: make sure the import found the command line, and only its main code.
        assertThat(classes.contain("io.reprounit.cli.ReproUnitCli")).isTrue();
        assertThat(classes.contain("io.reprounit.cli.Cli")).as("test classes").isFalse();
    }

    @Test
    void readsOnlyTheStoreArtifactsAndFingerprints() {
        classes().that().resideInAPackage("io.reprounit.cli..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.reprounit..").or(resideInAnyPackage(
                        "io.reprounit.cli..", "io.reprounit.store..", "io.reprounit.report..", "io.reprounit.artifact..",
                        "io.reprounit.fingerprint..")))
                .because("the command line reads what the store recorded, not how the engine ran it")
                .check(classes);
    }

    @Test
    void neverUsesTheJUnitPlatform() {
        noClasses().that().resideInAPackage("io.reprounit.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.junit..")
                .check(classes);
    }

    /** Every public type says whether users may rely on it: apiguardian's {@code @API}, {@code INTERNAL} where not. */
    @Test
    void everyPublicTypeIsMarkedWithItsApiStatus() {
        classes().that().arePublic().and().areTopLevelClasses().and().resideInAPackage("io.reprounit..")
                .should().beAnnotatedWith(API.class).check(classes);
    }
}
