package dev.palisade.lang.internal;

import dev.palisade.lang.Bytes;
import java.util.function.ToLongFunction;

/**
 * The cost of one function overload: what a call is charged at run time, from the sizes of its
 * arguments, before the function does its work; the same formula over size ranges for the static
 * estimate ({@link CostEstimator}); and its description for the documentation. The formulas follow
 * Kubernetes' CEL cost model (cel-go's runtime cost and Kubernetes' library costs): a string is
 * traversed at 0.1 units per character, a regular expression costs 0.25 units per pattern character
 * times the traversal of the input, a list operation one unit per element. Every call costs at least
 * one unit at run time. Immutable.
 */
abstract class Cost {
    /** Units per character of a string or byte of a bytes value traversed. */
    static final double TRAVERSAL = 0.1;
    /** Units per pattern character of a regular expression, multiplied by the input's traversal. */
    static final double REGEX = 0.25;

    /** Units for a call with these argument values (receiver first); never negative. */
    abstract long runtime(Object[] args);

    /** The cost range for arguments in these size ranges (receiver first). */
    abstract Range estimate(Range[] sizes);

    /** The formula as the documentation writes it. */
    abstract String describe();

    /** One unit, for functions whose work does not depend on the size of their arguments. */
    static final Cost ONE = fixed(1);

    // ---- sizes and arithmetic shared by the runtime and the estimate ----

    /**
     * The size of a value as the cost model counts it: UTF-16 units of a string (at least its
     * code points, and free to compute), bytes, list elements, map entries; 1 for anything else.
     */
    static long size(Object v) {
        if (v instanceof String s) {
            return s.length();
        }
        if (v instanceof Bytes b) {
            return b.size();
        }
        if (Rt.isList(v)) {
            return Rt.size(v);
        }
        if (Rt.isMap(v)) {
            return Rt.mapSize(v);
        }
        if (v instanceof CelObject o) {
            return o.costSize();
        }
        return 1;
    }

    /** {@code ceil(n × factor)}, saturating. */
    static long factor(long n, double factor) {
        double d = Math.ceil(n * factor);
        return d >= 0x1p63 ? Long.MAX_VALUE : (long) d;
    }

