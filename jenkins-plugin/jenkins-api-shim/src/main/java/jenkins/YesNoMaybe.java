package jenkins;

/** Shim of Jenkins' three-valued answer, used by {@code @Extension(dynamicLoadable)}. */
public enum YesNoMaybe {
  YES,
  NO,
  MAYBE
}
