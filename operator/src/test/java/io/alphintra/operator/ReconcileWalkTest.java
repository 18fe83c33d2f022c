package io.alphintra.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.environment.TradingEnvironmentReconciler;
import org.junit.jupiter.api.Test;

/**
 * A reader who follows the primary resource from a reconcile reads each step in one place: the
 * reconcile enters every file it hands the resource to once (observe, decide, write status, act),
 * instead of going back and forth between helpers.
 */
class ReconcileWalkTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.alphintra.operator");

  @Test
  void tradingEnvironmentReconcileEntersEachFileOnce() {
    ReconcileWalk.Result walk =
        ReconcileWalk.of(
            CLASSES, TradingEnvironmentReconciler.class, "reconcile", TradingEnvironment.class, 1);
    assertThat(walk.reentered()).as(walk.toString()).isEmpty();
    assertThat(walk.files()).as(walk.toString()).isGreaterThanOrEqualTo(4);
  }
}
