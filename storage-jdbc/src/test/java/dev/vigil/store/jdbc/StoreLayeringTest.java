package dev.vigil.store.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * A store sees Vigil only through the SPI and the model: no engine, no HTTP, no other store. Besides them it uses
 * JDBC, Jdbi, Jackson (for label maps), Caffeine and SLF4J.
 */
class StoreLayeringTest {
    @Test
    void theJdbcStoreImportsOnlyTheSpiAndTheModel() {
        classes().that().resideInAPackage("dev.vigil.store.jdbc..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.vigil.store.jdbc..", "dev.vigil.spi..",
                        "dev.vigil.model..", "java..", "javax.sql..", "org.jspecify..", "org.jdbi..",
                        "com.fasterxml.jackson..", "com.github.benmanes.caffeine..", "org.slf4j..", "org.h2..",
                        "org.postgresql..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.vigil.store.jdbc"));
    }
}
