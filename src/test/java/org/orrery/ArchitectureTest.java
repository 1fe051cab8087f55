package org.orrery;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds the layer arrows of DESIGN.md in place ("A → B": A may import B):
 *
 * <pre>
 * apps (programs: command, config, job, report) → anything but bench; apps.X ↛ apps.Y (only apps.common is shared)
 * bench    → anything but apps            (apps.bench drives bench, never the other way)
 * sim      → parallel, physics, model     (SPMD engines)
 * io       → model, analysis              (readers and writers; plots draw analysis results)
 * physics  → model                        (pure kernels: no files, no MPI, no options)
 * analysis → model
 * parallel → the JDK and mpi.* only       (owns its error types; no picocli, no Orrery types)
 * model    → nothing
 * </pre>
 *
 * <p>Only {@code parallel} imports {@code mpi.*}; the top-level packages form no cycle. Each rule is a function of the
 * root package, so the test evaluates the same rules against {@code org.orrery.archfixture} — a test-only tree with one
 * deliberate violation per rule — and requires every rule to report its violation there. The layout test fails when an
 * expected package is missing (a rule over an empty package would otherwise pass vacuously).
 */
class ArchitectureTest {

    private static final String ROOT = "org.orrery";
    private static final String FIXTURE = "org.orrery.archfixture";

    /** Packages the layout must hold (each with at least one class). */
    static final List<String> EXPECTED =
            List.of("model", "physics", "analysis", "io", "parallel", "sim", "apps", "apps.common", "bench");

    /** Rule name → the fixture class that violates it (and must appear in the rule's report). */
    private static final Map<String, String> PLANTED = Map.of(
            "model depends on nothing", "ModelUsesIo",
            "physics depends on model only, and touches no files", "PhysicsReadsFiles",
            "analysis depends on model only", "AnalysisUsesParallel",
            "io depends on model and analysis only", "IoUsesSim",
            "sim depends on parallel, physics and model only", "SimWritesFiles",
            "parallel depends on the JDK and mpi.* only", "ParallelUsesPicocli",
            "bench does not depend on apps", "BenchUsesApps",
            "no program uses another program's classes (apps.common is shared)", "OneCommand",
            "top-level packages form no cycle", "BenchUsesApps");

    /** The JDK, by package. */
    private static final String[] JDK = {"java..", "javax..", "jdk.."};

    /** The rules over the tree rooted at {@code root}, by name. */
    static Map<String, ArchRule> rules(String root) {
        Map<String, ArchRule> r = new LinkedHashMap<>();
        r.put("model depends on nothing", layer(root, "model"));
        r.put(
                "physics depends on model only, and touches no files",
                CompositeArchRule.of(layer(root, "physics", "model")).and(noFileAccess(root, "physics")));
        r.put("analysis depends on model only", layer(root, "analysis", "model"));
        r.put("io depends on model and analysis only", layer(root, "io", "model", "analysis"));
        r.put("sim depends on parallel, physics and model only", layer(root, "sim", "parallel", "physics", "model"));
        r.put(
                "parallel depends on the JDK and mpi.* only",
                classes()
                        .that()
                        .resideInAPackage(root + ".parallel..")
                        .should()
                        .onlyDependOnClassesThat(resideInAnyPackage(concat(JDK, root + ".parallel..", "mpi.."))));
        r.put(
                "only parallel talks to MPI",
                noClasses()
                        .that()
                        .resideInAPackage(root + "..")
                        .and()
                        .resideOutsideOfPackage(root + ".parallel..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("mpi.."));
        r.put(
                "bench does not depend on apps",
                noClasses()
                        .that()
                        .resideInAPackage(root + ".bench..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(root + ".apps.."));
        r.put(
                "no program uses another program's classes (apps.common is shared)",
                slices().matching(root + ".apps.(*)..")
                        .namingSlices("program $1")
                        .should()
                        .notDependOnEachOther()
                        .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(root + ".apps.common..")));
        r.put(
                "top-level packages form no cycle",
                slices().matching(root + ".(*)..").namingSlices("$1").should().beFreeOfCycles());
        return r;
    }

    /** Classes in {@code root.layer} depend only on the JDK, third-party libraries and the given layers. */
    private static ArchRule layer(String root, String layer, String... allowed) {
        List<String> own = new ArrayList<>();
        own.add(root + "." + layer + "..");
        for (String a : allowed) {
            own.add(root + "." + a + "..");
        }
        return classes()
                .that()
                .resideInAPackage(root + "." + layer + "..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage(root + "..")
                        .and(not(resideInAnyPackage("picocli..", "mpi..")))
                        .or(resideInAnyPackage(own.toArray(String[]::new))))
                .as("classes in " + layer + " should depend only on "
                        + (allowed.length == 0
                                ? "the JDK and libraries"
                                : String.join(", ", allowed) + ", the JDK and libraries (no picocli, no mpi.*)"));
    }

    private static ArchRule noFileAccess(String root, String layer) {
        return noClasses()
                .that()
                .resideInAPackage(root + "." + layer + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.io..", "java.nio.file..");
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    private static JavaClasses production;

    /** Orrery's own classes (imported once: the import is the slow part). */
    private static synchronized JavaClasses production() {
        if (production == null) {
            production = importTree(ROOT);
        }
        return production;
    }

    private static JavaClasses importTree(String root) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    /** Expected packages with no class under {@code root}. */
    static List<String> missingPackages(JavaClasses classes, String root) {
        List<String> missing = new ArrayList<>();
        for (String p : EXPECTED) {
            String name = root + "." + p;
            boolean present = classes.stream()
                    .anyMatch(c -> c.getPackageName().equals(name)
                            || c.getPackageName().startsWith(name + "."));
            if (!present) {
                missing.add(name);
            }
        }
        return missing;
    }

    @Test
    void everyExpectedPackageIsPresent() {
        assertEquals(
                List.of(),
                missingPackages(production(), ROOT),
                "DESIGN.md's packages; a rule over a missing package would pass without checking anything");
    }

    @TestFactory
    Stream<DynamicTest> theProgramKeepsTheLayers() {
        JavaClasses tree = production();
        return rules(ROOT).entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> e.getValue().check(tree)));
    }

    /** Each rule, evaluated on the fixture tree, reports the violation planted for it. */
    @TestFactory
    Stream<DynamicTest> everyRuleCatchesADeliberateViolation() {
        // The fixture lives in the test classes, so import it without the "no tests" option.
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);
        Map<String, ArchRule> rules = rules(FIXTURE);
        return rules.entrySet().stream()
                .filter(e -> PLANTED.containsKey(e.getKey()))
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    EvaluationResult result = e.getValue().evaluate(fixture);
                    String report = String.join("\n", result.getFailureReport().getDetails());
                    assertTrue(result.hasViolation(), e.getKey() + ": no violation found in the fixture");
                    assertTrue(report.contains(PLANTED.get(e.getKey())), e.getKey() + " reported:\n" + report);
                }));
    }

    @Test
    void everyRuleHasAPlantedViolation() {
        // "only parallel talks to MPI" has none: mpi.jar is not on every build's classpath. The same
        // onlyDependOn / noClasses mechanism is shown by the parallel and bench fixtures.
        List<String> unplanted = new ArrayList<>(rules(ROOT).keySet());
        unplanted.removeAll(PLANTED.keySet());
        assertEquals(List.of("only parallel talks to MPI"), unplanted);
    }

    @Test
    void aMissingPackageIsReported() {
        // The fixture has no apps.common: the layout check names it.
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);
        assertEquals(List.of(FIXTURE + ".apps.common"), missingPackages(fixture, FIXTURE));
    }
}