    static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** A range of sizes or costs, {@code min ≤ max}; {@link Long#MAX_VALUE} stands for unbounded. */
    record Range(long min, long max) {
        static final Range UNKNOWN = new Range(0, Long.MAX_VALUE);
        static final Range ZERO = new Range(0, 0);
        static final Range ONE = new Range(1, 1);

        static Range of(long n) {
            return new Range(n, n);
        }

        Range plus(Range o) {
            return new Range(add(min, o.min), add(max, o.max));
        }

        Range times(Range o) {
            return new Range(multiply(min, o.min), multiply(max, o.max));
        }

        Range factor(double f) {
            return new Range(Cost.factor(min, f), Cost.factor(max, f));
        }

        Range union(Range o) {
            return new Range(Math.min(min, o.min), Math.max(max, o.max));
        }
    }

    // ---- the shapes of the cost table ----

    /** {@code units}, whatever the arguments. */
    static Cost fixed(long units) {
        return new Cost() {
            @Override
            long runtime(Object[] args) {
                return units;
            }

            @Override
            Range estimate(Range[] sizes) {
                return Range.of(units);
            }

            @Override
            String describe() {
                return Long.toString(units);
            }
        };
    }

    /** {@code base + ⌈size(argument) × factor⌉}. */
    static Cost linear(long base, int argument, double factor, String name) {
        return new Cost() {
            @Override
            long runtime(Object[] args) {
                return Math.max(1, add(base, factor(size(args[argument]), factor)));
            }

            @Override
            Range estimate(Range[] sizes) {
                return Range.of(base).plus(sizes[argument].factor(factor));
            }

            @Override
            String describe() {
                String f = factor == 1 ? name : factor + "·" + name;
                String term = factor == 1 ? f : "⌈" + f + "⌉";
                return base == 0 ? term : base + " + " + term;
            }
        };
    }

    /** A traversal of one string argument: {@code ⌈0.1 × size⌉}. */
    static Cost traversal(int argument, String name) {
        return linear(0, argument, TRAVERSAL, "|" + name + "|");
    }

    /** Two traversals of one string argument (traversing it and building a result of similar size). */
    static Cost doubleTraversal(int argument, String name) {
        return linear(0, argument, 2 * TRAVERSAL, "|" + name + "|");
    }

    /** One unit per element of a list argument. */
    static Cost perElement(int argument, String name) {
        return linear(0, argument, 1, "size(" + name + ")");
    }

    /**
     * A regular expression search: {@code ⌈0.1 × (1 + |s|)⌉ × ⌈0.25 × |re|⌉}, the formula cel-go and
     * Kubernetes use for {@code matches}, {@code find} and {@code findAll}.
     */
    static Cost regex(int input, int pattern) {
        return new Cost() {
            @Override
            long runtime(Object[] args) {
                return Math.max(1, regexCost(size(args[input]), size(args[pattern])));
            }

            @Override
            Range estimate(Range[] sizes) {
                return sizes[input].plus(Range.ONE).factor(TRAVERSAL).times(sizes[pattern].factor(REGEX));
            }

            @Override
            String describe() {
                return "⌈0.1·(1 + |s|)⌉ × ⌈0.25·|re|⌉, + the program size of a pattern compiled at run time";
            }
        };
    }

    static long regexCost(long inputLength, long patternLength) {
        return multiply(factor(add(1, inputLength), TRAVERSAL), factor(patternLength, REGEX));
    }

    /** A substring search: {@code ⌈0.1 × |s|⌉ × ⌈0.1 × |t|⌉} (cel-go's {@code contains}). */
    static Cost substringSearch(int haystack, int needle) {
        return new Cost() {
            @Override
            long runtime(Object[] args) {
                return Math.max(1, contains(size(args[haystack]), size(args[needle])));
            }

            @Override
            Range estimate(Range[] sizes) {
                return sizes[haystack].factor(TRAVERSAL).times(sizes[needle].factor(TRAVERSAL));
            }

            @Override
            String describe() {
                return "⌈0.1·|s|⌉ × ⌈0.1·|t|⌉";
            }
        };
    }

    static long contains(long haystack, long needle) {
        return multiply(factor(haystack, TRAVERSAL), factor(needle, TRAVERSAL));
    }

    /** {@code size(a) × size(b)}: every element of one list compared with every element of the other. */
    static Cost pairs(int a, int b) {
        return new Cost() {
            @Override
            long runtime(Object[] args) {
                return Math.max(1, multiply(size(args[a]), size(args[b])));
            }

            @Override
            Range estimate(Range[] sizes) {
                return sizes[a].times(sizes[b]);
            }

            @Override
            String describe() {
                return "size(a) × size(b)";
            }
        };
    }

    /**
     * A traversal of a list and the strings in it: one unit per element plus 0.1 per character of
     * its string elements (Kubernetes' cost of {@code isSorted}, {@code sum}, {@code min}, ...).
     */
    static Cost listTraversal(int argument) {
        return new Cost() {
            @Override
            long runtime(Object[] args) {
                Object list = args[argument];
                if (!Rt.isList(list)) {
                    return Math.max(1, factor(size(list), TRAVERSAL));
                }
                int n = Rt.size(list);
                long chars = 0;
                for (int i = 0; i < n; i++) {
                    Object e = Rt.elem(list, i);
                    if (e instanceof String || e instanceof Bytes) {
                        chars = add(chars, size(e));
                    }
                }
                return Math.max(1, add(n, factor(chars, TRAVERSAL)));
            }

            @Override
            Range estimate(Range[] sizes) {
                return sizes[argument];
            }

            @Override
            String describe() {
                return "size(l) + ⌈0.1·(characters of its strings)⌉";
            }
        };
    }

    /**
     * A cost computed by the function's own formula: {@code runtime} from the argument values,
     * {@code estimate} over size ranges.
     */
    static Cost of(ToLongFunction<Object[]> runtime, java.util.function.Function<Range[], Range> estimate,
            String description) {
        return new Cost() {
            @Override
            long runtime(Object[] args) {
                return Math.max(1, runtime.applyAsLong(args));
            }

            @Override
            Range estimate(Range[] sizes) {
                return estimate.apply(sizes);
            }

            @Override
            String describe() {
                return description;
            }
        };
    }

    /** The total length of the strings of a list joined with a separator, without building it. */
    static long joinedLength(Object list, String separator) {
        if (!Rt.isList(list)) {
            return 0;
        }
        int n = Rt.size(list);
        long total = multiply(Math.max(0, n - 1), separator.length());
        for (int i = 0; i < n; i++) {
            if (Rt.elem(list, i) instanceof String s) {
                total = add(total, s.length());
            }
        }
        return total;
    }

    /** Charges the output of a function that builds text piece by piece: 0.1 per character, before appending. */
    static void chargeOutput(Frame f, long characters) {
        f.cost(factor(characters, TRAVERSAL));
    }
}
