package dev.palisade.lang.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.palisade.lang.UInt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Kubernetes list functions, ext.Lists (v3), ext.Sets and the regex find functions. */
final class ListsLib {
    private ListsLib() {
    }

    static final java.util.function.Predicate<Object> LIST = Rt::isList;

    static void registerLists(FunctionTable t) {
        Cost traversal = Cost.listTraversal(0);
        t.member("isSorted", 1).sig("l.isSorted()").doc("Whether the list is in ascending order.").cost(traversal)
                .impl((f, a) -> {
                    List<Object> l = list(a[0], "isSorted");
                    for (int i = 1; i < l.size(); i++) {
                        if (Rt.compare(l.get(i - 1), l.get(i), "isSorted") > 0) {
                            return false;
                        }
                    }
                    return true;
                });
        t.member("sum", 1).sig("l.sum()").doc("The sum of numbers or durations; 0 for an empty list.").cost(traversal)
                .impl((f, a) -> {
                    List<Object> l = list(a[0], "sum");
                    if (l.isEmpty()) {
                        return 0L;
                    }
                    Object acc = l.get(0);
                    if (!(acc instanceof Long || acc instanceof Double || acc instanceof UInt || acc instanceof Duration)) {
                        throw CelError.noSuchOverload("sum", a[0]);
                    }
                    for (int i = 1; i < l.size(); i++) {
                        acc = Stdlib.add(f, acc, l.get(i));
                    }
                    return acc;
                });
        t.member("min", 1).sig("l.min()").doc("The smallest element; an error for an empty list.").cost(traversal)
                .impl((f, a) -> extreme(a[0], -1));
        t.member("max", 1).sig("l.max()").doc("The largest element; an error for an empty list.").cost(traversal)
                .impl((f, a) -> extreme(a[0], 1));
        t.member("indexOf", 2).sig("l.indexOf(x)").doc("The index of the first element equal to x, or -1.")
                .cost(traversal).accepts(LIST).impl((f, a) -> {
                    List<Object> l = list(a[0], "indexOf");
                    for (int i = 0; i < l.size(); i++) {
                        if (Rt.eq(l.get(i), a[1])) {
                            return (long) i;
                        }
                    }
                    return -1L;
                });
        t.member("lastIndexOf", 2).sig("l.lastIndexOf(x)").doc("The index of the last element equal to x, or -1.")
                .cost(traversal).accepts(LIST).impl((f, a) -> {
                    List<Object> l = list(a[0], "lastIndexOf");
                    for (int i = l.size() - 1; i >= 0; i--) {
                        if (Rt.eq(l.get(i), a[1])) {
                            return (long) i;
                        }
                    }
                    return -1L;
                });
        t.member("slice", 3).sig("l.slice(from, to)").doc("The elements from index from up to to.")
                .cost(Cost.of(a -> a[1] instanceof Long from && a[2] instanceof Long to && to > from ? to - from : 1,
                        sz -> sz[0], "to − from"))
                .impl((f, a) -> {
                    List<Object> l = list(a[0], "slice");
                    long from = Rt.toLong(a[1], "slice");
                    long to = Rt.toLong(a[2], "slice");
                    if (from < 0 || to < 0) {
                        throw new CelError("cannot slice(" + from + ", " + to + "), negative indexes not supported");
                    }
                    if (from > to) {
                        throw new CelError("cannot slice(" + from + ", " + to + "), start index must be less than or equal to end index");
                    }
                    if (to > l.size()) {
                        throw new CelError("cannot slice(" + from + ", " + to + "), list is length " + l.size());
                    }
                    return List.copyOf(l.subList((int) from, (int) to));
                });
        Cost flattening = Cost.of(a -> Cost.size(a[0]), sz -> Cost.Range.UNKNOWN,
                "size(l) + 1 per element of the result (charged as it is built)");
        t.member("flatten", 1).sig("l.flatten()").doc("The list with nested lists spliced in, one level deep.")
                .cost(flattening).impl((f, a) -> flatten(f, a[0], 1));
        t.member("flatten", 2).sig("l.flatten(depth)").doc("The list with nested lists spliced in, depth levels deep.")
                .cost(flattening).impl((f, a) -> {
                    long depth = Rt.toLong(a[1], "flatten");
                    if (depth < 0) {
                        throw new CelError("level must be non-negative");
                    }
                    return flatten(f, a[0], depth);
                });
        t.member("distinct", 1).sig("l.distinct()").doc("The list without repeated elements, first occurrences kept.")
                .cost(Cost.of(a -> Cost.multiply(Cost.size(a[0]), Math.max(1, Cost.size(a[0]))) / 2,
                        sz -> sz[0].times(sz[0]), "size(l)² / 2"))
                .impl((f, a) -> {
                    List<Object> l = list(a[0], "distinct");
                    List<Object> out = new ArrayList<>();
                    for (Object e : l) {
                        boolean seen = false;
                        for (Object o : out) {
                            if (Rt.eq(o, e)) {
                                seen = true;
                                break;
                            }
                        }
                        if (!seen) {
                            out.add(e);
                        }
                    }
                    return Collections.unmodifiableList(out);
                });
        t.member("reverse", 1).sig("l.reverse()").doc("The list in reverse order.").cost(Cost.perElement(0, "l"))
                .accepts(LIST).impl((f, a) -> {
                    List<Object> l = new ArrayList<>(list(a[0], "reverse"));
                    Collections.reverse(l);
                    return Collections.unmodifiableList(l);
                });
        t.member("sort", 1).sig("l.sort()").doc("The list in ascending order (elements of one type).")
                .cost(Cost.of(a -> {
                    long n = Cost.size(a[0]);
                    return Cost.add(Cost.multiply(n, 64 - Long.numberOfLeadingZeros(Math.max(1, n))),
                            Cost.listTraversal(0).runtime(a));
                }, sz -> sz[0].times(new Cost.Range(0, 64)), "size(l)·⌈log2 size(l)⌉ + the traversal of l"))
                .impl((f, a) -> {
                    List<Object> l = new ArrayList<>(list(a[0], "sort"));
                    checkSortable(l);
                    l.sort((x, y) -> Rt.compare(x, y, "sort"));
                    return Collections.unmodifiableList(l);
                });
        t.global("lists.range", 1).sig("lists.range(n)").doc("The list [0, 1, ..., n-1].")
                .cost(Cost.of(a -> a[0] instanceof Long n ? Math.max(0, n) : 1, sz -> Cost.Range.UNKNOWN, "n"))
                .impl((f, a) -> {
                    long n = Rt.toLong(a[0], "lists.range");
                    if (n > Integer.MAX_VALUE - 8) {
                        throw new CelError("lists.range(" + n + "): the list would exceed the largest list size");
                    }
                    List<Object> out = new ArrayList<>((int) Math.max(0, n));
                    for (long i = 0; i < n; i++) {
                        out.add(i);
                    }
                    return Collections.unmodifiableList(out);
                });
    }

