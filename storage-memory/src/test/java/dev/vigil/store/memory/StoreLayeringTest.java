package dev.vigil.store.memory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A store sees Vigil only through the SPI and the model: no engine, no HTTP, no other store. */
class StoreLayeringTest {
    @Test
    void theMemoryStoreImportsOnlyTheSpiAndTheModel() {
        classes().that().resideInAPackage("dev.vigil.store.memory..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.vigil.store.memory..", "dev.vigil.spi..",
                        "dev.vigil.model..", "java..", "org.jspecify..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.vigil.store.memory"));
    }
}
