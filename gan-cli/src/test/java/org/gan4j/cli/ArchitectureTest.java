package org.gan4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gan4j's layout, checked on its compiled classes (every module's, as this module sees them all):
 * no cycles between packages, and each module depends only on those below it: gan-api on nothing
 * of gan4j's; the plugin modules (games, losses, models, data) on gan-api alone; gan-core (the
 * training module) on none of evaluation, presentation, export, the starter or the command line.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importGan4j() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.gan4j");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.gan4j.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theApiDependsOnNothingElseOfGan4j() {
        noClasses().that().resideInAPackage("org.gan4j.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.gan4j.core..", "org.gan4j.eval..", "org.gan4j.report..", "org.gan4j.export..",
                        "org.gan4j.onnx..", "org.gan4j.cli..", "org.gan4j.starter..", "org.gan4j.games..",
                        "org.gan4j.losses..", "org.gan4j.models..", "org.gan4j.data..")
                .check(classes);
    }

    @Test
    void pluginModulesSeeTheApiAlone() {
        noClasses().that().resideInAnyPackage("org.gan4j.games..", "org.gan4j.losses..", "org.gan4j.data..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.gan4j.core..", "org.gan4j.eval..", "org.gan4j.report..", "org.gan4j.export..",
                        "org.gan4j.cli..", "org.gan4j.starter..", "org.gan4j.models..")
                .check(classes);
        noClasses().that().resideInAPackage("org.gan4j.models..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.gan4j.core..", "org.gan4j.eval..", "org.gan4j.report..", "org.gan4j.export..",
                        "org.gan4j.cli..", "org.gan4j.starter..", "org.gan4j.games..", "org.gan4j.losses..",
                        "org.gan4j.data..")
                .check(classes);
    }

    @Test
    void theTrainingModuleKnowsNothingOfEvaluationPresentationExportOrTheCommand() {
        noClasses().that().resideInAPackage("org.gan4j.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.gan4j.eval..", "org.gan4j.report..", "org.gan4j.export..", "org.gan4j.onnx..",
                        "org.gan4j.cli..", "org.gan4j.starter..", "org.gan4j.games..", "org.gan4j.losses..",
                        "org.gan4j.models..", "org.gan4j.data..")
                .check(classes);
    }

    @Test
    void evaluationAndPresentationAreApart() {
        noClasses().that().resideInAPackage("org.gan4j.eval..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gan4j.report..", "org.gan4j.cli..",
                        "org.gan4j.starter..")
                .check(classes);
        noClasses().that().resideInAPackage("org.gan4j.report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gan4j.eval..", "org.gan4j.cli..",
                        "org.gan4j.starter..")
                .check(classes);
    }
}
