package io.alphintra.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.alphintra.operator.broker.BrokerConnectionReconciler;
import io.alphintra.operator.environment.TradingEnvironmentReconciler;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reader who follows the primary resource from a reconcile reads each step in one place: every
 * controller's reconcile enters each file it hands the resource to once (observe, decide, write
 * status, act), instead of going back and forth between helpers. A new controller is checked as
 * soon as it exists.
 */
class ReconcileWalkTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.alphintra.operator");

  static Stream<Class<?>> reconcilers() {
    List<Class<?>> found =
        CLASSES.stream()
            .filter(c -> c.isAssignableTo(Reconciler.class) && !c.isInterface())
            .map(JavaClass::reflect)
            .<Class<?>>map(c -> c)
            .toList();
    assertThat(found)
        .as("reconcilers found")
        .contains(TradingEnvironmentReconciler.class, BrokerConnectionReconciler.class);
    return found.stream();
  }

  @ParameterizedTest
  @MethodSource("reconcilers")
  void reconcileEntersEachFileOnce(Class<?> reconciler) {
    ReconcileWalk.Result walk =
        ReconcileWalk.of(CLASSES, reconciler, "reconcile", primaryOf(reconciler), 1);
    assertThat(walk.reentered()).as(walk.toString()).isEmpty();
    assertThat(walk.files()).as(walk.toString()).isGreaterThanOrEqualTo(3);
  }

  private static Class<?> primaryOf(Class<?> reconciler) {
    for (Type type : reconciler.getGenericInterfaces()) {
      if (type instanceof ParameterizedType p && p.getRawType() == Reconciler.class) {
        return (Class<?>) p.getActualTypeArguments()[0];
      }
    }
    throw new AssertionError(reconciler + " does not implement Reconciler<P> directly");
  }
}
