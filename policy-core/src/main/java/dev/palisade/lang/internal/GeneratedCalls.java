package dev.palisade.lang.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Every method and field that generated code ({@link BytecodeCompiler}) uses, in one table. Each
 * entry carries a method reference to its target (a witness the Java compiler checks, so that
 * renaming or changing a target without updating its entry does not compile), and the owner, name
 * and types the bytecode names; those are resolved with {@link MethodHandles.Lookup} when the table
 * is first used, so an entry whose name disagrees with its witness fails at once, and
 * {@code GeneratedCallsTest} walks every instruction of generated classes to check that each call
 * goes through this table and resolves.
 */
enum GeneratedCalls {
    NODE_EVAL(Kind.VIRTUAL, Node.class, "eval", (W1<Node, Frame, Object>) Node::eval, Object.class, Frame.class),
    FRAME_COST(Kind.VIRTUAL, Frame.class, "cost", (V1<Frame>) Frame::cost, void.class, long.class),
    FRAME_SLOTS(Kind.GET_FIELD, Frame.class, "slots", (W0<Frame, Object[]>) f -> f.slots, Object[].class),
    BOOLEAN_TRUE(Kind.GET_STATIC, Boolean.class, "TRUE", (S0<Boolean>) () -> Boolean.TRUE, Boolean.class),
    BOOLEAN_FALSE(Kind.GET_STATIC, Boolean.class, "FALSE", (S0<Boolean>) () -> Boolean.FALSE, Boolean.class),
    BOOLEAN_VALUE(Kind.VIRTUAL, Boolean.class, "booleanValue", (W0<Boolean, Boolean>) Boolean::booleanValue,
            boolean.class),
    LONG_VALUE_OF(Kind.STATIC, Long.class, "valueOf", (S1<Long, Long>) Long::valueOf, Long.class, long.class),
    STRING_STARTS_WITH(Kind.VIRTUAL, String.class, "startsWith", (W1<String, String, Boolean>) String::startsWith,
            boolean.class, String.class),
    STRING_ENDS_WITH(Kind.VIRTUAL, String.class, "endsWith", (W1<String, String, Boolean>) String::endsWith,
            boolean.class, String.class),
    STRING_CONTAINS(Kind.VIRTUAL, String.class, "contains", (W1<String, CharSequence, Boolean>) String::contains,
            boolean.class, CharSequence.class),
    LIST_ADD(Kind.INTERFACE, List.class, "add", (W1<List<Object>, Object, Boolean>) List::add, boolean.class,
            Object.class),
    OPTIONAL_IS_EMPTY(Kind.VIRTUAL, Optional.class, "isEmpty", (W0<Optional<?>, Boolean>) Optional::isEmpty,
            boolean.class),
    OPTIONAL_GET(Kind.VIRTUAL, Optional.class, "get", (W0<Optional<?>, Object>) Optional::get, Object.class),
    OPTIONAL_OF(Kind.STATIC, Optional.class, "of", (S1<Object, Optional<?>>) Optional::of, Optional.class,
            Object.class),
    OPTIONAL_EMPTY(Kind.STATIC, Optional.class, "empty", (S0<Optional<?>>) Optional::empty, Optional.class),
    OBJECT_NODE_GET(Kind.VIRTUAL, ObjectNode.class, "get", (W1<ObjectNode, String, JsonNode>) ObjectNode::get,
            JsonNode.class, String.class),
    RT_NORM(Kind.STATIC, Rt.class, "norm", (S1<Object, Object>) Rt::norm, Object.class, Object.class),
    RT_JSON(Kind.STATIC, Rt.class, "json", (S1<JsonNode, Object>) Rt::json, Object.class, JsonNode.class),
    RT_EQ(Kind.STATIC, Rt.class, "eq", (S2<Object, Object, Boolean>) Rt::eq, boolean.class, Object.class,
            Object.class),
    RT_IS_LIST(Kind.STATIC, Rt.class, "isList", (S1<Object, Boolean>) Rt::isList, boolean.class, Object.class),
    RT_SIZE(Kind.STATIC, Rt.class, "size", (S1<Object, Integer>) Rt::size, int.class, Object.class),
    RT_ELEM(Kind.STATIC, Rt.class, "elem", (S2<Object, Integer, Object>) Rt::elem, Object.class, Object.class,
            int.class),
    COST_RUNTIME(Kind.VIRTUAL, Cost.class, "runtime", (W1<Cost, Object[], Long>) Cost::runtime, long.class,
            Object[].class),
    FN_APPLY(Kind.INTERFACE, Fn.class, "apply", (W2<Fn, Frame, Object[], Object>) Fn::apply, Object.class,
            Frame.class, Object[].class),
    CEL_ERROR_AT(Kind.VIRTUAL, CelError.class, "at", (W1<CelError, Integer, CelError>) CelError::at, CelError.class,
            int.class),
    OPT_SELECT(Kind.STATIC, Nodes.class, "optSelect", (S3<Object, String, Integer, Object>) Nodes::optSelect,
            Object.class, Object.class, String.class, int.class),
    SELECT_OTHER(Kind.VIRTUAL, Nodes.Select.class, "selectOther",
            (W1<Nodes.Select, Object, Object>) Nodes.Select::selectOther, Object.class, Object.class),
    HAS_TEST_OTHER(Kind.VIRTUAL, Nodes.Has.class, "testOther", (W1<Nodes.Has, Object, Object>) Nodes.Has::testOther,
            Object.class, Object.class),
    NOT_NOT_BOOLEAN(Kind.VIRTUAL, Nodes.Not.class, "notBoolean",
            (W1<Nodes.Not, Object, CelError>) Nodes.Not::notBoolean, CelError.class, Object.class),
    COND_NOT_BOOLEAN(Kind.VIRTUAL, Nodes.Cond.class, "notBoolean",
            (W1<Nodes.Cond, Object, CelError>) Nodes.Cond::notBoolean, CelError.class, Object.class),
    CALL_ARITHMETIC(Kind.VIRTUAL, Nodes.Call.class, "arithmetic",
            (W1<Nodes.Call, ArithmeticException, CelError>) Nodes.Call::arithmetic, CelError.class,
            ArithmeticException.class),
    LIST_START(Kind.VIRTUAL, Nodes.ListLit.class, "start", (W1<Nodes.ListLit, Frame, List<Object>>) Nodes.ListLit::start,
            List.class, Frame.class),
    LIST_LITERAL_ADD(Kind.VIRTUAL, Nodes.ListLit.class, "add",
            (V3<Nodes.ListLit, List<Object>, Integer, Object>) Nodes.ListLit::add, void.class, List.class, int.class,
            Object.class),
    LIST_FINISH(Kind.VIRTUAL, Nodes.ListLit.class, "finish",
            (W1<Nodes.ListLit, List<Object>, Object>) Nodes.ListLit::finish, Object.class, List.class),
    LOGIC_AFTER_LEFT(Kind.VIRTUAL, Nodes.Logic.class, "afterLeft",
            (W1<Nodes.Logic, Object, Object>) Nodes.Logic::afterLeft, Object.class, Object.class),
    LOGIC_LEFT_FAILED(Kind.VIRTUAL, Nodes.Logic.class, "leftFailed",
            (W1<Nodes.Logic, CelError, CelError>) Nodes.Logic::leftFailed, CelError.class, CelError.class),
    LOGIC_AFTER_RIGHT(Kind.VIRTUAL, Nodes.Logic.class, "afterRight",
            (W2<Nodes.Logic, Object, Object, Object>) Nodes.Logic::afterRight, Object.class, Object.class,
            Object.class),
    LOGIC_RIGHT_FAILED(Kind.VIRTUAL, Nodes.Logic.class, "rightFailed",
            (W2<Nodes.Logic, Object, CelError, Object>) Nodes.Logic::rightFailed, Object.class, Object.class,
            CelError.class),
    INDEX_ANY(Kind.VIRTUAL, Nodes.Index.class, "indexAny",
            (W2<Nodes.Index, Object, Object, Object>) Nodes.Index::indexAny, Object.class, Object.class, Object.class),
    COMPREHENSION_EVAL_RANGE(Kind.VIRTUAL, Nodes.Comprehension.class, "evalRange",
            (W2<Nodes.Comprehension, Frame, Object, Object>) Nodes.Comprehension::evalRange, Object.class, Frame.class,
            Object.class),
    COMPREHENSION_NEW_LIST(Kind.VIRTUAL, Nodes.Comprehension.class, "newList",
            (W0<Nodes.Comprehension, List<Object>>) Nodes.Comprehension::newList, List.class),
    COMPREHENSION_UNDECIDED(Kind.VIRTUAL, Nodes.Comprehension.class, "undecided",
            (W1<Nodes.Comprehension, CelError, Object>) Nodes.Comprehension::undecided, Object.class, CelError.class),
    COMPREHENSION_EXACTLY_ONE(Kind.VIRTUAL, Nodes.Comprehension.class, "exactlyOne",
            (W1<Nodes.Comprehension, Integer, Object>) Nodes.Comprehension::exactlyOne, Object.class, int.class),
    COMPREHENSION_FINISH_LIST(Kind.VIRTUAL, Nodes.Comprehension.class, "finishList",
            (W1<Nodes.Comprehension, List<Object>, Object>) Nodes.Comprehension::finishList, Object.class, List.class),
    COMPREHENSION_TRUTH(Kind.VIRTUAL, Nodes.Comprehension.class, "truth",
            (W1<Nodes.Comprehension, Object, Boolean>) Nodes.Comprehension::truth, boolean.class, Object.class),
    COMPREHENSION_FILTER_VERDICT(Kind.VIRTUAL, Nodes.Comprehension.class, "filterVerdict",
            (W1<Nodes.Comprehension, Object, Boolean>) Nodes.Comprehension::filterVerdict, boolean.class,
            Object.class),
    COMPREHENSION_MAP_FILTER(Kind.VIRTUAL, Nodes.Comprehension.class, "mapFilter",
            (W1<Nodes.Comprehension, Object, Boolean>) Nodes.Comprehension::mapFilter, boolean.class, Object.class),
    COMPREHENSION_FIRST_ERROR(Kind.VIRTUAL, Nodes.Comprehension.class, "firstError",
            (W2<Nodes.Comprehension, CelError, CelError, CelError>) Nodes.Comprehension::firstError, CelError.class,
            CelError.class, CelError.class),
    COMPREHENSION_BODY_FAILED(Kind.VIRTUAL, Nodes.Comprehension.class, "bodyFailed",
            (W1<Nodes.Comprehension, CelError, CelError>) Nodes.Comprehension::bodyFailed, CelError.class,
            CelError.class),
    COMPREHENSION_FILTER_FAILED(Kind.VIRTUAL, Nodes.Comprehension.class, "filterFailed",
            (W1<Nodes.Comprehension, CelError, CelError>) Nodes.Comprehension::filterFailed, CelError.class,
            CelError.class),
    BINARY_IN_OTHER(Kind.VIRTUAL, BinaryNode.class, "inOther",
            (W3<BinaryNode, Frame, Object, Object, Object>) BinaryNode::inOther, Object.class, Frame.class,
            Object.class, Object.class),
    BINARY_NO_SUCH_OVERLOAD(Kind.VIRTUAL, BinaryNode.class, "noSuchOverload",
            (W2<BinaryNode, Object, Object, CelError>) BinaryNode::noSuchOverload, CelError.class, Object.class,
            Object.class),
    BINARY_COMPARISON_COST(Kind.STATIC, BinaryNode.class, "comparisonCost",
            (S2<Object, Object, Long>) BinaryNode::comparisonCost, long.class, Object.class, Object.class),
    BINARY_AFFIX_COST(Kind.STATIC, BinaryNode.class, "affixCost2", (S2<Object, Object, Long>) BinaryNode::affixCost2,
            long.class, Object.class, Object.class),
    BINARY_CONTAINS_COST(Kind.STATIC, BinaryNode.class, "containsCost",
            (S2<Object, Object, Long>) BinaryNode::containsCost, long.class, Object.class, Object.class),
    BINARY_LT(Kind.VIRTUAL, BinaryNode.class, "lt", (W3<BinaryNode, Frame, Object, Object, Object>) BinaryNode::lt,
            Object.class, Frame.class, Object.class, Object.class),
    BINARY_LE(Kind.VIRTUAL, BinaryNode.class, "le", (W3<BinaryNode, Frame, Object, Object, Object>) BinaryNode::le,
            Object.class, Frame.class, Object.class, Object.class),
    BINARY_GT(Kind.VIRTUAL, BinaryNode.class, "gt", (W3<BinaryNode, Frame, Object, Object, Object>) BinaryNode::gt,
            Object.class, Frame.class, Object.class, Object.class),
    BINARY_GE(Kind.VIRTUAL, BinaryNode.class, "ge", (W3<BinaryNode, Frame, Object, Object, Object>) BinaryNode::ge,
            Object.class, Frame.class, Object.class, Object.class),
    BINARY_ADD(Kind.VIRTUAL, BinaryNode.class, "add", (W3<BinaryNode, Frame, Object, Object, Object>) BinaryNode::add,
            Object.class, Frame.class, Object.class, Object.class);

