package dev.vigil.status;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The status page reads Vigil through its public API only, and its internals never use its facade back. */
class StatusPageArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.vigil.status");

    @Test
    void onlyVigilsPublicApi() {
        noClasses().that().resideInAPackage("dev.vigil.status..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.internal..", "dev.vigil.http.internal..",
                        "dev.vigil.spi..")
                .check(CLASSES);
    }

    @Test
    void internalsAreLeaves() {
        noClasses().that().resideInAPackage("dev.vigil.status.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.vigil.status")
                .check(CLASSES);
    }
}
