package hudson;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import jenkins.YesNoMaybe;
import net.java.sezpoz.Indexable;

/** Shim of Jenkins' extension marker; SezPoz indexes it by this FQCN, so the index is valid in Jenkins. */
@Indexable
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {
  double ordinal() default 0;

  @Deprecated
  boolean optional() default false;

  YesNoMaybe dynamicLoadable() default YesNoMaybe.MAYBE;
}
