package dev.palisade.rego.internal.ast;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.ReaderLimits;
import dev.palisade.core.YamlDocument;
import dev.palisade.rego.internal.ast.Ast.ArrayTerm;
import dev.palisade.rego.internal.ast.Ast.Loc;
import dev.palisade.rego.internal.ast.Ast.Module;
import dev.palisade.rego.internal.ast.Ast.ObjectTerm;
import dev.palisade.rego.internal.ast.Ast.Rule;
import dev.palisade.rego.internal.ast.Ast.Scalar;
import dev.palisade.rego.internal.ast.Ast.SetTerm;
import dev.palisade.rego.internal.ast.Ast.Term;
import dev.palisade.rego.internal.value.ArrayValue;
import dev.palisade.rego.internal.value.BoolValue;
import dev.palisade.rego.internal.value.ObjectBuilder;
import dev.palisade.rego.internal.value.ObjectValue;
import dev.palisade.rego.internal.value.SetValue;
import dev.palisade.rego.internal.value.StringValue;
import dev.palisade.rego.internal.value.Value;
import dev.palisade.rego.internal.value.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * OPA's metadata annotations: a comment block starting with {@code # METADATA} holds YAML that
 * applies to the package or rule that follows it. Its scope is {@code rule} or {@code document} for
 * rules and {@code package} or {@code subpackages} for packages. The annotations are normalised to
 * the JSON that {@code rego.metadata.rule()} and {@code rego.metadata.chain()} return.
 */
public final class Annotations {
    private static final ManifestReader YAML = ManifestReader.create(ReaderLimits.DEFAULTS);

    private Annotations() {
    }

    /** A METADATA block: its YAML and the (absolute) lines it spans. */
    private record Block(String yaml, int firstLine, int lastLine, Loc loc) {
    }

    /** Finds the module's METADATA blocks and attaches them to the package and rules that follow. */
    static void attach(Module m, String src, int firstLine, int colOffset) {
        List<Block> blocks = blocks(m.file, src, firstLine, colOffset);
        for (Block b : blocks) {
            Rule target = null;
            for (Rule r : m.rules) {
                if (r.loc.line() > b.lastLine() && (target == null || r.loc.line() < target.loc.line())) {
                    target = r;
                }
            }
            boolean toPackage = m.packageLoc.line() > b.lastLine()
                    && (target == null || m.packageLoc.line() < target.loc.line());
            if (!toPackage && target == null) {
                throw new ParseException("metadata block is not followed by a package or rule", b.loc());
            }
            ObjectValue ann = normalise(parse(b), toPackage, b.loc());
            if (toPackage) {
                m.packageAnnotations.add(ann);
            } else if (target.annotations == null) {
                target.annotations = ann;
            } else {
                throw new ParseException("multiple metadata blocks for one rule", b.loc());
            }
        }
    }