    static void checkSortable(List<Object> l) {
        for (int i = 1; i < l.size(); i++) {
            Object x = l.get(0);
            Object y = l.get(i);
            if (!Rt.typeName(x).equals(Rt.typeName(y))) {
                throw new CelError("list elements must have the same type, found " + Rt.typeName(x) + " and " + Rt.typeName(y));
            }
        }
    }

    static void registerSets(FunctionTable t) {
        Cost pairs = Cost.pairs(0, 1);
        t.global("sets.contains", 2).sig("sets.contains(a, b)").doc("Whether every element of b is in a.").cost(pairs)
                .impl((f, a) -> contains(list(a[0], "sets.contains"), list(a[1], "sets.contains")));
        t.global("sets.equivalent", 2).sig("sets.equivalent(a, b)").doc("Whether a and b hold the same elements.")
                .cost(Cost.of(a -> Cost.multiply(2, Cost.multiply(Cost.size(a[0]), Cost.size(a[1]))),
                        sz -> sz[0].times(sz[1]).times(Cost.Range.of(2)), "2 × size(a) × size(b)"))
                .impl((f, a) -> {
                    List<Object> x = list(a[0], "sets.equivalent");
                    List<Object> y = list(a[1], "sets.equivalent");
                    return contains(x, y) && contains(y, x);
                });
        t.global("sets.intersects", 2).sig("sets.intersects(a, b)").doc("Whether a and b share an element.").cost(pairs)
                .impl((f, a) -> {
                    List<Object> x = list(a[0], "sets.intersects");
                    List<Object> y = list(a[1], "sets.intersects");
                    for (Object e : y) {
                        for (Object o : x) {
                            if (Rt.eq(o, e)) {
                                return true;
                            }
                        }
                    }
                    return false;
                });
    }

