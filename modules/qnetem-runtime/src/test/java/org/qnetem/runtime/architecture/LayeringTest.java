package org.qnetem.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md: physics, qkd and kms are plain Java, and lower layers never import higher ones. */
class LayeringTest {

    private static final JavaClasses QNETEM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.qnetem");

    @Test
    void physicsAndQkdDoNotDependOnPekko() {
        noClasses().that().resideInAnyPackage("org.qnetem.physics..", "org.qnetem.qkd..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..", "com.typesafe..")
                .check(QNETEM);
    }

    @Test
    void physicsDoesNotDependOnHigherLayers() {
        noClasses().that().resideInAPackage("org.qnetem.physics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.qnetem.qkd..", "org.qnetem.runtime..",
                        "org.qnetem.wire..")
                .check(QNETEM);
    }

    @Test
    void qkdDoesNotDependOnRuntimeOrWire() {
        noClasses().that().resideInAPackage("org.qnetem.qkd..")
                .should().dependOnClassesThat().resideInAnyPackage("org.qnetem.runtime..", "org.qnetem.wire..")
                .check(QNETEM);
    }

    /** Key pools, relay and ETSI semantics are plain Java; only the HTTPS face (kms.http) uses Pekko HTTP. */
    @Test
    void kmsIsPlainJavaBelowTheRuntimeButForItsHttpsFace() {
        noClasses().that().resideInAPackage("org.qnetem.kms..").and().resideOutsideOfPackage("org.qnetem.kms.http..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..",
                        "org.qnetem.kms.http..", "org.qnetem.runtime..")
                .check(QNETEM);
        noClasses().that().resideInAPackage("org.qnetem.kms.http..")
                .should().dependOnClassesThat().resideInAnyPackage("org.qnetem.runtime..")
                .check(QNETEM);
    }
}