    /** How the bytecode reaches the target. */
    enum Kind {
        STATIC, VIRTUAL, INTERFACE, GET_FIELD, GET_STATIC
    }

    // Shapes of the witnesses: W for instance methods (receiver first), S for static ones, V for void.
    @FunctionalInterface
    interface W0<O, R> {
        R f(O o);
    }

    @FunctionalInterface
    interface W1<O, A, R> {
        R f(O o, A a);
    }

    @FunctionalInterface
    interface W2<O, A, B, R> {
        R f(O o, A a, B b);
    }

    @FunctionalInterface
    interface W3<O, A, B, C, R> {
        R f(O o, A a, B b, C c);
    }

    @FunctionalInterface
    interface V1<O> {
        void f(O o, long a);
    }

    @FunctionalInterface
    interface V3<O, A, B, C> {
        void f(O o, A a, B b, C c);
    }

    @FunctionalInterface
    interface S0<R> {
        R f();
    }

    @FunctionalInterface
    interface S1<A, R> {
        R f(A a);
    }

    @FunctionalInterface
    interface S2<A, B, R> {
        R f(A a, B b);
    }

    @FunctionalInterface
    interface S3<A, B, C, R> {
        R f(A a, B b, C c);
    }

    final Kind kind;
    final Class<?> owner;
    final String name;
    final MethodType type;
    /** The compile-checked reference to the target; only its existence matters. */
    final Object witness;

