package dev.palisade.kyverno.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.palisade.kyverno.jmespath.JmesPathException;
import dev.palisade.kyverno.jmespath.internal.GoJson;
import dev.palisade.kyverno.jmespath.internal.FunctionError;
import dev.palisade.kyverno.variables.internal.Paths;
import dev.palisade.kyverno.variables.internal.Traversal;
import dev.palisade.kyverno.variables.internal.VariableScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kyverno's variable substitution ({@code pkg/engine/variables/vars.go}) over a JSON document such
 * as a policy rule, its conditions or a message:
 *
 * <ul>
 *   <li>{@code {{ expr }}} in string values and object keys is replaced by the JMESPath result; a
 *       string that is exactly one variable takes the result's JSON type, otherwise the result is
 *       interpolated (strings as is, other values as Go's JSON: {@code 3}, {@code {"a":1}},
 *       {@code null});</li>
 *   <li>nested variables resolve inside out ({@code {{ a.{{ b }} }}}), repeatedly until none is
 *       left; {@code {{- expr }}} substitutes once and escapes braces in its result;
 *       <code>\&#123;&#123;</code> is an escaped, literal <code>&#123;&#123;</code>;</li>
 *   <li>{@code {{@}}} is the value at the same path in {@code target} (or {@code request.object});
 *       on a {@code DELETE} request {@code request.object} reads as {@code request.oldObject};</li>
 *   <li>{@code $(./../path)} references another value of the same document (relative or absolute
 *       path), optionally prefixed by an operator ({@code $(<=./../max)}); {@code \$(} is escaped.</li>
 * </ul>
 *
 * <p>Every variable must resolve: a missing key, an invalid expression or a failing function
 * raises {@link SubstitutionException} naming the variable and the path, as Kyverno does in every
 * context (since Kyverno 1.7 preconditions and deny conditions too).
 */
public final class Substitution {
    private static final Pattern REFERENCES = Pattern.compile("^\\$\\(.[^\\ ]*\\)|[^\\\\]\\$\\(.[^\\ ]*\\)");
    private static final Pattern ESCAPED_REFERENCES = Pattern.compile("\\\\\\$\\(.[^\\ \\)]*\\)");
    /** Substitutions of one string stop after this many rounds (nested variables resolve in a few). */
    private static final int MAX_ROUNDS = 1000;

    private Substitution() {
    }

    /**
     * References, then variables, throughout a document ({@code SubstituteAll}). The document is
     * not modified.
     *
     * @param document the document; not modified
     * @param source resolves variables
     * @return a copy of the document with references and variables substituted
     * @throws SubstitutionException when a variable or reference cannot be resolved
     */
    public static JsonNode substituteAll(JsonNode document, VariableSource source) {
        return substituteVariables(substituteReferences(document), source);
    }

    /**
     * Variables throughout a document.
     *
     * @param document the document; not modified
     * @param source resolves variables
     * @return a copy of the document with variables substituted
     * @throws SubstitutionException when a variable cannot be resolved
     */
    public static JsonNode substituteVariables(JsonNode document, VariableSource source) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(source, "source");
        boolean delete = "DELETE".equals(source.operation());
        try {
            return Traversal.traverse(document, (value, path, key) -> substituteString(value, path, source, delete));
        } catch (Traversal.KeyNotStringException e) {
            throw new SubstitutionException(e.getMessage(), "", "", null);
        }
    }

    /**
     * Variables in one string, as if it were the value at {@code path} of a document: the result is
     * typed when the string is exactly one variable, else a string.
     *
     * @param value the string
     * @param path the JSON path the string stands at, for messages and relative references
     * @param source resolves variables
     * @return the substituted value
     * @throws SubstitutionException when a variable cannot be resolved
     */
    public static JsonNode substituteString(String value, String path, VariableSource source) {
        return substituteString(value, path, source, "DELETE".equals(source.operation()));
    }

    private static JsonNode substituteString(String value, String path, VariableSource source, boolean delete) {
        List<String> vars = VariableScanner.findAll(value);
        int rounds = 0;
        while (!vars.isEmpty()) {
            if (++rounds > MAX_ROUNDS) {
                throw new SubstitutionException("variables in '" + abbreviate(value) + "' at path " + path
                        + " do not resolve after " + MAX_ROUNDS + " rounds", value, path, null);
            }
            String originalPattern = value;
            boolean shallow = false;
            for (String found : vars) {
                boolean initial = VariableScanner.initial(found);
                String old = found;
                String v = initial ? found : found.substring(1);
                String[] parsed = braces(v);
                String variable = parsed[0];
                shallow = parsed[1] != null;
                if (variable.equals("@")) {
                    variable = currentValuePath(path, source);
                }
                if (delete) {
                    variable = variable.replace("request.object", "request.oldObject");
                }
                JsonNode substituted;
                try {
                    substituted = source.query(variable);
                } catch (JmesPathException e) {
                    throw new SubstitutionException("failed to resolve " + variable + " at path " + path
                            + ": JMESPath query failed: " + e.getMessage(), variable, path, e);
                }
                if (originalPattern.equals(v)) {
                    return substituted;
                }
                String prefix = initial ? "" : old.substring(0, 1);
                String text;
                if (substituted.isTextual()) {
                    text = substituted.textValue();
                    if (shallow) {
                        text = text.replace("{{", "\\{{");
                    }
                } else {
                    try {
                        text = GoJson.marshalJsoniter(substituted);
                    } catch (FunctionError e) {
                        throw new SubstitutionException("failed to resolve " + variable + " at path " + path + ": "
                                + e.getMessage(), variable, path, e);
                    }
                    if (shallow && !substituted.isNull()) {
                        text = text.replace("{{", "\\{{");
                    }
                }
                value = replaceFirst(value, prefix + v, prefix + text);
            }
            vars = shallow ? List.of() : VariableScanner.findAll(value);
        }
        return TextNode.valueOf(value.replace("\\{{", "{{"));
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    /** {@code replaceBracesAndTrimSpaces}: the expression, and non-null second when {@code {{- }}}. */
    private static String[] braces(String v) {
        String variable = v.replace("{{", "").replace("}}", "").strip();
        if (variable.startsWith("-")) {
            return new String[] {variable.substring(1).strip(), "shallow"};
        }
        return new String[] {variable, null};
    }

    private static String currentValuePath(String path, VariableSource source) {
        String prefix = "target";
        try {
            source.query("target");
        } catch (JmesPathException e) {
            prefix = "request.object";
        }
        List<String> pointer = Paths.parsePath(path);
        int foreach = pointer.indexOf("foreach");
        List<String> rest = new ArrayList<>(pointer.subList(foreach + 1, pointer.size()));
        rest = 2 > rest.size() - 1 ? new ArrayList<>() : new ArrayList<>(rest.subList(2, rest.size()));
        List<String> full = new ArrayList<>(List.of(prefix.split("\\.")));
        full.addAll(rest);
        return Paths.jmesPath(full);
    }

    private static List<String> findAll(Pattern pattern, String value) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(value);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String replaceFirst(String s, String target, String replacement) {
        int at = s.indexOf(target);
        if (at < 0) {
            return s;
        }
        return s.substring(0, at) + replacement + s.substring(at + target.length());
    }

    /**
     * References ({@code $(./../path)}) throughout a document.
     *
     * @param document the document; not modified
     * @return a copy of the document with references substituted
     * @throws SubstitutionException when a reference cannot be resolved
     */
    public static JsonNode substituteReferences(JsonNode document) {
        Objects.requireNonNull(document, "document");
        return Traversal.traverse(document, (value, path, key) -> {
            if (value.indexOf("$(") < 0) {
                return TextNode.valueOf(value);
            }
            String result = value;
            for (String found : findAll(REFERENCES, value)) {
                boolean initial = found.startsWith("$(");
                String old = found;
                String v = initial ? found : found.substring(1);
                JsonNode resolved = resolveReference(document, v, path);
                if (resolved == null || resolved.isNull()) {
                    throw new SubstitutionException("got nil resolved variable " + v + " at path " + path + ": <nil>",
                            v, path, null);
                }
                if (resolved.isTextual()) {
                    String replacement = (initial ? "" : old.substring(0, 1)) + resolved.textValue();
                    result = replaceFirst(result, old, replacement);
                    continue;
                }
                throw new SubstitutionException("NotResolvedReferenceErr,reference " + v + " not resolved at path "
                        + path, v, path, null);
            }
            for (String escaped : findAll(ESCAPED_REFERENCES, result)) {
                result = result.replace(escaped, escaped.substring(1));
            }
            return TextNode.valueOf(result);
        });
    }

    private static JsonNode resolveReference(JsonNode document, String reference, String absolutePath) {
        String path = trim(reference, "$()");
        String operation = operator(path);
        path = path.substring(operation.length());
        if (path.isEmpty()) {
            throw new SubstitutionException("failed to resolve " + reference + " at path " + absolutePath
                    + ": expected path, found empty reference", reference, absolutePath, null);
        }
        String target = path.startsWith("/") ? path : Paths.join(absolutePath, path);
        JsonNode[] found = {null};
        Traversal.traverse(document, (value, p, key) -> {
            if (Paths.removeAnchors(p).equals(target)) {
                found[0] = TextNode.valueOf(value);
            }
            return TextNode.valueOf(value);
        });
        JsonNode leaf = findLeaf(document, "", target);
        if (leaf != null) {
            found[0] = leaf;
        }
        if (operation.isEmpty()) {
            return found[0];
        }
        JsonNode v = found[0];
        String text;
        if (v != null && v.isTextual()) {
            text = v.textValue();
        } else if (v != null && v.isIntegralNumber()) {
            text = v.asText();
        } else if (v != null && v.isNumber()) {
            text = String.format(java.util.Locale.ROOT, "%f", v.doubleValue());
        } else {
            throw new SubstitutionException("failed to resolve " + reference + " at path " + absolutePath
                    + ": incorrect expression: operator " + operation + " does not match with value "
                    + (v == null ? "<nil>" : GoJson.marshal(v)), reference, absolutePath, null);
        }
        return TextNode.valueOf(operation + text);
    }

    /** The non-string leaves are found here (the traversal above sees strings and keys only). */
    private static JsonNode findLeaf(JsonNode node, String path, String target) {
        JsonNode result = null;
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode r = findLeaf(e.getValue(), path + "/" + e.getKey().replace("/", "\\/"), target);
                if (r != null) {
                    result = r;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode r = findLeaf(node.get(i), path + "/" + i, target);
                if (r != null) {
                    result = r;
                }
            }
        } else if (!node.isTextual() && Paths.removeAnchors(path).equals(target)) {
            result = node;
        }
        return result;
    }

    private static String trim(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** {@code operator.GetOperatorFromStringPattern}. */
    private static String operator(String pattern) {
        if (pattern.length() < 2) {
            return "";
        }
        for (String op : new String[] {">=", "<=", ">", "<", "!"}) {
            if (pattern.startsWith(op)) {
                return op;
            }
        }
        if (pattern.matches("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)!-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$")) {
            return "!-";
        }
        if (pattern.matches("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$")) {
            return "-";
        }
        return "";
    }

    /**
     * {@return the variables of a string as Kyverno finds them, without braces ({@code {{ a.b }}} gives
     * {@code a.b}); innermost first for nested ones}
     *
     * @param value the string
     */
    public static List<String> variables(String value) {
        List<String> out = new ArrayList<>();
        for (String found : VariableScanner.findAll(value)) {
            String v = VariableScanner.initial(found) ? found : found.substring(1);
            out.add(braces(v)[0]);
        }
        return out;
    }

    /**
     * Replaces every variable of a string (as found in one round) by a placeholder, keeping the
     * character before it: what one round of substitution does with string results.
     *
     * @param value the string
     * @param placeholder what each variable is replaced with
     * @return the string after one round
     */
    public static String replaceVariables(String value, String placeholder) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (String found : VariableScanner.findAll(value)) {
            int at = value.indexOf(found, from);
            boolean initial = VariableScanner.initial(found) && at == 0;
            out.append(value, from, at);
            if (!initial) {
                out.append(found.charAt(0));
            }
            out.append(placeholder);
            from = at + found.length();
        }
        out.append(value.substring(from));
        return out.toString();
    }

    /**
     * {@return whether a string contains a variable ({@code regex.IsVariable})}
     *
     * @param value the string
     */
    public static boolean hasVariables(String value) {
        return VariableScanner.any(value);
    }
}