    private static List<Block> blocks(String file, String src, int firstLine, int colOffset) {
        String[] lines = src.split("\n", -1);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (!t.startsWith("#") || !t.substring(1).strip().equals("METADATA")) {
                continue;
            }
            int start = i;
            StringBuilder yaml = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && lines[j].strip().startsWith("#")) {
                String c = lines[j].strip().substring(1);
                yaml.append(c).append('\n');
                j++;
            }
            int col = lines[start].indexOf('#') + 1 + colOffset;
            out.add(new Block(yaml.toString(), firstLine + start, firstLine + j - 1, new Loc(file, firstLine + start, col)));
            i = j - 1;
        }
        return out;
    }

    private static JsonNode parse(Block b) {
        List<YamlDocument> docs;
        try {
            docs = YAML.readDocuments(b.loc().file(), b.yaml());
        } catch (PalisadeException e) {
            throw new ParseException("yaml: " + e.getMessage(), b.loc());
        }
        if (docs.isEmpty()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        JsonNode n = docs.get(0).content();
        if (!n.isObject()) {
            throw new ParseException("metadata block must be a YAML mapping", b.loc());
        }
        return n;
    }

    private static ObjectValue normalise(JsonNode n, boolean onPackage, Loc loc) {
        ObjectBuilder o = new ObjectBuilder();
        String scope = n.path("scope").asText(onPackage ? "package" : "rule");
        boolean valid = onPackage ? scope.equals("package") || scope.equals("subpackages")
                : scope.equals("rule") || scope.equals("document");
        if (!valid) {
            throw new ParseException("invalid annotation scope '" + scope + "'"
                    + (onPackage ? ": use package or subpackages for a package" : ": use rule or document for a rule"), loc);
        }
        o.put("scope", StringValue.of(scope));
        for (String key : List.of("title", "description")) {
            if (n.hasNonNull(key)) {
                o.put(key, StringValue.of(n.get(key).asText()));
            }
        }
        if (n.path("entrypoint").asBoolean(false)) {
            o.put("entrypoint", BoolValue.TRUE);
        }
        if (n.path("organizations").isArray() && !n.get("organizations").isEmpty()) {
            List<Value> orgs = new ArrayList<>();
            n.get("organizations").forEach(x -> orgs.add(StringValue.of(x.asText())));
            o.put("organizations", ArrayValue.of(orgs));
        }
        if (n.path("related_resources").isArray() && !n.get("related_resources").isEmpty()) {
            List<Value> rr = new ArrayList<>();
            for (JsonNode r : n.get("related_resources")) {
                ObjectBuilder e = new ObjectBuilder();
                if (r.isTextual()) {
                    e.put("ref", StringValue.of(r.asText()));
                } else {
                    if (!r.hasNonNull("ref")) {
                        throw new ParseException("related resource must have a ref", loc);
                    }
                    e.put("ref", StringValue.of(r.get("ref").asText()));
                    if (r.hasNonNull("description")) {
                        e.put("description", StringValue.of(r.get("description").asText()));
                    }
                }
                rr.add(e.build());
            }
            o.put("related_resources", ArrayValue.of(rr));
        }
        if (n.path("authors").isArray() && !n.get("authors").isEmpty()) {
            List<Value> authors = new ArrayList<>();
            for (JsonNode a : n.get("authors")) {
                authors.add(a.isTextual() ? author(a.asText(), loc) : author(a, loc));
            }
            o.put("authors", ArrayValue.of(authors));
        }
        if (n.path("custom").isObject() && !n.get("custom").isEmpty()) {
            o.put("custom", Values.materialize(Values.fromJson(n.get("custom"))));
        }
        if (n.path("schemas").isArray() && !n.get("schemas").isEmpty()) {
            o.put("schemas", Values.materialize(Values.fromJson(n.get("schemas"))));
        }
        return o.build();
    }

    /** OPA's author syntax: {@code Name <email>}, the email part optional. */
    private static Value author(String s, Loc loc) {
        String[] parts = s.strip().split("\\s+");
        if (s.isBlank()) {
            throw new ParseException("author is an empty string", loc);
        }
        int nameParts = parts.length;
        String email = null;
        String last = parts[parts.length - 1];
        if (last.length() >= 2 && last.startsWith("<") && last.endsWith(">")) {
            email = last.substring(1, last.length() - 1);
            nameParts--;
        }
        ObjectBuilder b = new ObjectBuilder();
        String name = String.join(" ", java.util.Arrays.asList(parts).subList(0, nameParts));
        if (!name.isEmpty()) {
            b.put("name", StringValue.of(name));
        }
        if (email != null && !email.isEmpty()) {
            b.put("email", StringValue.of(email));
        }
        return b.build();
    }

    private static Value author(JsonNode a, Loc loc) {
        ObjectBuilder b = new ObjectBuilder();
        Iterator<Map.Entry<String, JsonNode>> it = a.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if ((e.getKey().equals("name") || e.getKey().equals("email")) && !e.getValue().asText().isEmpty()) {
                b.put(e.getKey(), StringValue.of(e.getValue().asText()));
            }
        }
        if (b.size() == 0) {
            throw new ParseException("author must have a name or an email", loc);
        }
        return b.build();
    }

    /** A constant term denoting a value. */
    public static Term term(Value v, Loc loc) {
        if (v instanceof ArrayValue a) {
            List<Term> elems = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                elems.add(term(a.get(i), loc));
            }
            return new ArrayTerm(elems, loc);
        }
        if (v instanceof SetValue s) {
            List<Term> elems = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                elems.add(term(s.get(i), loc));
            }
            return new SetTerm(elems, loc);
        }
        if (v instanceof ObjectValue o) {
            List<Term> keys = new ArrayList<>(o.size());
            List<Term> vals = new ArrayList<>(o.size());
            for (int i = 0; i < o.size(); i++) {
                keys.add(term(o.keyAt(i), loc));
                vals.add(term(o.valueAt(i), loc));
            }
            return new ObjectTerm(keys, vals, loc);
        }
        return new Scalar(v, loc);
    }
}
