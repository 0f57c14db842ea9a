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

    static void registerLists(FunctionTable t) {
        t.member("isSorted", 1, (f, a) -> {
            List<Object> l = list(a[0], "isSorted");
            f.cost(l.size());
            for (int i = 1; i < l.size(); i++) {
                if (Rt.compare(l.get(i - 1), l.get(i), "isSorted") > 0) {
                    return false;
                }
            }
            return true;
        });
        t.member("sum", 1, (f, a) -> {
            List<Object> l = list(a[0], "sum");
            f.cost(l.size());
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
        t.member("min", 1, (f, a) -> extreme(f, a[0], -1));
        t.member("max", 1, (f, a) -> extreme(f, a[0], 1));
        wrapMember(t, "indexOf", 2, (f, a) -> {
            List<Object> l = list(a[0], "indexOf");
            f.cost(l.size());
            for (int i = 0; i < l.size(); i++) {
                if (Rt.eq(l.get(i), a[1])) {
                    return (long) i;
                }
            }
            return -1L;
        });
        wrapMember(t, "lastIndexOf", 2, (f, a) -> {
            List<Object> l = list(a[0], "lastIndexOf");
            f.cost(l.size());
            for (int i = l.size() - 1; i >= 0; i--) {
                if (Rt.eq(l.get(i), a[1])) {
                    return (long) i;
                }
            }
            return -1L;
        });
        t.member("slice", 3, (f, a) -> {
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
            f.cost(to - from);
            return List.copyOf(l.subList((int) from, (int) to));
        });
        t.member("flatten", 1, (f, a) -> flatten(f, a[0], 1));
        t.member("flatten", 2, (f, a) -> {
            long depth = Rt.toLong(a[1], "flatten");
            if (depth < 0) {
                throw new CelError("level must be non-negative");
            }
            return flatten(f, a[0], depth);
        });
        t.member("distinct", 1, (f, a) -> {
            List<Object> l = list(a[0], "distinct");
            f.cost((long) l.size() * Math.max(1, l.size()) / 2);
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
        wrapMember(t, "reverse", 1, (f, a) -> {
            List<Object> l = new ArrayList<>(list(a[0], "reverse"));
            f.cost(l.size());
            Collections.reverse(l);
            return Collections.unmodifiableList(l);
        });
        t.member("sort", 1, (f, a) -> {
            List<Object> l = new ArrayList<>(list(a[0], "sort"));
            f.cost((long) l.size() * (64 - Long.numberOfLeadingZeros(Math.max(1, l.size()))));
            checkSortable(l);
            l.sort((x, y) -> Rt.compare(x, y, "sort"));
            return Collections.unmodifiableList(l);
        });
        t.global("lists.range", 1, (f, a) -> {
            long n = Rt.toLong(a[0], "lists.range");
            f.cost(Math.max(0, n));
            List<Object> out = new ArrayList<>();
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
        t.global("sets.contains", 2, (f, a) -> contains(f, list(a[0], "sets.contains"), list(a[1], "sets.contains")));
        t.global("sets.equivalent", 2, (f, a) -> {
            List<Object> x = list(a[0], "sets.equivalent");
            List<Object> y = list(a[1], "sets.equivalent");
            return contains(f, x, y) && contains(f, y, x);
        });
        t.global("sets.intersects", 2, (f, a) -> {
            List<Object> x = list(a[0], "sets.intersects");
            List<Object> y = list(a[1], "sets.intersects");
            f.cost((long) x.size() * y.size());
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
        t.member("find", 2, (f, a) -> {
            String s = Rt.str(a[0], "find");
            String re = Rt.str(a[1], "find");
            f.cost(Stdlib.regexCost(s, re));
            Matcher m = Regexes.compile(re).matcher(s);
            return m.find() ? m.group() : "";
        });
        t.member("findAll", 2, (f, a) -> findAll(f, a[0], a[1], -1));
        t.member("findAll", 3, (f, a) -> findAll(f, a[0], a[1], Rt.toLong(a[2], "findAll")));
    }

    /** find/findAll with a pattern compiled once at plan time. */
    static Fn withPattern(String name, Pattern p, long patternLength) {
        if (name.equals("find")) {
            return (f, a) -> {
                String s = Rt.str(a[0], "find");
                f.cost(1 + (s.length() * Math.max(1, patternLength)) / 4);
                Matcher m = p.matcher(s);
                return m.find() ? m.group() : "";
            };
        }
        return (f, a) -> {
            String s = Rt.str(a[0], "findAll");
            f.cost(1 + (s.length() * Math.max(1, patternLength)) / 4);
            return findAll(p.matcher(s), a.length > 2 ? Rt.toLong(a[2], "findAll") : -1);
        };
    }

    private static Object findAll(Frame f, Object sv, Object rev, long limit) {
        String s = Rt.str(sv, "findAll");
        String re = Rt.str(rev, "findAll");
        f.cost(Stdlib.regexCost(s, re));
        return findAll(Regexes.compile(re).matcher(s), limit);
    }

    private static Object findAll(Matcher m, long limit) {
        List<Object> out = new ArrayList<>();
        while ((limit < 0 || out.size() < limit) && m.find()) {
            out.add(m.group());
        }
        return Collections.unmodifiableList(out);
    }

    private static boolean contains(Frame f, List<Object> x, List<Object> y) {
        f.cost((long) x.size() * y.size());
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

    /** Adds a list overload to a member function that may also exist for strings. */
    private static void wrapMember(FunctionTable t, String name, int arity, Fn listFn) {
        Fn other = t.find(true, name, arity);
        t.member(name, arity, (f, a) -> {
            if (Rt.isList(a[0]) || other == null) {
                return listFn.apply(f, a);
            }
            return other.apply(f, a);
        });
    }

    static List<Object> list(Object v, String fn) {
        if (!Rt.isList(v)) {
            throw CelError.noSuchOverload(fn, v);
        }
        return Rt.elements(v);
    }

    private static Object extreme(Frame f, Object v, int sign) {
        List<Object> l = list(v, sign < 0 ? "min" : "max");
        f.cost(l.size());
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
        List<Object> l = list(v, "flatten");
        f.cost(l.size());
        List<Object> out = new ArrayList<>();
        for (Object e : l) {
            if (Rt.isList(e) && depth > 0) {
                out.addAll(Rt.elements(flatten(f, e, depth - 1)));
            } else {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
