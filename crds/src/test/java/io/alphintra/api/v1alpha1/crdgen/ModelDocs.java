package io.alphintra.api.v1alpha1.crdgen;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The javadoc of the API model, read from its sources with the JDK's own parser: record components
 * from the record's {@code @param} tags, fields from their doc comments. Keyed by {@code
 * ClassSimpleName#property}.
 */
final class ModelDocs {

  private final Map<String, String> descriptions;

  private ModelDocs(Map<String, String> descriptions) {
    this.descriptions = descriptions;
  }

  static ModelDocs read(Path sourceDir) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null);
        Stream<Path> paths = Files.list(sourceDir)) {
      List<Path> sources = paths.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      JavacTask task =
          (JavacTask)
              compiler.getTask(
                  null,
                  files,
                  null,
                  List.of("-proc:none"),
                  null,
                  files.getJavaFileObjectsFromPaths(sources));
      DocTrees docTrees = DocTrees.instance(task);
      Map<String, String> docs = new HashMap<>();
      for (CompilationUnitTree unit : task.parse()) {
        for (Tree type : unit.getTypeDecls()) {
          if (type instanceof ClassTree classTree) {
            collect(docTrees, new TreePath(new TreePath(unit), classTree), docs);
          }
        }
      }
      return new ModelDocs(docs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API model sources in " + sourceDir, e);
    }
  }

  private static void collect(DocTrees docTrees, TreePath classPath, Map<String, String> docs) {
    ClassTree classTree = (ClassTree) classPath.getLeaf();
    String className = classTree.getSimpleName().toString();
    DocCommentTree classDoc = docTrees.getDocCommentTree(classPath);
    if (classDoc != null) {
      docs.put(
          className, (text(classDoc.getFirstSentence()) + " " + text(classDoc.getBody())).trim());
      for (DocTree tag : classDoc.getBlockTags()) {
        if (tag instanceof ParamTree param && !param.isTypeParameter()) {
          docs.put(className + "#" + param.getName().getName(), text(param.getDescription()));
        }
      }
    }
    for (Tree member : classTree.getMembers()) {
      if (member instanceof VariableTree field) {
        DocCommentTree fieldDoc = docTrees.getDocCommentTree(new TreePath(classPath, member));
        if (fieldDoc != null) {
          docs.put(className + "#" + field.getName(), text(fieldDoc.getFullBody()));
        }
      }
    }
  }

  private static String text(List<? extends DocTree> trees) {
    String raw = trees.stream().map(DocTree::toString).collect(Collectors.joining());
    // {@code x} reads as x in kubectl explain; whitespace from line wrapping collapses to one
    // space.
    return raw.replaceAll("\\{@(code|link|literal) ([^}]*)}", "$2").replaceAll("\\s+", " ").trim();
  }

  /** The description of a property of a model class, or null when it has none. */
  String property(String classSimpleName, String property) {
    return descriptions.get(classSimpleName + "#" + property);
  }

  /** The description of a model class, or null when it has none. */
  String type(String classSimpleName) {
    return descriptions.get(classSimpleName);
  }
}
