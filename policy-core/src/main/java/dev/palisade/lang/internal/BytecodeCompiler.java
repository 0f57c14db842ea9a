package dev.palisade.lang.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.palisade.lang.internal.Ast.MacroKind;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Turns a planned node tree into JVM bytecode: one hidden class per program, with one static method
 * per node that calls its children's methods directly. The JIT compiler then sees monomorphic calls
 * it can inline across the whole expression, instead of the interpreter's shared virtual
 * {@code Node.eval} call sites.
 *
 * <p>Each node's method writes out the common case of the interpreter's node code (a field read
 * from a JSON object, a bool operand, a string comparison) in the same order of evaluation and cost
 * charges, and calls the node's own methods for everything else (other value types, errors), so
 * values, errors, positions and costs are the interpreter's; {@code OptimisedEvaluationAgreesTest}
 * checks that. Node kinds without a code shape here (map literals, map ranges, the rarer macros)
 * run through the interpreter from their method. The class is defined with the nodes as class data
 * and can be unloaded with its program.
 */
final class BytecodeCompiler {
    private static final String NODE = Type.getInternalName(Node.class);
    private static final String FRAME_DESC = Type.getDescriptor(Frame.class);
    private static final String EVAL_DESC = "(" + FRAME_DESC + ")Ljava/lang/Object;";
    private static final String CEL_ERROR = Type.getInternalName(CelError.class);
    private static final String CEL_ERROR_DESC = Type.getDescriptor(CelError.class);
    private static final String RT = Type.getInternalName(Rt.class);
    private static final String FRAME = Type.getInternalName(Frame.class);
    private static final String BOOLEAN = "java/lang/Boolean";
    private static final String STRING = "java/lang/String";
    private static final String OBJECT_NODE = "com/fasterxml/jackson/databind/node/ObjectNode";
    private static final String JSON_NODE_DESC = "Lcom/fasterxml/jackson/databind/JsonNode;";
    private static final String LIST = "java/util/List";
    private static final String OBJECT = "java/lang/Object";
    private static final String CLASS_NAME = Type.getInternalName(BytecodeCompiler.class).replace("BytecodeCompiler", "GeneratedProgram");
    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);

    private final ClassWriter writer = new FramesWithoutLoading();
    private final List<Object> constants = new ArrayList<>();
    private final java.util.Set<ConstantDynamic> loadedConstants = new java.util.LinkedHashSet<>();
    private final Map<Object, Integer> constantIndex = new IdentityHashMap<>();
    private final Map<Node, String> methods = new IdentityHashMap<>();

    private BytecodeCompiler() {
    }

    /**
     * The node tree as a generated node that evaluates it, or null when the tree cannot be
     * generated (then the interpreter runs it).
     */
    static Node generate(Node root) {
        try {
            return new BytecodeCompiler().define(root);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError error && !(e instanceof StackOverflowError)) {
                throw error;
            }
            if (Boolean.getBoolean("palisade.lang.requireBytecode")) {
                throw new IllegalStateException("bytecode generation failed: " + e, e);
            }
            return null;
        }
    }

    private Node define(Node root) throws Throwable {
        byte[] bytes = write(root);
        MethodHandles.Lookup lookup = MethodHandles.lookup()
                .defineHiddenClassWithClassData(bytes, List.copyOf(constants), true);
        return (Node) lookup.findConstructor(lookup.lookupClass(), java.lang.invoke.MethodType.methodType(void.class))
                .invoke();
    }

    /** The class file generated for a node tree (for tests that inspect what generated code calls). */
    static byte[] classFile(Node root) {
        return new BytecodeCompiler().write(root);
    }

    /** The internal name of generated classes (their calls to each other's methods). */
    static String generatedClassName() {
        return CLASS_NAME;
    }

    private byte[] write(Node root) {
        writer.visit(V17, ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC, CLASS_NAME, null, NODE, null);
        String rootMethod = method(root);
        MethodVisitor init = writer.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        push(init, root.offset);
        init.visitMethodInsn(INVOKESPECIAL, NODE, "<init>", "(I)V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor eval = writer.visitMethod(0, "eval", EVAL_DESC, null, null);
        eval.visitCode();
        eval.visitVarInsn(ALOAD, 1);
        eval.visitMethodInsn(INVOKESTATIC, CLASS_NAME, rootMethod, EVAL_DESC, false);
        eval.visitInsn(ARETURN);
        eval.visitMaxs(0, 0);
        eval.visitEnd();
        resolveConstantsAtInitialisation();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /**
     * Loads every class-data constant once in the class initialiser: the JIT compilers do not
     * compile a method that holds a dynamic constant not yet resolved (as those of branches that
     * have not run yet would be).
     */
    private void resolveConstantsAtInitialisation() {
        MethodVisitor clinit = writer.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        for (ConstantDynamic constant : loadedConstants) {
            clinit.visitLdcInsn(constant);
            clinit.visitInsn(POP);
        }
        clinit.visitInsn(RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
    }

    /** The name of the static method evaluating {@code node}, generating it (and its children's) once. */
    private String method(Node node) {
        String name = methods.get(node);
        if (name != null) {
            return name;
        }
        name = "n" + methods.size();
        methods.put(node, name);
        MethodVisitor mv = writer.visitMethod(ACC_PRIVATE | ACC_STATIC, name, EVAL_DESC, null, null);
        mv.visitCode();
        body(mv, node);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        return name;
    }

    private void body(MethodVisitor mv, Node node) {
        if (node instanceof Nodes.Const c) {
            if (c.cost != 0) {
                charge(mv, c.cost);
            }
            constant(mv, c.value, OBJECT);
            mv.visitInsn(ARETURN);
        } else if (node instanceof Nodes.Memo m) {
            memo(mv, m);
        } else if (node instanceof Nodes.Local l) {
            slot(mv, l.slot);
            mv.visitInsn(ARETURN);
        } else if (node instanceof Nodes.Select s) {
            select(mv, s);
        } else if (node instanceof Nodes.OptSelect s) {
            optionalSelect(mv, s);
        } else if (node instanceof Nodes.Not n) {
            not(mv, n);
        } else if (node instanceof Nodes.Has h) {
            has(mv, h);
        } else if (node instanceof Nodes.Index i) {
            index(mv, i);
        } else if (node instanceof BinaryNode b) {
            operator(mv, b);
        } else if (node instanceof Nodes.Call c) {
            call(mv, c);
        } else if (node instanceof Nodes.Cond c) {
            cond(mv, c);
        } else if (node instanceof Nodes.ListLit l) {
            listLiteral(mv, l);
        } else if (node instanceof Nodes.Logic l) {
            logic(mv, l);
        } else if (node instanceof Nodes.Comprehension c && hasLoopShape(c.kind)) {
            comprehension(mv, c);
        } else {
            interpret(mv, node);
        }
    }

    /** {@code node.eval(f)}: leaves (variables, locals) and the shapes not generated here. */
    private void interpret(MethodVisitor mv, Node node) {
        String owner = Type.getInternalName(node.getClass());
        constant(mv, node, owner);
        mv.visitVarInsn(ALOAD, 0);
        GeneratedCalls.NODE_EVAL.emit(mv);
        mv.visitInsn(ARETURN);
    }

    // The hottest nodes (locals, memos, field selection, has(), !) have their common case written
    // out in each node's own method, so that no shared helper with a mixed profile sits in between;
    // the uncommon cases call the node's own methods.

    /** Mirrors {@link Nodes.Memo#eval}. */
    private void memo(MethodVisitor mv, Nodes.Memo m) {
        Label missing = new Label();
        slot(mv, m.slot);
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNULL, missing);
        charge(mv, m.cost);
        mv.visitInsn(ARETURN);
        mv.visitLabel(missing);
        mv.visitInsn(POP);
        evalChild(mv, m.inner);
        mv.visitVarInsn(ASTORE, 1);
        slots(mv);
        push(mv, m.slot);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitInsn(AASTORE);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitInsn(ARETURN);
    }

    /** Mirrors {@link Nodes.Select#select}: local 1 = operand, 2 = field node. */
    private void select(MethodVisitor mv, Nodes.Select s) {
        String owner = Type.getInternalName(Nodes.Select.class);
        Label other = new Label();
        evalChild(mv, s.operand);
        mv.visitVarInsn(ASTORE, 1);
        charge(mv, 1);
        unlessInstance(mv, 1, OBJECT_NODE, other);
        getField(mv, s.field);
        mv.visitJumpInsn(IFNULL, other);
        mv.visitVarInsn(ALOAD, 2);
        json(mv);
        mv.visitInsn(ARETURN);
        mv.visitLabel(other);
        constant(mv, s, owner);
        mv.visitVarInsn(ALOAD, 1);
        GeneratedCalls.SELECT_OTHER.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /** Mirrors {@link Nodes.OptSelect#select}: local 1 = operand, 2 = field node. */
    private void optionalSelect(MethodVisitor mv, Nodes.OptSelect s) {
        String optional = "java/util/Optional";
        Label plain = new Label();
        Label present = new Label();
        Label other = new Label();
        Label absent = new Label();
        evalChild(mv, s.operand);
        mv.visitVarInsn(ASTORE, 1);
        charge(mv, 1);
        unlessInstance(mv, 1, optional, plain);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitTypeInsn(CHECKCAST, optional);
        GeneratedCalls.OPTIONAL_IS_EMPTY.emit(mv);
        mv.visitJumpInsn(IFEQ, present);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitInsn(ARETURN);
        mv.visitLabel(present);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitTypeInsn(CHECKCAST, optional);
        GeneratedCalls.OPTIONAL_GET.emit(mv);
        GeneratedCalls.RT_NORM.emit(mv);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitLabel(plain);
        unlessInstance(mv, 1, OBJECT_NODE, other);
        getField(mv, s.field);
        mv.visitJumpInsn(IFNULL, absent);
        mv.visitVarInsn(ALOAD, 2);
        json(mv);
        GeneratedCalls.OPTIONAL_OF.emit(mv);
        mv.visitInsn(ARETURN);
        mv.visitLabel(absent);
        GeneratedCalls.OPTIONAL_EMPTY.emit(mv);
        mv.visitInsn(ARETURN);
        mv.visitLabel(other);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitLdcInsn(s.field);
        push(mv, s.offset);
        GeneratedCalls.OPT_SELECT.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /** Mirrors {@link Nodes.Has#test}: local 1 = operand, 2 = field node. */
    private void has(MethodVisitor mv, Nodes.Has h) {
        String owner = Type.getInternalName(Nodes.Has.class);
        Label other = new Label();
        Label lookUp = new Label();
        Label found = new Label();
        evalChild(mv, h.operand);
        mv.visitVarInsn(ASTORE, 1);
        unlessInstance(mv, 1, OBJECT_NODE, other);
        if (h.memo >= 0) {
            slot(mv, h.memo);
            mv.visitJumpInsn(IFNULL, lookUp);
            bool(mv, true);
            mv.visitInsn(ARETURN);
        }
        mv.visitLabel(lookUp);
        getField(mv, h.field);
        mv.visitJumpInsn(IFNONNULL, found);
        if (h.unescaped != null) {
            getField(mv, h.unescaped);
            mv.visitJumpInsn(IFNONNULL, found);
        }
        bool(mv, false);
        mv.visitInsn(ARETURN);
        mv.visitLabel(found);
        if (h.memo >= 0) {
            storeJson(mv, h.memo, 2);
        }
        bool(mv, true);
        mv.visitInsn(ARETURN);
        mv.visitLabel(other);
        constant(mv, h, owner);
        mv.visitVarInsn(ALOAD, 1);
        GeneratedCalls.HAS_TEST_OTHER.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /** Mirrors {@link Nodes.Not#not}: local 1 = operand. */
    private void not(MethodVisitor mv, Nodes.Not n) {
        Label notBoolean = new Label();
        Label wasTrue = new Label();
        evalChild(mv, n.operand);
        mv.visitVarInsn(ASTORE, 1);
        charge(mv, 1);
        unlessInstance(mv, 1, BOOLEAN, notBoolean);
        unboxBoolean(mv, 1);
        mv.visitJumpInsn(IFNE, wasTrue);
        bool(mv, true);
        mv.visitInsn(ARETURN);
        mv.visitLabel(wasTrue);
        bool(mv, false);
        mv.visitInsn(ARETURN);
        mv.visitLabel(notBoolean);
        String owner = Type.getInternalName(Nodes.Not.class);
        constant(mv, n, owner);
        mv.visitVarInsn(ALOAD, 1);
        GeneratedCalls.NOT_NOT_BOOLEAN.emit(mv);
        mv.visitInsn(ATHROW);
    }

    /** {@code ((ObjectNode) local1).get(field)}, kept in local 2 and left on the stack. */
    private static void getField(MethodVisitor mv, String field) {
        mv.visitVarInsn(ALOAD, 1);
        mv.visitTypeInsn(CHECKCAST, OBJECT_NODE);
        mv.visitLdcInsn(field);
        objectNodeGet(mv, 2);
    }

    /** {@code ((ObjectNode) object).get((String) key)}, kept in local {@code found} and left on the stack. */
    private static void lookUp(MethodVisitor mv, int object, int key, int found) {
        mv.visitVarInsn(ALOAD, object);
        mv.visitTypeInsn(CHECKCAST, OBJECT_NODE);
        mv.visitVarInsn(ALOAD, key);
        mv.visitTypeInsn(CHECKCAST, STRING);
        objectNodeGet(mv, found);
    }

    private static void objectNodeGet(MethodVisitor mv, int found) {
        GeneratedCalls.OBJECT_NODE_GET.emit(mv);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ASTORE, found);
    }

    /** {@code f.slots} on the stack. */
    private static void slots(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        GeneratedCalls.FRAME_SLOTS.emit(mv);
    }

    /** {@code Rt.json(node)} of the JSON node on the stack. */
    private static void json(MethodVisitor mv) {
        GeneratedCalls.RT_JSON.emit(mv);
    }

    /** Jumps to {@code label} when the local is an instance of {@code type}. */
    private static void ifInstance(MethodVisitor mv, int local, String type, Label label) {
        mv.visitVarInsn(ALOAD, local);
        mv.visitTypeInsn(INSTANCEOF, type);
        mv.visitJumpInsn(IFNE, label);
    }

    /** Jumps to {@code label} unless the local is an instance of {@code type}. */
    private static void unlessInstance(MethodVisitor mv, int local, String type, Label label) {
        mv.visitVarInsn(ALOAD, local);
        mv.visitTypeInsn(INSTANCEOF, type);
        mv.visitJumpInsn(IFEQ, label);
    }

    /** Evaluates two operands into locals 1 and 2, then charges one unit for the operator, as the nodes do. */
    private void operands(MethodVisitor mv, Node left, Node right) {
        operandsOnly(mv, left, right);
        charge(mv, 1);
    }

    /** Evaluates two operands into locals 1 and 2. */
    private void operandsOnly(MethodVisitor mv, Node left, Node right) {
        evalChild(mv, left);
        evalChild(mv, right);
        mv.visitVarInsn(ASTORE, 2);
        mv.visitVarInsn(ASTORE, 1);
    }

    /** Charges {@code BinaryNode.<costMethod>(local1, local2)}. */
    private static void chargeOperands(MethodVisitor mv, GeneratedCalls costMethod) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        costMethod.emit(mv);
        GeneratedCalls.FRAME_COST.emit(mv);
    }

    private static void slot(MethodVisitor mv, int slot) {
        slots(mv);
        push(mv, slot);
        mv.visitInsn(AALOAD);
    }

    private static void charge(MethodVisitor mv, long cost) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitLdcInsn(cost);
        GeneratedCalls.FRAME_COST.emit(mv);
    }

    private static void bool(MethodVisitor mv, boolean value) {
        (value ? GeneratedCalls.BOOLEAN_TRUE : GeneratedCalls.BOOLEAN_FALSE).emit(mv);
    }

    private void binary(MethodVisitor mv, Node node, Node left, Node right, GeneratedCalls op) {
        String owner = Type.getInternalName(node.getClass());
        constant(mv, node, owner);
        mv.visitVarInsn(ALOAD, 0);
        evalChild(mv, left);
        evalChild(mv, right);
        op.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /**
     * Mirrors {@link Nodes.Call#call}, with the function as a constant so that each call site sees
     * one implementation: local 1 = arguments, 2 = caught exception.
     */
    private void call(MethodVisitor mv, Nodes.Call c) {
        String owner = Type.getInternalName(Nodes.Call.class);
        String fn = Type.getInternalName(Fn.class);
        Label start = new Label();
        Label stop = new Label();
        Label failed = new Label();
        Label arithmetic = new Label();
        push(mv, c.args.length);
        mv.visitTypeInsn(ANEWARRAY, OBJECT);
        for (int i = 0; i < c.args.length; i++) {
            mv.visitInsn(DUP);
            push(mv, i);
            evalChild(mv, c.args[i]);
            mv.visitInsn(AASTORE);
        }
        mv.visitVarInsn(ASTORE, 1);
        mv.visitTryCatchBlock(start, stop, failed, CEL_ERROR);
        mv.visitTryCatchBlock(start, stop, arithmetic, "java/lang/ArithmeticException");
        mv.visitLabel(start);
        Fn target = c.fn;
        if (target instanceof FunctionTable.Overload overload) {
            // the declared cost and the implementation as constants of this call site, so that each
            // is one monomorphic call the JIT inlines (through Overload.apply they would share one)
            mv.visitVarInsn(ALOAD, 0);
            constant(mv, overload.cost, Type.getInternalName(Cost.class));
            mv.visitVarInsn(ALOAD, 1);
            GeneratedCalls.COST_RUNTIME.emit(mv);
            GeneratedCalls.FRAME_COST.emit(mv);
            target = overload.impl;
        }
        constant(mv, target, fn);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        GeneratedCalls.FN_APPLY.emit(mv);
        mv.visitLabel(stop);
        mv.visitInsn(ARETURN);
        mv.visitLabel(failed);
        mv.visitVarInsn(ASTORE, 2);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitTypeInsn(CHECKCAST, CEL_ERROR);
        push(mv, c.offset);
        GeneratedCalls.CEL_ERROR_AT.emit(mv);
        mv.visitInsn(ATHROW);
        mv.visitLabel(arithmetic);
        mv.visitVarInsn(ASTORE, 2);
        constant(mv, c, owner);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitTypeInsn(CHECKCAST, "java/lang/ArithmeticException");
        GeneratedCalls.CALL_ARITHMETIC.emit(mv);
        mv.visitInsn(ATHROW);
    }

    /** Mirrors {@link Nodes.Cond#eval}: local 1 = condition. */
    private void cond(MethodVisitor mv, Nodes.Cond c) {
        String owner = Type.getInternalName(Nodes.Cond.class);
        Label otherwise = new Label();
        Label isBoolean = new Label();
        evalChild(mv, c.cond);
        mv.visitVarInsn(ASTORE, 1);
        charge(mv, 1);
        ifInstance(mv, 1, BOOLEAN, isBoolean);
        constant(mv, c, owner);
        mv.visitVarInsn(ALOAD, 1);
        GeneratedCalls.COND_NOT_BOOLEAN.emit(mv);
        mv.visitInsn(ATHROW);
        mv.visitLabel(isBoolean);
        unboxBoolean(mv, 1);
        mv.visitJumpInsn(IFEQ, otherwise);
        evalChild(mv, c.then);
        mv.visitInsn(ARETURN);
        mv.visitLabel(otherwise);
        evalChild(mv, c.otherwise);
        mv.visitInsn(ARETURN);
    }

    private void listLiteral(MethodVisitor mv, Nodes.ListLit l) {
        String owner = Type.getInternalName(Nodes.ListLit.class);
        constant(mv, l, owner);
        mv.visitVarInsn(ALOAD, 0);
        GeneratedCalls.LIST_START.emit(mv);
        mv.visitVarInsn(ASTORE, 1);
        for (int i = 0; i < l.elements.length; i++) {
            constant(mv, l, owner);
            mv.visitVarInsn(ALOAD, 1);
            push(mv, i);
            evalChild(mv, l.elements[i]);
            GeneratedCalls.LIST_LITERAL_ADD.emit(mv);
        }
        constant(mv, l, owner);
        mv.visitVarInsn(ALOAD, 1);
        GeneratedCalls.LIST_FINISH.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /**
     * Mirrors {@link Nodes.Logic#eval}, with the boolean cases written out: locals 1 = state, 2 =
     * right value, 3 = caught error, 4 = left value.
     */
    private void logic(MethodVisitor mv, Nodes.Logic l) {
        String owner = Type.getInternalName(Nodes.Logic.class);
        boolean decisive = l instanceof Nodes.Or;
        Label leftStart = new Label();
        Label leftEnd = new Label();
        Label leftFailed = new Label();
        Label leftNotBoolean = new Label();
        Label goOn = new Label();
        Label right = new Label();
        Label rightStart = new Label();
        Label rightEnd = new Label();
        Label rightFailed = new Label();
        Label rightSlow = new Label();
        mv.visitTryCatchBlock(leftStart, leftEnd, leftFailed, CEL_ERROR);
        mv.visitTryCatchBlock(rightStart, rightEnd, rightFailed, CEL_ERROR);
        mv.visitLabel(leftStart);
        evalChild(mv, l.left);
        mv.visitVarInsn(ASTORE, 4);
        mv.visitLabel(leftEnd);
        unlessInstance(mv, 4, BOOLEAN, leftNotBoolean);
        unboxBoolean(mv, 4);
        mv.visitJumpInsn(decisive ? IFEQ : IFNE, goOn);
        bool(mv, decisive);
        mv.visitInsn(ARETURN);
        mv.visitLabel(goOn);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitJumpInsn(GOTO, right);
        mv.visitLabel(leftNotBoolean);
        constant(mv, l, owner);
        mv.visitVarInsn(ALOAD, 4);
        GeneratedCalls.LOGIC_AFTER_LEFT.emit(mv);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitJumpInsn(GOTO, right);
        mv.visitLabel(leftFailed);
        mv.visitVarInsn(ASTORE, 3);
        constant(mv, l, owner);
        mv.visitVarInsn(ALOAD, 3);
        GeneratedCalls.LOGIC_LEFT_FAILED.emit(mv);
        mv.visitVarInsn(ASTORE, 1);
        mv.visitLabel(right);
        mv.visitLabel(rightStart);
        evalChild(mv, l.right);
        mv.visitVarInsn(ASTORE, 2);
        mv.visitLabel(rightEnd);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitJumpInsn(IFNONNULL, rightSlow);
        unlessInstance(mv, 2, BOOLEAN, rightSlow);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitInsn(ARETURN);
        mv.visitLabel(rightSlow);
        constant(mv, l, owner);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        GeneratedCalls.LOGIC_AFTER_RIGHT.emit(mv);
        mv.visitInsn(ARETURN);
        mv.visitLabel(rightFailed);
        mv.visitVarInsn(ASTORE, 3);
        constant(mv, l, owner);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 3);
        GeneratedCalls.LOGIC_RIGHT_FAILED.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /** Mirrors {@link BinaryNode#apply}, with equality, {@code in} and the string predicates written out. */
    private void operator(MethodVisitor mv, BinaryNode b) {
        String owner = Type.getInternalName(BinaryNode.class);
        switch (b.op()) {
            case EQ, NE -> {
                operandsOnly(mv, b.left(), b.right());
                chargeOperands(mv, GeneratedCalls.BINARY_COMPARISON_COST);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitVarInsn(ALOAD, 2);
                GeneratedCalls.RT_EQ.emit(mv);
                returnBoolean(mv, b.op() == BinaryNode.Op.EQ);
            }
            case IN -> in(mv, b, owner);
            case STARTS_WITH, ENDS_WITH, CONTAINS -> {
                Label overload = new Label();
                operandsOnly(mv, b.left(), b.right());
                chargeOperands(mv, b.op() == BinaryNode.Op.CONTAINS ? GeneratedCalls.BINARY_CONTAINS_COST
                        : GeneratedCalls.BINARY_AFFIX_COST);
                unlessInstance(mv, 1, STRING, overload);
                unlessInstance(mv, 2, STRING, overload);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitTypeInsn(CHECKCAST, STRING);
                mv.visitVarInsn(ALOAD, 2);
                mv.visitTypeInsn(CHECKCAST, STRING);
                (b.op() == BinaryNode.Op.CONTAINS ? GeneratedCalls.STRING_CONTAINS
                        : b.op() == BinaryNode.Op.STARTS_WITH ? GeneratedCalls.STRING_STARTS_WITH
                        : GeneratedCalls.STRING_ENDS_WITH).emit(mv);
                returnBoolean(mv, true);
                mv.visitLabel(overload);
                constant(mv, b, owner);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitVarInsn(ALOAD, 2);
                GeneratedCalls.BINARY_NO_SUCH_OVERLOAD.emit(mv);
                mv.visitInsn(ATHROW);
            }
            default -> binary(mv, b, b.left(), b.right(), b.call());
        }
    }

    /** Mirrors {@link BinaryNode#in}: locals 1 = element, 2 = container, 3 = found node. */
    private void in(MethodVisitor mv, BinaryNode b, String owner) {
        Label other = new Label();
        Label lookUp = new Label();
        Label absent = new Label();
        operands(mv, b.left(), b.right());
        unlessInstance(mv, 2, OBJECT_NODE, other);
        unlessInstance(mv, 1, STRING, other);
        if (b.memo() >= 0) {
            slot(mv, b.memo());
            mv.visitJumpInsn(IFNULL, lookUp);
            bool(mv, true);
            mv.visitInsn(ARETURN);
        }
        mv.visitLabel(lookUp);
        lookUp(mv, 2, 1, 3);
        mv.visitJumpInsn(IFNULL, absent);
        if (b.memo() >= 0) {
            storeJson(mv, b.memo(), 3);
        }
        bool(mv, true);
        mv.visitInsn(ARETURN);
        mv.visitLabel(absent);
        bool(mv, false);
        mv.visitInsn(ARETURN);
        mv.visitLabel(other);
        constant(mv, b, owner);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        GeneratedCalls.BINARY_IN_OTHER.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /** Mirrors {@link Nodes.Index#index}: locals 1 = operand, 2 = index, 3 = found node. */
    private void index(MethodVisitor mv, Nodes.Index i) {
        String owner = Type.getInternalName(Nodes.Index.class);
        Label other = new Label();
        operands(mv, i.operand, i.index);
        if (!i.optional) {
            unlessInstance(mv, 1, OBJECT_NODE, other);
            unlessInstance(mv, 2, STRING, other);
            lookUp(mv, 1, 2, 3);
            mv.visitJumpInsn(IFNULL, other);
            mv.visitVarInsn(ALOAD, 3);
            json(mv);
            mv.visitInsn(ARETURN);
        }
        mv.visitLabel(other);
        constant(mv, i, owner);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        GeneratedCalls.INDEX_ANY.emit(mv);
        mv.visitInsn(ARETURN);
    }

    /** {@code f.slots[slot] = Rt.json(local)}. */
    private static void storeJson(MethodVisitor mv, int slot, int local) {
        slots(mv);
        push(mv, slot);
        mv.visitVarInsn(ALOAD, local);
        json(mv);
        mv.visitInsn(AASTORE);
    }

    /** Returns the int on the stack as a Boolean, negated unless {@code same}. */
    private static void returnBoolean(MethodVisitor mv, boolean same) {
        Label zero = new Label();
        mv.visitJumpInsn(IFEQ, zero);
        bool(mv, same);
        mv.visitInsn(ARETURN);
        mv.visitLabel(zero);
        bool(mv, !same);
        mv.visitInsn(ARETURN);
    }

    private static void unboxBoolean(MethodVisitor mv, int local) {
        mv.visitVarInsn(ALOAD, local);
        mv.visitTypeInsn(CHECKCAST, BOOLEAN);
        GeneratedCalls.BOOLEAN_VALUE.emit(mv);
    }

    private static boolean hasLoopShape(MacroKind kind) {
        return switch (kind) {
            case ALL, EXISTS, EXISTS_ONE, FILTER, MAP, TRANSFORM_LIST -> true;
            default -> false;
        };
    }

    // Locals of a generated loop.
    private static final int RANGE = 1;
    private static final int SIZE = 2;
    private static final int INDEX = 3;
    private static final int ACCUMULATOR = 4;
    private static final int VALUE = 5;
    private static final int ELEMENT = 6;
    private static final int CAUGHT = 7;

    /**
     * Mirrors {@link Nodes.Comprehension#evalRange} for list ranges; map ranges go to the
     * interpreter's evalRange.
     */
    private void comprehension(MethodVisitor mv, Nodes.Comprehension c) {
        String owner = Type.getInternalName(Nodes.Comprehension.class);
        Label isList = new Label();
        Label loop = new Label();
        Label next = new Label();
        Label end = new Label();
        evalChild(mv, c.range);
        mv.visitVarInsn(ASTORE, RANGE);
        mv.visitVarInsn(ALOAD, RANGE);
        GeneratedCalls.RT_IS_LIST.emit(mv);
        mv.visitJumpInsn(IFNE, isList);
        constant(mv, c, owner);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, RANGE);
        GeneratedCalls.COMPREHENSION_EVAL_RANGE.emit(mv);
        mv.visitInsn(ARETURN);
        mv.visitLabel(isList);
        mv.visitVarInsn(ALOAD, RANGE);
        GeneratedCalls.RT_SIZE.emit(mv);
        mv.visitVarInsn(ISTORE, SIZE);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, INDEX);
        switch (c.kind) {
            case ALL, EXISTS -> mv.visitInsn(ACONST_NULL);
            case EXISTS_ONE -> mv.visitInsn(ICONST_0);
            default -> {
                constant(mv, c, owner);
                GeneratedCalls.COMPREHENSION_NEW_LIST.emit(mv);
            }
        }
        mv.visitVarInsn(c.kind == MacroKind.EXISTS_ONE ? ISTORE : ASTORE, ACCUMULATOR);
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, INDEX);
        mv.visitVarInsn(ILOAD, SIZE);
        mv.visitJumpInsn(IF_ICMPGE, end);
        bind(mv, c);
        switch (c.kind) {
            case ALL, EXISTS -> decidingStep(mv, c, owner, next);
            case EXISTS_ONE -> {
                evalAt(mv, c, owner, c.body, GeneratedCalls.COMPREHENSION_BODY_FAILED);
                truth(mv, c, owner);
                mv.visitJumpInsn(IFEQ, next);
                mv.visitIincInsn(ACCUMULATOR, 1);
            }
            case FILTER -> {
                evalAt(mv, c, owner, c.body, GeneratedCalls.COMPREHENSION_BODY_FAILED);
                verdict(mv, c, owner, GeneratedCalls.COMPREHENSION_FILTER_VERDICT);
                mv.visitJumpInsn(IFEQ, next);
                mv.visitVarInsn(ALOAD, ACCUMULATOR);
                mv.visitVarInsn(ALOAD, ELEMENT);
                GeneratedCalls.LIST_ADD.emit(mv);
                mv.visitInsn(POP);
            }
            default -> {
                if (c.filter != null) {
                    evalAt(mv, c, owner, c.filter, GeneratedCalls.COMPREHENSION_FILTER_FAILED);
                    verdict(mv, c, owner, GeneratedCalls.COMPREHENSION_MAP_FILTER);
                    mv.visitJumpInsn(IFEQ, next);
                }
                evalAt(mv, c, owner, c.body, GeneratedCalls.COMPREHENSION_BODY_FAILED);
                mv.visitVarInsn(ALOAD, ACCUMULATOR);
                mv.visitVarInsn(ALOAD, VALUE);
                GeneratedCalls.LIST_ADD.emit(mv);
                mv.visitInsn(POP);
            }
        }
        mv.visitLabel(next);
        mv.visitIincInsn(INDEX, 1);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(end);
        constant(mv, c, owner);
        switch (c.kind) {
            case ALL, EXISTS -> {
                mv.visitVarInsn(ALOAD, ACCUMULATOR);
                mv.visitTypeInsn(CHECKCAST, CEL_ERROR);
                GeneratedCalls.COMPREHENSION_UNDECIDED.emit(mv);
            }
            case EXISTS_ONE -> {
                mv.visitVarInsn(ILOAD, ACCUMULATOR);
                GeneratedCalls.COMPREHENSION_EXACTLY_ONE.emit(mv);
            }
            default -> {
                mv.visitVarInsn(ALOAD, ACCUMULATOR);
                GeneratedCalls.COMPREHENSION_FINISH_LIST.emit(mv);
            }
        }
        mv.visitInsn(ARETURN);
    }

    /**
     * One iteration's start, as in {@link Nodes.Comprehension#evalRange}: charges it, binds the loop
     * variables to element INDEX (kept in ELEMENT) and forgets the memos of paths on them.
     */
    private static void bind(MethodVisitor mv, Nodes.Comprehension c) {
        charge(mv, 1);
        mv.visitVarInsn(ALOAD, RANGE);
        mv.visitVarInsn(ILOAD, INDEX);
        GeneratedCalls.RT_ELEM.emit(mv);
        mv.visitVarInsn(ASTORE, ELEMENT);
        slots(mv);
        push(mv, c.slot1);
        if (c.slot2 < 0) {
            mv.visitVarInsn(ALOAD, ELEMENT);
        } else {
            mv.visitVarInsn(ILOAD, INDEX);
            mv.visitInsn(I2L);
            GeneratedCalls.LONG_VALUE_OF.emit(mv);
        }
        mv.visitInsn(AASTORE);
        if (c.slot2 >= 0) {
            slots(mv);
            push(mv, c.slot2);
            mv.visitVarInsn(ALOAD, ELEMENT);
            mv.visitInsn(AASTORE);
        }
        for (int memo : c.memos) {
            slots(mv);
            push(mv, memo);
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(AASTORE);
        }
    }

    /** The body's verdict in local VALUE as an int on the stack ({@link Nodes.Comprehension#truth}). */
    private void truth(MethodVisitor mv, Nodes.Comprehension c, String owner) {
        verdict(mv, c, owner, GeneratedCalls.COMPREHENSION_TRUTH);
    }

    /** Local VALUE unboxed when it is a bool, else through the node's {@code check} (which raises the error). */
    private void verdict(MethodVisitor mv, Nodes.Comprehension c, String owner, GeneratedCalls check) {
        Label notBoolean = new Label();
        Label done = new Label();
        unlessInstance(mv, VALUE, BOOLEAN, notBoolean);
        unboxBoolean(mv, VALUE);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(notBoolean);
        constant(mv, c, owner);
        mv.visitVarInsn(ALOAD, VALUE);
        check.emit(mv);
        mv.visitLabel(done);
    }

    /** One all/exists step: return on a deciding element, keep the first error, go on otherwise. */
    private void decidingStep(MethodVisitor mv, Nodes.Comprehension c, String owner, Label next) {
        Label start = new Label();
        Label stop = new Label();
        Label failed = new Label();
        mv.visitTryCatchBlock(start, stop, failed, CEL_ERROR);
        mv.visitLabel(start);
        evalChild(mv, c.body);
        mv.visitVarInsn(ASTORE, VALUE);
        truth(mv, c, owner);
        mv.visitLabel(stop);
        boolean all = c.kind == MacroKind.ALL;
        mv.visitJumpInsn(all ? IFNE : IFEQ, next);
        (all ? GeneratedCalls.BOOLEAN_FALSE : GeneratedCalls.BOOLEAN_TRUE).emit(mv);
        mv.visitInsn(ARETURN);
        mv.visitLabel(failed);
        mv.visitVarInsn(ASTORE, CAUGHT);
        constant(mv, c, owner);
        mv.visitVarInsn(ALOAD, ACCUMULATOR);
        mv.visitTypeInsn(CHECKCAST, CEL_ERROR);
        mv.visitVarInsn(ALOAD, CAUGHT);
        GeneratedCalls.COMPREHENSION_FIRST_ERROR.emit(mv);
        mv.visitVarInsn(ASTORE, ACCUMULATOR);
        mv.visitJumpInsn(GOTO, next);
    }

    /** {@code child.evalAt(f)} into local VALUE, positioning its errors through {@code onError}. */
    private void evalAt(MethodVisitor mv, Node owned, String owner, Node child, GeneratedCalls onError) {
        Label start = new Label();
        Label stop = new Label();
        Label failed = new Label();
        Label done = new Label();
        mv.visitTryCatchBlock(start, stop, failed, CEL_ERROR);
        mv.visitLabel(start);
        evalChild(mv, child);
        mv.visitVarInsn(ASTORE, VALUE);
        mv.visitLabel(stop);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(failed);
        mv.visitVarInsn(ASTORE, CAUGHT);
        constant(mv, owned, owner);
        mv.visitVarInsn(ALOAD, CAUGHT);
        onError.emit(mv);
        mv.visitInsn(ATHROW);
        mv.visitLabel(done);
    }

    private void evalChild(MethodVisitor mv, Node child) {
        String name = method(child);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, name, EVAL_DESC, false);
    }

    /** Loads a class-data constant (a node or a value) as a constant the JIT can fold. */
    private void constant(MethodVisitor mv, Object value, String internalType) {
        Integer index = constantIndex.get(value);
        if (index == null) {
            index = constants.size();
            constants.add(value);
            constantIndex.put(value, index);
        }
        loadedConstants.add(new ConstantDynamic("_", "L" + internalType + ";", CLASS_DATA_AT, index));
        mv.visitLdcInsn(new ConstantDynamic("_", "L" + internalType + ";", CLASS_DATA_AT, index));
    }

    private static void push(MethodVisitor mv, int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    /**
     * Frame computation without loading classes: the generated code only merges values it then
     * uses as {@code Object} (or checks with a cast), so the common supertype can always be Object.
     */
    private static final class FramesWithoutLoading extends ClassWriter {
        FramesWithoutLoading() {
            super(COMPUTE_FRAMES | COMPUTE_MAXS);
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            return OBJECT;
        }
    }
}
