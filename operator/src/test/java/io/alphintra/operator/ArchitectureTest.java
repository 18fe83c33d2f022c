package io.alphintra.operator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The operator's layering, checked on its compiled classes (so fully-qualified uses count as much
 * as imports): desired state is computed by pure functions that cannot make API calls, each
 * controller stands on the shared layer alone, and no trading service depends on the operator.
 */
class ArchitectureTest {
  private static final String OPERATOR = "io.alphintra.operator";

  /**
   * Packages every controller may use; any other package directly under {@link #OPERATOR} is a
   * controller.
   */
  private static final Set<String> SHARED = Set.of("common", "runtime", "config");

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(OPERATOR);

  @Test
  void modelPackagesUseNeitherTheClientNorTheOperatorRuntime() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(OPERATOR + "..model..", OPERATOR + ".common..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.fabric8.kubernetes.client..",
                "io.javaoperatorsdk..",
                "io.micronaut..",
                "java.net.http..",
                OPERATOR + ".runtime..")
            .because("desired state is computed by pure functions, which cannot make API calls");
    assertThat(CLASSES.stream().filter(c -> c.getPackageName().contains(".model")).count())
        .as("model classes imported")
        .isGreaterThan(10);
    rule.check(CLASSES);
  }

  @Test
  void theSharedLayerUsesNoControllerPackage() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                SHARED.stream().map(p -> OPERATOR + "." + p + "..").toArray(String[]::new))
            .should()
            .dependOnClassesThat(IN_A_CONTROLLER_PACKAGE)
            .because(
                "every controller stands on the shared layer; a type the shared layer needs from a"
                    + " controller (a check result, a problem) belongs in it");
    assertThat(CLASSES.stream().filter(c -> c.getPackageName().startsWith(OPERATOR + ".runtime")))
        .as("runtime classes imported")
        .hasSizeGreaterThan(10);
    rule.check(CLASSES);
  }

  @Test
  void noControllerUsesAnotherControllersPackage() {
    SlicesRuleDefinition.slices()
        .assignedFrom(CONTROLLERS)
        .should()
        .notDependOnEachOther()
        .because(
            "a controller stands on the shared layer ("
                + SHARED
                + ") alone; what two controllers share moves there")
        .check(CLASSES);
  }

  /**
   * A dependency-level check: a service module that does not declare the operator cannot compile
   * against it, and the operator build never has the services' classes on its classpath to scan.
   */
  @Test
  void noServiceModuleDependsOnTheOperator() throws Exception {
    List<Path> poms = servicePoms();
    assertThat(poms).as("trading-services poms found").hasSizeGreaterThanOrEqualTo(3);
    List<String> violations = new ArrayList<>();
    for (Path pom : poms) {
      NodeList dependencies =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(pom.toFile())
              .getElementsByTagName("dependency");
      for (int i = 0; i < dependencies.getLength(); i++) {
        Element dependency = (Element) dependencies.item(i);
        NodeList artifact = dependency.getElementsByTagName("artifactId");
        if (artifact.getLength() > 0
            && artifact.item(0).getTextContent().trim().equals("alphintra-operator")) {
          violations.add(pom + " depends on alphintra-operator");
        }
      }
    }
    assertThat(violations).as("service modules that depend on the operator").isEmpty();
  }

  private static List<Path> servicePoms() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("../trading-services"))) {
      return files
          .filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !p.toString().contains("/target/"))
          .toList();
    }
  }

  /** The controller package a class belongs to (environment, broker, ...), or null. */
  private static String controllerOf(JavaClass javaClass) {
    String name = javaClass.getPackageName();
    if (!name.startsWith(OPERATOR + ".")) {
      return null;
    }
    String top = name.substring(OPERATOR.length() + 1).split("\\.")[0];
    return SHARED.contains(top) ? null : top;
  }

  private static final DescribedPredicate<JavaClass> IN_A_CONTROLLER_PACKAGE =
      DescribedPredicate.describe(
          "reside in a controller package under " + OPERATOR, c -> controllerOf(c) != null);

  /**
   * One slice per controller package (environment, broker, ...); the shared layer and the main
   * class are in none.
   */
  private static final SliceAssignment CONTROLLERS =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String controller = controllerOf(javaClass);
          return controller == null ? SliceIdentifier.ignore() : SliceIdentifier.of(controller);
        }

        @Override
        public String getDescription() {
          return "controller packages under " + OPERATOR;
        }
      };
}
