package dev.vigil.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.vigil.Vigil;
import dev.vigil.http.Authenticators;
import dev.vigil.http.VigilHttp;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's layering, held by tests: the model is the bottom, internals are leaves used only by the entry points that
 * wire the engine, and no two packages reach each other in a cycle.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.vigil");
    }

    @Test
    void theModelImportsNothingElseOfVigil() {
        noClasses().that().resideInAPackage("dev.vigil.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil", "dev.vigil.spi..", "dev.vigil.kind..",
                        "dev.vigil.monitor..", "dev.vigil.notify..", "dev.vigil.config..", "dev.vigil.http..",
                        "dev.vigil.internal..")
                .check(core);
    }

    @Test
    void listenersSeeOnlyTheModel() {
        // a listener (metrics, tracing) must be writable without knowing the engine, the store or the HTTP layer
        noClasses().that().resideInAPackage("dev.vigil.observe..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil", "dev.vigil.spi..", "dev.vigil.kind..",
                        "dev.vigil.monitor..", "dev.vigil.notify..", "dev.vigil.config..", "dev.vigil.http..",
                        "dev.vigil.internal..", "dev.vigil.service..", "dev.vigil.task..", "dev.vigil.heartbeat..",
                        "dev.vigil.entity..", "dev.vigil.event..")
                .check(core);
    }

    @Test
    void noCyclesBetweenCorePackages() {
        slices().matching("dev.vigil.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void publicApiTypesNeverImportInternals() {
        noClasses().that().resideInAnyPackage("dev.vigil.model..", "dev.vigil.spi..", "dev.vigil.kind..",
                        "dev.vigil.monitor..", "dev.vigil.notify..", "dev.vigil.config..", "dev.vigil.service..",
                        "dev.vigil.task..", "dev.vigil.heartbeat..", "dev.vigil.entity..", "dev.vigil.event..",
                        "dev.vigil.idempotency..", "dev.vigil.observe..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.internal..", "dev.vigil.http.internal..")
                .check(core);
        // only the entry points that wire the engine may: the Vigil builder, VigilHttp, and the factory of
        // authenticators (which hash and compare secrets the engine's way)
        noClasses().that().resideInAPackage("dev.vigil.http").and().doNotBelongToAnyOf(VigilHttp.class,
                        Authenticators.class)
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil.internal..", "dev.vigil.http.internal..")
                .check(core);
        noClasses().that().resideInAPackage("dev.vigil").and().doNotBelongToAnyOf(Vigil.class)
                .should().dependOnClassesThat().resideInAPackage("dev.vigil.internal..")
                .check(core);
    }

    @Test
    void theSpiNeverReachesTheEngineOrTheHttpLayer() {
        noClasses().that().resideInAPackage("dev.vigil.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil", "dev.vigil.internal..",
                        "dev.vigil.http..", "dev.vigil.kind..", "dev.vigil.monitor..", "dev.vigil.notify..",
                        "dev.vigil.config..")
                .check(core);
    }

    @Test
    void internalsNeverUseTheFacadeBack() {
        noClasses().that().resideInAPackage("dev.vigil.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vigil", "dev.vigil.http..")
                .check(core);
    }
}
