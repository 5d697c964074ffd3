package dev.berth.runtime.sizing.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Defines classes at run time, the way proxies and bytecode libraries fill metaspace: each class has
 * {@value #METHODS} static {@code int m(int)} methods of straight-line arithmetic (no branches, so no stack map).
 */
final class GeneratedClasses extends ClassLoader {

  static final int METHODS = 16;
  private static final int OPS = 24;

  GeneratedClasses() {
    super(GeneratedClasses.class.getClassLoader());
  }

  /** Defines {@code count} classes and returns one method handle per class (its first method). */
  List<MethodHandle> define(String prefix, int count) throws ReflectiveOperationException {
    List<MethodHandle> handles = new ArrayList<>(count);
    MethodType type = MethodType.methodType(int.class, int.class);
    for (int i = 0; i < count; i++) {
      String name = prefix + i;
      byte[] bytes = classFile(name);
      Class<?> c = defineClass(name, bytes, 0, bytes.length);
      handles.add(MethodHandles.lookup().findStatic(c, "m0", type));
    }
    return handles;
  }

  static byte[] classFile(String name) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(0xCAFEBABE);
      out.writeShort(0);
      out.writeShort(52); // Java 8: no stack map needed for branch-free code
      out.writeShort(7 + METHODS); // constant pool count
      out.writeByte(1);
      out.writeUTF(name.replace('.', '/')); // #1
      out.writeByte(7);
      out.writeShort(1); // #2 this
      out.writeByte(1);
      out.writeUTF("java/lang/Object"); // #3
      out.writeByte(7);
      out.writeShort(3); // #4 super
      out.writeByte(1);
      out.writeUTF("(I)I"); // #5
      out.writeByte(1);
      out.writeUTF("Code"); // #6
      for (int m = 0; m < METHODS; m++) {
        out.writeByte(1);
        out.writeUTF("m" + m); // #7..
      }
      out.writeShort(0x0021);
      out.writeShort(2);
      out.writeShort(4);
      out.writeShort(0); // interfaces
      out.writeShort(0); // fields
      out.writeShort(METHODS);
      byte[] code = code(name.hashCode());
      for (int m = 0; m < METHODS; m++) {
        out.writeShort(0x0009); // public static
        out.writeShort(7 + m);
        out.writeShort(5);
        out.writeShort(1); // one attribute: Code
        out.writeShort(6);
        out.writeInt(12 + code.length);
        out.writeShort(3); // max stack
        out.writeShort(1); // max locals
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0); // exception table
        out.writeShort(0); // attributes
      }
      out.writeShort(0); // class attributes
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** x = ((x * k1 + k2) ^ k3) ... repeated, then return x: a body the JIT compiles into real machine code. */
  private static byte[] code(int seed) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x1a); // iload_0
    for (int i = 0; i < OPS; i++) {
      int k = (seed >>> (i % 24)) & 0x7f;
      b.write(0x10); // bipush k
      b.write(k);
      b.write(switch (i % 3) {
        case 0 -> 0x68; // imul
        case 1 -> 0x60; // iadd
        default -> 0x82; // ixor
      });
    }
    b.write(0xac); // ireturn
    return b.toByteArray();
  }
}
