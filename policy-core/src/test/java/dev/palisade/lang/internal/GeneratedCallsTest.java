package dev.palisade.lang.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.lang.Declarations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Walks every method and field instruction of generated classes: each must go through the
 * {@link GeneratedCalls} table (whose entries resolve), call another method of the generated class,
 * or be the generated class's constructor calling {@code Node}'s; and every table entry is used.
 */
class GeneratedCallsTest {
    /** Expressions that between them make the generator emit every kind of node code. */
    private static final List<String> EXPRESSIONS = List.of(
            "object.spec.containers.all(c, !has(c.securityContext) || !c.securityContext.privileged)",
            "object.spec.containers.exists(c, c.image.startsWith('r/') && c.name.endsWith('x') || c.name.contains('y'))",
            "object.spec.containers.exists_one(c, c.name == 'a')",
            "object.spec.containers.filter(c, c.name != 'a').map(c, c.name)",
            "object.spec.containers.map(c, c.name != '', c.image)",
            "size(object.spec.containers.filter(c, c.name < 'm' || c.name <= 'n' || c.name > 'o' || c.name >= 'p')) > 0",
            "'app' in object.metadata.labels && object.metadata.labels['app'] == 'web'",
            "object.?metadata.?labels.?app.orValue('none') + 'x'",
            "object.spec.replicas > 2 ? [object.spec.replicas, 1] : [3]",
            "object.spec.replicas / 0 == 1 || true",
            "[1, 2][object.spec.replicas] == 2",
            "object.metadata.name in ['a', 'b'] && object.metadata.labels.all(k, k != '')",
            "object.metadata.labels.team == object.metadata.labels.team",
            "{'a': object.metadata.name}.a == 'x'",
            "object.spec.containers.all(i, c, i < 5 && c.name != '')");

    private record Site(int opcode, String owner, String name, String descriptor) {
    }

    @Test
    void everyCallTheGeneratorEmitsGoesThroughTheTableAndResolves() throws Exception {
        Set<GeneratedCalls> used = EnumSet.noneOf(GeneratedCalls.class);
        List<String> stray = new ArrayList<>();
        for (String source : EXPRESSIONS) {
            CompiledProgram p = (CompiledProgram) Compiler.compile(source, Declarations.of("object"), true);
            for (Site site : sites(BytecodeCompiler.classFile(p.root()))) {
                GeneratedCalls entry = entry(site);
                if (entry != null) {
                    used.add(entry);
                } else if (!site.owner().equals(BytecodeCompiler.generatedClassName())
                        && !(site.owner().equals(Type.getInternalName(Node.class)) && site.name().equals("<init>"))
                        && !isClassData(site)) {
                    stray.add(source + ": " + site);
                }
            }
        }
        assertEquals(List.of(), stray, "calls outside the GeneratedCalls table");
        assertEquals(EnumSet.allOf(GeneratedCalls.class), used, "entries no expression here uses");
    }

    @Test
    void everyEntryResolvesToItsTarget() throws Exception {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (GeneratedCalls c : GeneratedCalls.values()) {
            switch (c.kind) {
                case STATIC -> lookup.findStatic(c.owner, c.name, c.type);
                case VIRTUAL, INTERFACE -> lookup.findVirtual(c.owner, c.name, c.type);
                case GET_FIELD -> lookup.findGetter(c.owner, c.name, c.type.returnType());
                case GET_STATIC -> lookup.findStaticGetter(c.owner, c.name, c.type.returnType());
            }
            assertTrue(c.witness != null, c.toString());
            assertEquals(c.kind == GeneratedCalls.Kind.INTERFACE, c.owner.isInterface(), c.toString());
        }
    }

    private static boolean isClassData(Site site) throws ReflectiveOperationException {
        if (!site.owner().equals("java/lang/invoke/MethodHandles") || !site.name().equals("classDataAt")) {
            return false;
        }
        MethodHandles.lookup().findStatic(MethodHandles.class, "classDataAt", MethodType.fromMethodDescriptorString(
                site.descriptor(), GeneratedCallsTest.class.getClassLoader()));
        return true;
    }

    private static GeneratedCalls entry(Site site) {
        for (GeneratedCalls c : GeneratedCalls.values()) {
            int opcode = switch (c.kind) {
                case STATIC -> Opcodes.INVOKESTATIC;
                case VIRTUAL -> Opcodes.INVOKEVIRTUAL;
                case INTERFACE -> Opcodes.INVOKEINTERFACE;
                case GET_FIELD -> Opcodes.GETFIELD;
                case GET_STATIC -> Opcodes.GETSTATIC;
            };
            if (opcode == site.opcode() && c.ownerName().equals(site.owner()) && c.name.equals(site.name())
                    && c.descriptor().equals(site.descriptor())) {
                return c;
            }
        }
        return null;
    }

    private static List<Site> sites(byte[] classFile) {
        List<Site> out = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
                        out.add(new Site(opcode, owner, n, d));
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String n, String d) {
                        out.add(new Site(opcode, owner, n, d));
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof ConstantDynamic c) {
                            Handle h = c.getBootstrapMethod();
                            out.add(new Site(Opcodes.INVOKESTATIC, h.getOwner(), h.getName(), h.getDesc()));
                        }
                    }
                };
            }
        }, 0);
        return out;
    }
}
