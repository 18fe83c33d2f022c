package io.alphintra.operator;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A reader's walk of the primary resource through a reconcile, from the compiled classes: starting
 * at the reconcile method, the source files entered in reading order (call sites by line),
 * following the calls and constructor calls into the operator's own classes that hand the resource
 * over (as a parameter, a shared mechanism's type variable, or a record that carries it, or a
 * method of such a record). Calls into the same file, and callbacks written there, are read inline;
 * a call into another file enters it and, while the depth allows, its method is read there before
 * the walk returns to the caller's file. Record accessors (reading a value, not following it) are
 * not entries. Calls through an interface are not followed.
 */
final class ReconcileWalk {
  private static final String OPERATOR = "io.alphintra.operator";

  /** The walk's result: the files in the order they were stayed in, and each file's entries. */
  record Result(List<String> stays, Map<String, Integer> entries) {
    int files() {
      return entries.size();
    }

    int returns() {
      return stays.size() - files();
    }

    /** Files entered by a call more than once (a return to a caller is not an entry). */
    Map<String, Integer> reentered() {
      Map<String, Integer> more = new LinkedHashMap<>();
      entries.forEach(
          (file, count) -> {
            if (count > 1) {
              more.put(file, count);
            }
          });
      return more;
    }

    @Override
    public String toString() {
      return files()
          + " files in "
          + stays.size()
          + " stays, "
          + returns()
          + " returns to a file already left; entries "
          + entries
          + "\n  walk: "
          + String.join(" > ", stays);
    }
  }

  private final JavaClasses classes;
  private final Class<?> primary;
  private final int depth;
  private final List<String> events = new ArrayList<>();
  private final Map<String, Integer> entries = new LinkedHashMap<>();
  private final Set<String> callbacksRead = new HashSet<>();

  private ReconcileWalk(JavaClasses classes, Class<?> primary, int depth) {
    this.classes = classes;
    this.primary = primary;
    this.depth = depth;
  }

  /**
   * @param depth 1: the files the reconciler's own code enters; 2: also those their entered methods
   *     enter
   */
  static Result of(
      JavaClasses classes, Class<?> reconciler, String method, Class<?> primary, int depth) {
    JavaCodeUnit start =
        classes.get(reconciler).getMethods().stream()
            .filter(m -> m.getName().equals(method))
            .findFirst()
            .orElseThrow();
    ReconcileWalk walk = new ReconcileWalk(classes, primary, depth);
    String file = fileOf(start.getOwner());
    walk.entries.put(file, 1);
    walk.events.add(file);
    walk.read(start, file, 1, new ArrayList<>());
    List<String> stays = new ArrayList<>();
    for (String e : walk.events) {
      if (stays.isEmpty() || !stays.get(stays.size() - 1).equals(e)) {
        stays.add(e);
      }
    }
    return new Result(stays, walk.entries);
  }

  private void read(JavaCodeUnit unit, String file, int level, List<JavaCodeUnit> reading) {
    reading.add(unit);
    List<JavaAccess<?>> accesses = new ArrayList<>(unit.getAccessesFromSelf());
    accesses.sort(Comparator.comparingInt(JavaAccess::getLineNumber));
    for (JavaAccess<?> access : accesses) {
      JavaClass owner = access.getTargetOwner();
      if (!owner.getPackageName().startsWith(OPERATOR) || !classes.contain(owner.getName())) {
        continue;
      }
      if (isRecordAccessor(access.getTarget())) {
        continue;
      }
      String targetFile = fileOf(owner);
      if (owner.isAnonymousClass() && targetFile.equals(file)) {
        if (!callbacksRead.add(owner.getName())) {
          continue;
        }
        // A callback written here is read here: its methods inline, where it is created.
        owner.getMethods().stream()
            .sorted(Comparator.comparingInt(m -> m.getSourceCodeLocation().getLineNumber()))
            .filter(m -> !reading.contains(m))
            .forEach(m -> read(m, file, level, reading));
        continue;
      }
      Optional<JavaCodeUnit> target = codeUnit(access.getTarget());
      if (target.isEmpty() || !handsOverThePrimary(target.get())) {
        continue;
      }
      if (targetFile.equals(file)) {
        target.filter(t -> !reading.contains(t)).ifPresent(t -> read(t, file, level, reading));
        continue;
      }
      entries.merge(targetFile, 1, Integer::sum);
      events.add(targetFile);
      if (level < depth) {
        target.ifPresent(t -> read(t, targetFile, level + 1, new ArrayList<>()));
      }
      events.add(file);
    }
    reading.remove(reading.size() - 1);
  }

  /**
   * Whether a call hands over the primary: a method of a record that carries it, a parameter of its
   * type, a type variable bounded by HasMetadata (a shared mechanism's P), or a record that carries
   * one of those.
   */
  private boolean handsOverThePrimary(JavaCodeUnit target) {
    if (!target.getModifiers().contains(JavaModifier.STATIC)
        && carries(target.getOwner().getName(), new ArrayList<>())) {
      return true;
    }
    for (var parameter : target.getParameters()) {
      JavaType type = parameter.getType();
      if (type instanceof JavaTypeVariable<?> variable) {
        if (variable.getUpperBounds().stream()
            .anyMatch(b -> b.toErasure().isAssignableTo(HasMetadata.class))) {
          return true;
        }
      } else if (carries(parameter.getRawType().getName(), new ArrayList<>())) {
        return true;
      }
    }
    return false;
  }

  private boolean carries(String typeName, List<String> seen) {
    if (typeName.equals(primary.getName())) {
      return true;
    }
    if (seen.contains(typeName) || !typeName.startsWith("io.alphintra")) {
      return false;
    }
    seen.add(typeName);
    try {
      Class<?> type = Class.forName(typeName);
      if (!type.isRecord()) {
        return false;
      }
      for (var component : type.getRecordComponents()) {
        if (carries(component.getType().getName(), seen)) {
          return true;
        }
      }
      return false;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static Optional<JavaCodeUnit> codeUnit(AccessTarget target) {
    if (target instanceof AccessTarget.CodeUnitAccessTarget c) {
      return c.resolveMember().map(m -> (JavaCodeUnit) m);
    }
    return Optional.empty();
  }

  private static boolean isRecordAccessor(AccessTarget target) {
    if (!(target instanceof AccessTarget.MethodCallTarget call)) {
      return false;
    }
    Optional<JavaMethod> method = call.resolveMember();
    if (method.isEmpty() || !method.get().getParameters().isEmpty()) {
      return false;
    }
    try {
      Class<?> type = Class.forName(call.getOwner().getName());
      if (!type.isRecord()) {
        return false;
      }
      for (var component : type.getRecordComponents()) {
        if (component.getName().equals(call.getName())) {
          return true;
        }
      }
      return false;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String fileOf(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top.getSimpleName();
  }
}
