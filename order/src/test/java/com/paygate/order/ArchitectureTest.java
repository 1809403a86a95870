package com.paygate.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The order module's layout by concern (catalog, config, domain, messaging, repository, rest, service), kept so.
 * Plain JUnit over the compiled classes; no application start.
 */
class ArchitectureTest {

    private static final JavaClasses ORDER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.paygate.order");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.paygate.order.(*)..").should().beFreeOfCycles().check(ORDER);
    }

    @Test
    void theDomainKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("com.paygate.order.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("com.paygate.order.service..",
                        "com.paygate.order.rest..", "com.paygate.order.repository..", "com.paygate.order.messaging..",
                        "jakarta.ws.rs..", "com.paygate.common.error..")
                .because("a domain never chooses an HTTP status: a refused move is a domain fact the API layer maps")
                .check(ORDER);
    }
}
