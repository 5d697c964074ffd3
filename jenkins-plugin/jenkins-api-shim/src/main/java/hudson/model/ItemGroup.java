package hudson.model;

/** Shim of a container of items; present only because {@link AbstractItem}'s real constructor names it. */
public interface ItemGroup<T extends Item> {}
