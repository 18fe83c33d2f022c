package io.alphintra.authservice.web;

import io.alphintra.authservice.token.VerifiedToken;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a handler the caller's verified token as a {@link VerifiedToken} parameter. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == VerifiedToken.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    Object caller =
        request.getAttribute(BearerAuthentication.CALLER, RequestAttributes.SCOPE_REQUEST);
    if (caller == null) {
      throw new IllegalStateException("a @Public handler asked for the caller");
    }
    return caller;
  }
}