    GeneratedCalls(Kind kind, Class<?> owner, String name, Object witness, Class<?> returns, Class<?>... parameters) {
        this.kind = kind;
        this.owner = owner;
        this.name = name;
        this.witness = witness;
        this.type = MethodType.methodType(returns, parameters);
    }

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (GeneratedCalls c : values()) {
            try {
                switch (c.kind) {
                    case STATIC -> lookup.findStatic(c.owner, c.name, c.type);
                    case VIRTUAL, INTERFACE -> lookup.findVirtual(c.owner, c.name, c.type);
                    case GET_FIELD -> lookup.findGetter(c.owner, c.name, c.type.returnType());
                    case GET_STATIC -> lookup.findStaticGetter(c.owner, c.name, c.type.returnType());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("generated-code table entry " + c + " does not resolve: " + e, e);
            }
        }
    }

    /** The JVM descriptor: of the method, or of the field's type. */
    String descriptor() {
        return kind == Kind.GET_FIELD || kind == Kind.GET_STATIC ? Type.getDescriptor(type.returnType())
                : type.toMethodDescriptorString();
    }

    String ownerName() {
        return Type.getInternalName(owner);
    }

    /** Emits the instruction reaching the target (its operands already on the stack). */
    void emit(MethodVisitor mv) {
        switch (kind) {
            case STATIC -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, ownerName(), name, descriptor(), false);
            case VIRTUAL -> mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, ownerName(), name, descriptor(), false);
            case INTERFACE -> mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, ownerName(), name, descriptor(), true);
            case GET_FIELD -> mv.visitFieldInsn(Opcodes.GETFIELD, ownerName(), name, descriptor());
            case GET_STATIC -> mv.visitFieldInsn(Opcodes.GETSTATIC, ownerName(), name, descriptor());
        }
    }
}
