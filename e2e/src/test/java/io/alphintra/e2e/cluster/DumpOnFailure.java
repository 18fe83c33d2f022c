package io.alphintra.e2e.cluster;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Dumps a test namespace (TradingEnvironment status, Deployments, pods, Services, events) when a
 * test fails, right after the test method and before any {@code @AfterEach} deletes the namespace.
 */
public final class DumpOnFailure implements AfterTestExecutionCallback {
  private final Supplier<TestNamespace> namespace;

  public DumpOnFailure(Supplier<TestNamespace> namespace) {
    this.namespace = namespace;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    TestNamespace ns = namespace.get();
    if (ns != null && context.getExecutionException().isPresent()) {
      ns.dump(
          context.getRequiredTestClass().getSimpleName()
              + "."
              + context.getDisplayName()
              + " failed");
    }
  }
}
