package hudson;

/** Shim of Jenkins' extension-point marker interface. */
public interface ExtensionPoint {}
