package com.retailpulse.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;
import org.jmolecules.archunit.JMoleculesDddRules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries of DESIGN.md, checked on the compiled classes of every module:
 * dependencies point inward, the domain knows no framework or store, contracts are plain records.
 */
@AnalyzeClasses(packages = "com.retailpulse", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final String CONTRACTS = "com.retailpulse.contracts..";
    private static final String COMMAND = "com.retailpulse.command..";
    private static final String SAGAS = "com.retailpulse.sagas..";
    private static final String PROJECTIONS = "com.retailpulse.projections..";
    private static final String QUERY = "com.retailpulse.query..";
    private static final String INFRA = "com.retailpulse.infra..";
    private static final String PRIVACY = "com.retailpulse.privacy..";
    private static final String INTELLIGENCE = "com.retailpulse.intelligence..";

    private static final String[] STORES_AND_FRAMEWORKS = {
            "org.springframework..", "co.elastic..", "org.elasticsearch..", "com.mongodb..", "org.bson..",
            "org.apache.kafka..", "jakarta.persistence..", "java.sql..", "jakarta.servlet.."};

    @ArchTest
    static final ArchRule domain_has_no_spring_stores_or_brokers = noClasses()
            .that().resideInAnyPackage(COMMAND, SAGAS, CONTRACTS)
            .should().dependOnClassesThat().resideInAnyPackage(STORES_AND_FRAMEWORKS)
            .because("aggregates, sagas and contracts are pure domain (DESIGN.md: Modules)");

    @ArchTest
    static final ArchRule nothing_depends_on_infra = noClasses()
            .that().resideOutsideOfPackage(INFRA)
            .should().dependOnClassesThat().resideInAPackage(INFRA)
            .because("only the runnable application depends on infra");

    @ArchTest
    static final ArchRule contracts_depend_on_nothing_of_ours = noClasses()
            .that().resideInAPackage(CONTRACTS)
            .should().dependOnClassesThat().resideInAnyPackage(COMMAND, SAGAS, PROJECTIONS, QUERY, INFRA);

    @ArchTest
    static final ArchRule write_side_does_not_read_read_models = noClasses()
            .that().resideInAnyPackage(COMMAND, SAGAS)
            .should().dependOnClassesThat().resideInAnyPackage(PROJECTIONS, QUERY);

    @ArchTest
    static final ArchRule read_side_does_not_reach_into_aggregates = noClasses()
            .that().resideInAnyPackage(PROJECTIONS, QUERY)
            .should().dependOnClassesThat().resideInAnyPackage(COMMAND, SAGAS);

    @ArchTest
    static final ArchRule projections_do_not_depend_on_queries = noClasses()
            .that().resideInAPackage(PROJECTIONS)
            .should().dependOnClassesThat().resideInAPackage(QUERY);

    @ArchTest
    static final ArchRule contracts_are_records_enums_or_sealed_interfaces = classes()
            .that().resideInAPackage(CONTRACTS).and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
            .should().beRecords().orShould().beEnums().orShould().beInterfaces();

    @ArchTest
    static final ArchRule events_carry_a_revision_from_day_one = classes()
            .that().resideInAPackage(CONTRACTS).and().areTopLevelClasses().and().haveSimpleNameEndingWith("Event").and().areRecords()
            .should().beAnnotatedWith(Revision.class);

    @ArchTest
    static final ArchRule queries_are_named_find_or_count = classes()
            .that().resideInAPackage(CONTRACTS).and().haveSimpleNameEndingWith("Query")
            .should().haveSimpleNameStartingWith("Find").orShould().haveSimpleNameStartingWith("Count");

    @ArchTest
    static final ArchRule privacy_is_plain_java_over_mongodb = noClasses()
            .that().resideInAPackage(PRIVACY)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "co.elastic..",
                    "org.elasticsearch..", "org.apache.kafka..", "org.axonframework..", "jakarta..", "java.sql..")
            .because("the privacy module is the JDK's crypto, the key store's MongoDB driver and a cache (docs/adr/0008)");

    @ArchTest
    static final ArchRule privacy_depends_only_on_contracts = noClasses()
            .that().resideInAPackage(PRIVACY)
            .should().dependOnClassesThat().resideInAnyPackage(COMMAND, SAGAS, PROJECTIONS, QUERY, INFRA);

    @ArchTest
    static final ArchRule the_domain_never_holds_keys_or_clear_personal_data = noClasses()
            .that().resideInAnyPackage(COMMAND, SAGAS, CONTRACTS)
            .should().dependOnClassesThat().resideInAPackage(PRIVACY)
            .because("aggregates get personal data already encrypted and compare it by fingerprint (docs/privacy.md)");

    @ArchTest
    static final ArchRule models_are_plain_java = noClasses()
            .that().resideInAPackage(INTELLIGENCE)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "co.elastic..", "org.elasticsearch..",
                    "com.mongodb..", "org.bson..", "org.apache.kafka..", "org.axonframework..", "jakarta..", "java.sql..")
            .because("models learn from purchase histories and know no framework or store (docs/models.md)");

    @ArchTest
    static final ArchRule models_know_nothing_of_the_platform = noClasses()
            .that().resideInAPackage(INTELLIGENCE)
            .should().dependOnClassesThat().resideInAnyPackage(CONTRACTS, COMMAND, SAGAS, PROJECTIONS, QUERY, INFRA, PRIVACY)
            .because("the platform adapts its events to the models' Purchase, not the other way round");

    @ArchTest
    static final ArchRule jmolecules_ddd = JMoleculesDddRules.all();
}
