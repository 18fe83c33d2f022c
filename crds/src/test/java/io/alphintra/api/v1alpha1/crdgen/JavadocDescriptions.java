package io.alphintra.api.v1alpha1.crdgen;

import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.beans.Introspector;

/** Feeds the model's javadoc to the CRD generator as Jackson property descriptions. */
final class JavadocDescriptions extends JacksonAnnotationIntrospector {

  private final transient ModelDocs docs;

  JavadocDescriptions(ModelDocs docs) {
    this.docs = docs;
  }

  @Override
  public String findPropertyDescription(Annotated annotated) {
    String declared = super.findPropertyDescription(annotated);
    if (declared != null || !(annotated instanceof AnnotatedMember member)) {
      return declared;
    }
    String owner = member.getDeclaringClass().getSimpleName();
    return docs.property(owner, propertyName(member));
  }

  @Override
  public String findClassDescription(AnnotatedClass annotated) {
    String declared = super.findClassDescription(annotated);
    return declared != null ? declared : docs.type(annotated.getRawType().getSimpleName());
  }

  private static String propertyName(AnnotatedMember member) {
    if (member instanceof AnnotatedField || member instanceof AnnotatedParameter) {
      return member instanceof AnnotatedParameter p
          ? String.valueOf(p.getName())
          : member.getName();
    }
    String name = member.getName();
    if (member instanceof AnnotatedMethod && name.length() > 3 && name.startsWith("get")) {
      return Introspector.decapitalize(name.substring(3));
    }
    if (member instanceof AnnotatedMethod && name.length() > 2 && name.startsWith("is")) {
      return Introspector.decapitalize(name.substring(2));
    }
    return name;
  }
}
