package dev.palisade.kyverno.jmespath.internal;

import static dev.palisade.kyverno.jmespath.internal.Function.ArgSpec.of;
import static dev.palisade.kyverno.jmespath.internal.Function.ArgSpec.variadic;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.ANY;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.ARRAY;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.ARRAY_NUMBER;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.ARRAY_STRING;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.EXPREF;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.NUMBER;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.OBJECT;
import static dev.palisade.kyverno.jmespath.internal.Function.Type.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The specification's functions, with go-jmespath's behaviour where it is specific. */
public final class StandardFunctions {
    private StandardFunctions() {
    }

    static void add(Map<String, Function> table, String name, String returns, Function.Handler handler,
                    Function.ArgSpec... args) {
        table.put(name, new Function(name, List.of(args), returns, handler));
    }

    /** Adds the specification's functions to a table. */
    public static void register(Map<String, Function> t) {
        add(t, "abs", "number", (a, ev) -> Values.number(Math.abs(a[0].doubleValue())), of(NUMBER));
        add(t, "avg", "number", StandardFunctions::avg, of(ARRAY_NUMBER));
        add(t, "ceil", "number", (a, ev) -> Values.number(Math.ceil(a[0].doubleValue())), of(NUMBER));
        add(t, "contains", "boolean", StandardFunctions::contains, of(ARRAY, STRING), of(ANY));
        add(t, "ends_with", "boolean", (a, ev) -> {
            ev.steps(a[1].textValue().length() / 16);
            return Values.bool(a[0].textValue().endsWith(a[1].textValue()));
        }, of(STRING), of(STRING));
        add(t, "floor", "number", (a, ev) -> Values.number(Math.floor(a[0].doubleValue())), of(NUMBER));
        add(t, "join", "string", StandardFunctions::join, of(STRING), of(ARRAY_STRING));
        add(t, "keys", "array", (a, ev) -> {
            ArrayNode out = Values.array();
            for (Iterator<String> it = a[0].fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
            ev.output(out.size());
            return out;
        }, of(OBJECT));
        add(t, "length", "number", (a, ev) -> {
            JsonNode v = a[0];
            if (v.isTextual()) {
                ev.steps(v.textValue().length() / 16);
                return Values.number(Values.runeCount(v.textValue()));
            }
            return Values.number(v.size());
        }, of(STRING, ARRAY, OBJECT));
        add(t, "map", "array", (a, ev) -> {
            ArrayNode out = Values.array();
            for (JsonNode e : a[1]) {
                out.add(Nodes.apply(a[0], e, ev));
            }
            ev.output(out.size());
            return out;
        }, of(EXPREF), of(ARRAY));
        add(t, "max", "number|string", (a, ev) -> extreme(a[0], ev, true), of(ARRAY_NUMBER, ARRAY_STRING));
        add(t, "max_by", "any", (a, ev) -> extremeBy(a[0], a[1], ev, true), of(ARRAY), of(EXPREF));
        add(t, "merge", "object", (a, ev) -> {
            ObjectNode out = Values.object();
            for (JsonNode o : a) {
                ev.steps(o.size());
                out.setAll((ObjectNode) o);
            }
            ev.output(out.size());
            return out;
        }, variadic(OBJECT));
        add(t, "min", "number|string", (a, ev) -> extreme(a[0], ev, false), of(ARRAY_NUMBER, ARRAY_STRING));
        add(t, "min_by", "any", (a, ev) -> extremeBy(a[0], a[1], ev, false), of(ARRAY), of(EXPREF));
        add(t, "not_null", "any", (a, ev) -> {
            for (JsonNode v : a) {
                if (!v.isNull()) {
                    return v;
                }
            }
            return Values.NULL;
        }, variadic(ANY));
        add(t, "reverse", "array|string", StandardFunctions::reverse, of(ARRAY, STRING));
        add(t, "sort", "array", StandardFunctions::sort, of(ARRAY_NUMBER, ARRAY_STRING));
        add(t, "sort_by", "array", StandardFunctions::sortBy, of(ARRAY), of(EXPREF));
        add(t, "starts_with", "boolean", (a, ev) -> {
            ev.steps(a[1].textValue().length() / 16);
            return Values.bool(a[0].textValue().startsWith(a[1].textValue()));
        }, of(STRING), of(STRING));
        add(t, "sum", "number", (a, ev) -> {
            double sum = 0;
            for (JsonNode e : a[0]) {
                sum += e.doubleValue();
            }
            ev.steps(a[0].size());
            return Values.number(sum);
        }, of(ARRAY_NUMBER));
        add(t, "to_array", "array", (a, ev) -> {
            if (a[0].isArray()) {
                return a[0];
            }
            ArrayNode out = Values.array();
            out.add(a[0]);
            return out;
        }, of(ANY));
        add(t, "to_number", "number", (a, ev) -> toNumber(a[0]), of(ANY));
        add(t, "to_string", "string", (a, ev) -> {
            if (a[0].isTextual()) {
                return a[0];
            }
            ev.outputOf(a[0]);
            return Values.text(GoJson.marshal(a[0]));
        }, of(ANY));
        add(t, "type", "string", (a, ev) -> Values.text(Values.typeName(a[0])), of(ANY));
        add(t, "values", "array", (a, ev) -> {
            ArrayNode out = Values.array();
            for (Iterator<JsonNode> it = a[0].elements(); it.hasNext(); ) {
                out.add(it.next());
            }
            ev.output(out.size());
            return out;
        }, of(OBJECT));
    }

    private static JsonNode avg(JsonNode[] a, Eval ev) {
        double sum = 0;
        for (JsonNode e : a[0]) {
            sum += e.doubleValue();
        }
        ev.steps(a[0].size());
        // go-jmespath divides by the length: an empty array gives NaN, which no JSON can hold
        return Values.number(sum / a[0].size());
    }

    private static JsonNode contains(JsonNode[] a, Eval ev) {
        if (a[0].isTextual()) {
            if (!a[1].isTextual()) {
                return Values.bool(false);
            }
            ev.steps(a[0].textValue().length() / 16);
            return Values.bool(a[0].textValue().contains(a[1].textValue()));
        }
        for (JsonNode e : a[0]) {
            if (Values.equal(e, a[1], ev)) {
                return Values.bool(true);
            }
        }
        return Values.bool(false);
    }

    private static JsonNode join(JsonNode[] a, Eval ev) {
        String sep = a[0].textValue();
        long total = 0;
        for (JsonNode e : a[1]) {
            total += e.textValue().length() + sep.length();
        }
        ev.output(total);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (JsonNode e : a[1]) {
            if (!first) {
                out.append(sep);
            }
            first = false;
            out.append(e.textValue());
        }
        return Values.text(out.toString());
    }

    private static JsonNode extreme(JsonNode arr, Eval ev, boolean max) {
        if (arr.size() == 0) {
            return Values.NULL;
        }
        ev.steps(arr.size());
        JsonNode best = arr.get(0);
        for (int i = 1; i < arr.size(); i++) {
            JsonNode e = arr.get(i);
            int c = best.isNumber() ? Double.compare(e.doubleValue(), best.doubleValue())
                    : Values.compareStrings(e.textValue(), best.textValue());
            if (best.isNumber() ? (max ? e.doubleValue() > best.doubleValue() : e.doubleValue() < best.doubleValue())
                    : (max ? c > 0 : c < 0)) {
                best = e;
            }
        }
        return best;
    }

    private static JsonNode extremeBy(JsonNode arr, JsonNode expref, Eval ev, boolean max) {
        String name = max ? "max_by" : "min_by";
        if (arr.size() == 0) {
            return Values.NULL;
        }
        if (arr.size() == 1) {
            return arr.get(0);
        }
        JsonNode start = Nodes.apply(expref, arr.get(0), ev);
        if (!start.isNumber() && !start.isTextual()) {
            throw new FunctionError(name + "(): invalid type, must be number of string");
        }
        boolean numbers = start.isNumber();
        JsonNode bestVal = start;
        JsonNode bestItem = arr.get(0);
        for (int i = 1; i < arr.size(); i++) {
            JsonNode item = arr.get(i);
            JsonNode v = Nodes.apply(expref, item, ev);
            if (numbers ? !v.isNumber() : !v.isTextual()) {
                throw new FunctionError(name + "(): invalid type, must be " + (numbers ? "number" : "string"));
            }
            int c = numbers ? Double.compare(v.doubleValue(), bestVal.doubleValue())
                    : Values.compareStrings(v.textValue(), bestVal.textValue());
            boolean better = numbers ? (max ? v.doubleValue() > bestVal.doubleValue()
                    : v.doubleValue() < bestVal.doubleValue()) : (max ? c > 0 : c < 0);
            if (better) {
                bestVal = v;
                bestItem = item;
            }
        }
        return bestItem;
    }

    private static JsonNode reverse(JsonNode[] a, Eval ev) {
        if (a[0].isTextual()) {
            String s = a[0].textValue();
            ev.output(s.length());
            int[] cps = s.codePoints().toArray();
            StringBuilder out = new StringBuilder(s.length());
            for (int i = cps.length - 1; i >= 0; i--) {
                out.appendCodePoint(cps[i]);
            }
            return Values.text(out.toString());
        }
        ArrayNode out = Values.array();
        for (int i = a[0].size() - 1; i >= 0; i--) {
            out.add(a[0].get(i));
        }
        ev.output(out.size());
        return out;
    }

    private static void chargeSort(Eval ev, int n) {
        ev.steps((long) n * (64 - Long.numberOfLeadingZeros(Math.max(1, n))));
    }

    private static JsonNode sort(JsonNode[] a, Eval ev) {
        List<JsonNode> items = new ArrayList<>(a[0].size());
        a[0].forEach(items::add);
        chargeSort(ev, items.size());
        if (!items.isEmpty() && items.get(0).isNumber()) {
            items.sort((x, y) -> Double.compare(x.doubleValue(), y.doubleValue()));
        } else {
            items.sort((x, y) -> Values.compareStrings(x.textValue(), y.textValue()));
        }
        ArrayNode out = Values.array();
        items.forEach(out::add);
        ev.output(out.size());
        return out;
    }

    private static JsonNode sortBy(JsonNode[] a, Eval ev) {
        JsonNode arr = a[0];
        if (arr.size() <= 1) {
            return arr;
        }
        JsonNode start = Nodes.apply(a[1], arr.get(0), ev);
        if (!start.isNumber() && !start.isTextual()) {
            throw new FunctionError("sort_by(): invalid type, must be number of string");
        }
        boolean numbers = start.isNumber();
        List<JsonNode[]> keyed = new ArrayList<>(arr.size());
        for (JsonNode item : arr) {
            JsonNode key = Nodes.apply(a[1], item, ev);
            if (numbers ? !key.isNumber() : !key.isTextual()) {
                throw new FunctionError("sort_by(): error in sort_by comparison (keys must all be "
                        + (numbers ? "numbers" : "strings") + ")");
            }
            keyed.add(new JsonNode[] {key, item});
        }
        chargeSort(ev, keyed.size());
        if (numbers) {
            keyed.sort((x, y) -> Double.compare(x[0].doubleValue(), y[0].doubleValue()));
        } else {
            keyed.sort((x, y) -> Values.compareStrings(x[0].textValue(), y[0].textValue()));
        }
        ArrayNode out = Values.array();
        keyed.forEach(k -> out.add(k[1]));
        ev.output(out.size());
        return out;
    }

    static JsonNode toNumber(JsonNode v) {
        if (v.isNumber()) {
            return v;
        }
        if (v.isTextual()) {
            Double d = GoStrconv.parseFloat(v.textValue());
            return d == null ? Values.NULL : Values.number(d);
        }
        return Values.NULL;
    }
}
