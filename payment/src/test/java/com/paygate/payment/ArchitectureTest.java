package com.paygate.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The payment module's layout, by concern (config, domain, event, repository, service, rest, notify, messaging, job,
 * provider, order, checkout), kept so: a change that breaks a rule fails the build. Plain JUnit over the compiled
 * classes; no application start.
 */
class ArchitectureTest {

    private static final JavaClasses PAYMENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.paygate.payment");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.paygate.payment.(*)..").should().beFreeOfCycles().check(PAYMENT);
    }

    @Test
    void theRestApiNeverTalksToAProviderDirectly() {
        noClasses().that().resideInAPackage("com.paygate.payment.rest..")
                .should().dependOnClassesThat().resideInAPackage("com.paygate.payment.provider..")
                .because("the API goes through services; provider specifics stay behind the adapter interface")
                .check(PAYMENT);
    }

    @Test
    void providersSpeakOnlyTheirProtocol() {
        noClasses().that().resideInAPackage("com.paygate.payment.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("com.paygate.payment.service..",
                        "com.paygate.payment.rest..", "com.paygate.payment.notify..", "com.paygate.payment.messaging..",
                        "com.paygate.payment.job..", "com.paygate.payment.repository..")
                .because("an adapter signs, calls and verifies; what a statement means for a payment is the services'")
                .check(PAYMENT);
    }

    @Test
    void theDomainKnowsNoFrameworkAboveIt() {
        noClasses().that().resideInAPackage("com.paygate.payment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("com.paygate.payment.service..",
                        "com.paygate.payment.rest..", "com.paygate.payment.provider..", "jakarta.ws.rs..",
                        "com.paygate.common.error..")
                .because("a domain never chooses an HTTP status: a refused move is a domain fact the API layer maps")
                .check(PAYMENT);
    }
}