    static void registerRegex(FunctionTable t) {
        t.member("find", 2).sig("s.find(re)").doc("The first match of the RE2 pattern in s, or \"\".")
                .cost(Stdlib.REGEX).checkConstants().impl((f, a) -> {
                    String s = Rt.str(a[0], "find");
                    String re = Rt.str(a[1], "find");
                    return find(Regexes.compile(f, re).matcher(s));
                });
        Cost findAll = Cost.of(a -> Stdlib.REGEX.runtime(a), sz -> Stdlib.REGEX.estimate(sz),
                "as s.find(re), + 1 per match (charged as found)");
        t.member("findAll", 2).sig("s.findAll(re)").doc("All non-overlapping matches of the RE2 pattern in s.")
                .cost(findAll).checkConstants().impl((f, a) -> findAll(f, a[0], a[1], -1));
        t.member("findAll", 3).sig("s.findAll(re, n)").doc("At most n matches (all when n < 0).").cost(findAll)
                .checkConstants().impl((f, a) -> findAll(f, a[0], a[1], Rt.toLong(a[2], "findAll")));
    }

    /** find/findAll with a pattern compiled once at plan time (the declared cost still applies). */
    static Fn withPattern(String name, Pattern p) {
        if (name.equals("find")) {
            return (f, a) -> {
                Rt.str(a[0], "find");
                return find(p.matcher((String) a[0]));
            };
        }
        return (f, a) -> {
            String s = Rt.str(a[0], "findAll");
            return findAll(f, p.matcher(s), a.length > 2 ? Rt.toLong(a[2], "findAll") : -1);
        };
    }

    private static Object find(Matcher m) {
        return m.find() ? m.group() : "";
    }

    private static Object findAll(Frame f, Object sv, Object rev, long limit) {
        String s = Rt.str(sv, "findAll");
        String re = Rt.str(rev, "findAll");
        return findAll(f, Regexes.compile(f, re).matcher(s), limit);
    }

    private static Object findAll(Frame f, Matcher m, long limit) {
        List<Object> out = new ArrayList<>();
        while ((limit < 0 || out.size() < limit) && m.find()) {
            f.cost(1);
            out.add(m.group());
        }
        return Collections.unmodifiableList(out);
    }

    private static boolean contains(List<Object> x, List<Object> y) {
        for (Object e : y) {
            boolean found = false;
            for (Object o : x) {
                if (Rt.eq(o, e)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static List<Object> list(Object v, String fn) {
        if (!Rt.isList(v)) {
            throw CelError.noSuchOverload(fn, v);
        }
        return Rt.elements(v);
    }

    private static Object extreme(Object v, int sign) {
        List<Object> l = list(v, sign < 0 ? "min" : "max");
        if (l.isEmpty()) {
            throw new CelError((sign < 0 ? "min" : "max") + "() called on an empty list");
        }
        Object best = l.get(0);
        for (int i = 1; i < l.size(); i++) {
            int c = Rt.compare(l.get(i), best, sign < 0 ? "min" : "max");
            if (c == sign) {
                best = l.get(i);
            }
        }
        return best;
    }

    private static Object flatten(Frame f, Object v, long depth) {
        List<Object> out = new ArrayList<>();
        flattenInto(f, list(v, "flatten"), depth, out);
        return Collections.unmodifiableList(out);
    }

    private static void flattenInto(Frame f, List<Object> l, long depth, List<Object> out) {
        for (Object e : l) {
            if (Rt.isList(e) && depth > 0) {
                f.cost(Rt.size(e));
                flattenInto(f, Rt.elements(e), depth - 1, out);
            } else {
                f.cost(1);
                out.add(e);
            }
        }
    }
}
