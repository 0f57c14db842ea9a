package dev.palisade.kyverno.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kyverno's validate patterns ({@code pkg/engine/validate} and {@code pkg/engine/anchor}): a
 * resource is walked along a pattern tree; maps match key by key with anchors evaluated first,
 * lists of maps match element by element, leaves by {@link ValuePattern}. The outcome is a pass, a
 * skip (a conditional or global anchor did not hold), or a failure at a path.
 */
public final class PatternValidator {
    private static final String NEGATION_MESSAGE = "negation anchor matched in resource";
    private static final String CONDITIONAL_MESSAGE = "conditional anchor mismatch";
    private static final String GLOBAL_MESSAGE = "global anchor mismatch";

    private PatternValidator() {
    }

    /** The outcome of matching a resource against a pattern. */
    public sealed interface Outcome permits Pass, Skip, Failure {
    }

    /** The resource matched. */
    public record Pass() implements Outcome {
    }

    /** An anchor condition did not hold: the pattern does not apply. */
    public record Skip(String message) implements Outcome {
    }

    /**
     * The resource does not match.
     *
     * @param message Kyverno's error text
     * @param path Kyverno's path ({@code /spec/containers/0/image/}), or {@code ""} when Kyverno
     *     reports none (an error rather than a failure)
     * @param pointer the JSON pointer of the offending field ({@code ""} for the whole object)
     */
    public record Failure(String message, String path, String pointer) implements Outcome {
    }

    /** Matches the resource against the pattern (Kyverno's {@code MatchPattern}). */
    public static Outcome match(JsonNode resource, JsonNode pattern) {
        AnchorMap ac = new AnchorMap();
        Result r = element(resource, pattern, new Loc("/", ""), ac);
        if (r == null) {
            return new Pass();
        }
        Err err = r.err;
        if (isSkip(err)) {
            return new Skip(err.message);
        }
        if (isNegation(err)) {
            return new Failure(err.message, r.loc.path, r.loc.pointer);
        }
        if (ac.keysAreMissing()) {
            return new Failure(err.message, "", "");
        }
        return new Failure(err.message, r.loc.path, r.loc.pointer);
    }

    /** The kinds of errors the Go code tells apart. */
    private enum Kind {
        PLAIN, CONDITIONAL, GLOBAL, NEGATION, PATTERN
    }

    /** An error: its kind, its text, and for pattern errors whether it is a skip. */
    private record Err(Kind kind, String message) {
    }

    /** A position: Kyverno's path text and the JSON pointer. */
    private record Loc(String path, String pointer) {
        Loc child(String key) {
            return new Loc(path + key + "/", pointer + "/" + escape(key));
        }

        Loc index(int i) {
            return new Loc(path + i + "/", pointer + "/" + i);
        }
    }

    /** A failed step: where it failed and why. */
    private record Result(Loc loc, Err err) {
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static boolean isSkip(Err err) {
        return isConditional(err) || isGlobal(err);
    }

    private static boolean isConditional(Err err) {
        return err.kind == Kind.CONDITIONAL || err.kind != Kind.GLOBAL && err.kind != Kind.NEGATION
                && err.message.contains(CONDITIONAL_MESSAGE);
    }

    private static boolean isGlobal(Err err) {
        return err.kind == Kind.GLOBAL || err.kind != Kind.CONDITIONAL && err.kind != Kind.NEGATION
                && err.message.contains(GLOBAL_MESSAGE);
    }

    private static boolean isNegation(Err err) {
        return err.kind == Kind.NEGATION || err.kind != Kind.CONDITIONAL && err.kind != Kind.GLOBAL
                && err.message.contains(NEGATION_MESSAGE);
    }

    private static Err plain(String message) {
        return new Err(Kind.PLAIN, message);
    }

    private static Result element(JsonNode resource, JsonNode pattern, Loc loc, AnchorMap ac) {
        if (pattern != null && pattern.isObject()) {
            if (resource == null || !resource.isObject()) {
                return new Result(loc, plain("pattern and resource have different structures. Path: " + loc.path
                        + ". Expected map[string]interface {}, found " + goType(resource)));
            }
            ac.checkAnchorInResource(pattern, resource);
            return map(resource, pattern, loc, ac);
        }
        if (pattern != null && pattern.isArray()) {
            if (resource == null || !resource.isArray()) {
                return new Result(loc, plain("validation rule failed at path " + loc.path
                        + ", resource does not satisfy the expected overlay pattern"));
            }
            return array(resource, pattern, loc, ac);
        }
        if (resource != null && resource.isArray()) {
            for (JsonNode item : resource) {
                if (!ValuePattern.validate(item, pattern)) {
                    return new Result(loc, plain("resource value '" + GoValues.sprint(resource) + "' does not match '"
                            + GoValues.sprint(pattern) + "' at path " + loc.path));
                }
            }
            return null;
        }
        if (!ValuePattern.validate(resource, pattern)) {
            return new Result(loc, plain("resource value '" + GoValues.sprint(resource) + "' does not match '"
                    + GoValues.sprint(pattern) + "' at path " + loc.path));
        }
        return null;
    }

    private static Result map(JsonNode resource, JsonNode rawPattern, Loc loc, AnchorMap ac) {
        JsonNode pattern = expandInMetadata(rawPattern, resource);
        TreeMap<String, JsonNode> anchors = new TreeMap<>();
        TreeMap<String, JsonNode> plainKeys = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<Anchor> anchor = Anchor.parse(e.getKey());
            if (anchor.isPresent() && (anchor.get().type() == Anchor.Type.CONDITION
                    || anchor.get().type() == Anchor.Type.EXISTENCE || anchor.get().type() == Anchor.Type.EQUALITY
                    || anchor.get().type() == Anchor.Type.NEGATION)) {
                anchors.put(e.getKey(), e.getValue());
            } else {
                plainKeys.put(e.getKey(), e.getValue());
            }
        }
        List<Err> skipErrors = new ArrayList<>();
        int applyCount = 0;
        for (Map.Entry<String, JsonNode> e : anchors.entrySet()) {
            Result r = handle(e.getKey(), e.getValue(), resource, loc, ac);
            if (r != null) {
                if (isSkip(r.err)) {
                    skipErrors.add(r.err);
                    continue;
                }
                if (!hasAnchorSkip(skipErrors)) {
                    return r;
                }
                continue;
            }
            applyCount++;
        }
        if (!skipErrors.isEmpty() && (applyCount == 0 || hasAnchorSkip(skipErrors))) {
            return new Result(loc, new Err(Kind.PATTERN, combine(skipErrors)));
        }
        for (String key : sortedResourceKeys(plainKeys)) {
            Result r = handle(key, plainKeys.get(key), resource, loc, ac);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Whether some skip error came straight from an anchor rather than from a nested pattern. */
    private static boolean hasAnchorSkip(List<Err> skipErrors) {
        for (Err err : skipErrors) {
            if (err.kind != Kind.PATTERN) {
                return true;
            }
        }
        return false;
    }

    private static String combine(List<Err> errors) {
        StringBuilder out = new StringBuilder();
        for (Err err : errors) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(err.message);
        }
        return out.toString();
    }

    /** Keys in Kyverno's order: those holding anchors first (pushed to the front), the rest sorted. */
    private static List<String> sortedResourceKeys(TreeMap<String, JsonNode> resources) {
        Deque<String> keys = new ArrayDeque<>();
        for (Map.Entry<String, JsonNode> e : resources.entrySet()) {
            if (Anchor.is(e.getKey(), Anchor.Type.GLOBAL) || hasNestedAnchors(e.getValue())) {
                keys.addFirst(e.getKey());
            } else {
                keys.addLast(e.getKey());
            }
        }
        return new ArrayList<>(keys);
    }

    private static boolean hasNestedAnchors(JsonNode pattern) {
        if (pattern.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Optional<Anchor> a = Anchor.parse(e.getKey());
                if (a.isPresent() && a.get().type() != Anchor.Type.ADD_IF_NOT_PRESENT) {
                    return true;
                }
            }
            for (JsonNode value : pattern) {
                if (hasNestedAnchors(value)) {
                    return true;
                }
            }
            return false;
        }
        if (pattern.isArray()) {
            for (JsonNode value : pattern) {
                if (hasNestedAnchors(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Result array(JsonNode resource, JsonNode pattern, Loc loc, AnchorMap ac) {
        if (pattern.isEmpty()) {
            return new Result(loc, plain("pattern Array empty"));
        }
        JsonNode first = pattern.get(0);
        if (first.isObject()) {
            return arrayOfMaps(resource, first, loc, ac);
        }
        if (!first.isArray()) {
            return element(resource, first, loc, ac);
        }
        if (resource.size() < pattern.size()) {
            return new Result(new Loc("", ""), plain("validate Array failed, array length mismatch, resource Array len is "
                    + resource.size() + " and pattern Array len is " + pattern.size()));
        }
        int applyCount = 0;
        List<Err> skipErrors = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            Result r = element(resource.get(i), pattern.get(i), loc.index(i), ac);
            if (r != null) {
                if (isSkip(r.err)) {
                    skipErrors.add(r.err);
                    continue;
                }
                return r;
            }
            applyCount++;
        }
        if (applyCount == 0 && !skipErrors.isEmpty()) {
            return new Result(loc, new Err(Kind.PATTERN, combine(skipErrors)));
        }
        return null;
    }

    private static Result arrayOfMaps(JsonNode resource, JsonNode patternMap, Loc loc, AnchorMap ac) {
        int applyCount = 0;
        List<Err> skipErrors = new ArrayList<>();
        for (int i = 0; i < resource.size(); i++) {
            Result r = element(resource.get(i), patternMap, loc.index(i), ac);
            if (r != null) {
                if (isSkip(r.err)) {
                    skipErrors.add(r.err);
                    continue;
                }
                return r;
            }
            applyCount++;
        }
        if (applyCount == 0 && !skipErrors.isEmpty()) {
            return new Result(loc, new Err(Kind.PATTERN, combine(skipErrors)));
        }
        return null;
    }

    private static Result handle(String key, JsonNode pattern, JsonNode resourceMap, Loc loc, AnchorMap ac) {
        Optional<Anchor> anchor = Anchor.parse(key);
        if (anchor.isPresent()) {
            String anchorKey = anchor.get().key();
            Loc current = loc.child(anchorKey);
            JsonNode value = resourceMap.get(anchorKey);
            switch (anchor.get().type()) {
                case CONDITION -> {
                    if (value == null) {
                        return new Result(current, new Err(Kind.CONDITIONAL, CONDITIONAL_MESSAGE
                                + ": conditional anchor key doesn't exist in the resource"));
                    }
                    Result r = element(value, pattern, current, ac);
                    if (r != null) {
                        Err err = new Err(Kind.CONDITIONAL, CONDITIONAL_MESSAGE + ": " + r.err.message);
                        ac.anchorError = err;
                        return new Result(r.loc, err);
                    }
                    return null;
                }
                case GLOBAL -> {
                    if (value == null) {
                        return null;
                    }
                    Result r = element(value, pattern, current, ac);
                    if (r != null) {
                        Err err = new Err(Kind.GLOBAL, GLOBAL_MESSAGE + ": " + r.err.message);
                        ac.anchorError = err;
                        return new Result(r.loc, err);
                    }
                    return null;
                }
                case EXISTENCE -> {
                    if (value == null) {
                        return null;
                    }
                    if (!value.isArray()) {
                        return new Result(current, plain("invalid resource type " + goType(value)
                                + ": Existence ^ () anchor can be used only on list/array type resource"));
                    }
                    if (!pattern.isArray()) {
                        return new Result(current, plain("invalid pattern type " + goType(pattern)
                                + ": Pattern has to be of list to compare against resource"));
                    }
                    Result last = null;
                    for (JsonNode patternMap : pattern) {
                        if (!patternMap.isObject()) {
                            return new Result(current, plain("invalid pattern type " + goType(pattern)
                                    + ": Pattern has to be of type map to compare against items in resource"));
                        }
                        last = existence(value, patternMap, current, ac);
                        if (last != null) {
                            return last;
                        }
                    }
                    return null;
                }
                case EQUALITY -> {
                    if (value == null) {
                        return null;
                    }
                    return element(value, pattern, current, ac);
                }
                case NEGATION -> {
                    if (value != null) {
                        Err err = new Err(Kind.NEGATION, NEGATION_MESSAGE + ": " + current.path + " is not allowed");
                        ac.anchorError = err;
                        return new Result(current, err);
                    }
                    return null;
                }
                default -> {
                    // add-if-absent anchors are mutation-only: validated like a plain key
                }
            }
        }
        Loc current = loc.child(key);
        JsonNode value = resourceMap.get(key);
        if (pattern.isTextual() && pattern.textValue().equals("*")) {
            if (!GoValues.isNil(value)) {
                return null;
            }
            return new Result(loc, plain(loc.path + "/" + key + " not found"));
        }
        return element(value == null ? MissingNode.getInstance() : value, pattern, current, ac);
    }

    private static Result existence(JsonNode list, JsonNode patternMap, Loc loc, AnchorMap ac) {
        for (int i = 0; i < list.size(); i++) {
            if (element(list.get(i), patternMap, loc.index(i), ac) == null) {
                return null;
            }
        }
        return new Result(loc, plain("existence anchor validation failed at path " + loc.path));
    }

    /** Go's {@code %T} of a JSON value. */
    static String goType(JsonNode node) {
        if (GoValues.isNil(node)) {
            return "<nil>";
        }
        if (node.isObject()) {
            return "map[string]interface {}";
        }
        if (node.isArray()) {
            return "[]interface {}";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.isIntegralNumber() ? "int64" : "float64";
    }

    /**
     * Kyverno's {@code wildcards.ExpandInMetadata}: label and annotation keys with wildcards in a
     * {@code metadata} pattern are replaced by the first resource key they match (string values only).
     */
    private static JsonNode expandInMetadata(JsonNode pattern, JsonNode resource) {
        String metadataKey = patternKey("metadata", pattern);
        if (metadataKey == null) {
            return pattern;
        }
        JsonNode patternMetadata = pattern.get(metadataKey);
        JsonNode resourceMetadata = resource.get("metadata");
        if (GoValues.isNil(resourceMetadata) || patternMetadata == null || !patternMetadata.isObject()) {
            return pattern;
        }
        ObjectNode metadata = null;
        for (String tag : new String[] {"labels", "annotations"}) {
            String tagKey = patternKey(tag, patternMetadata);
            if (tagKey == null || !patternMetadata.get(tagKey).isObject()) {
                continue;
            }
            Map<String, String> patternData = stringMap(patternMetadata.get(tagKey));
            String resourceTagKey = patternKey(tag, resourceMetadata);
            JsonNode resourceTag = resourceTagKey == null ? null : resourceMetadata.get(resourceTagKey);
            if (resourceTag == null || !resourceTag.isObject()) {
                continue;
            }
            Map<String, String> resourceData = stringMap(resourceTag);
            ObjectNode results = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, String> e : patternData.entrySet()) {
                String k = e.getKey();
                if (Wildcard.containsWildcard(k)) {
                    Optional<Anchor> a = Anchor.parse(k);
                    if (a.isPresent()) {
                        results.put(Anchor.write(a.get().type(), expandKey(a.get().key(), resourceData)), e.getValue());
                    } else {
                        results.put(expandKey(k, resourceData), e.getValue());
                    }
                } else {
                    results.put(k, e.getValue());
                }
            }
            if (metadata == null) {
                metadata = ((ObjectNode) patternMetadata).deepCopy();
            }
            metadata.set(tagKey, results);
        }
        if (metadata == null) {
            return pattern;
        }
        ObjectNode copy = ((ObjectNode) pattern).deepCopy();
        copy.set(metadataKey, metadata);
        return copy;
    }

    private static String expandKey(String key, Map<String, String> resourceData) {
        for (String candidate : resourceData.keySet()) {
            if (Wildcard.match(key, candidate)) {
                return candidate;
            }
        }
        return key;
    }

    private static String patternKey(String tag, JsonNode map) {
        if (!map.isObject()) {
            return null;
        }
        for (Iterator<String> it = map.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (k.equals(tag)) {
                return k;
            }
            Optional<Anchor> a = Anchor.parse(k);
            if (a.isPresent() && a.get().key().equals(tag)) {
                return k;
            }
        }
        return null;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            }
        }
        return out;
    }

    /** Which condition, existence and negation anchor keys the resource holds somewhere. */
    private static final class AnchorMap {
        private final Map<String, Boolean> present = new HashMap<>();
        private Err anchorError;

        void checkAnchorInResource(JsonNode pattern, JsonNode resource) {
            for (Iterator<String> it = pattern.fieldNames(); it.hasNext();) {
                String key = it.next();
                Optional<Anchor> a = Anchor.parse(key);
                if (a.isEmpty() || a.get().type() != Anchor.Type.CONDITION && a.get().type() != Anchor.Type.EXISTENCE
                        && a.get().type() != Anchor.Type.NEGATION) {
                    continue;
                }
                Boolean seen = present.get(key);
                if (seen == null) {
                    present.put(key, false);
                } else if (seen) {
                    continue;
                }
                if (hasKey(resource, a.get().key())) {
                    present.put(key, true);
                }
            }
        }

        private static boolean hasKey(JsonNode resource, String key) {
            if (resource.isObject()) {
                return resource.has(key);
            }
            if (resource.isArray()) {
                for (JsonNode item : resource) {
                    if (hasKey(item, key)) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean keysAreMissing() {
            for (Map.Entry<String, Boolean> e : present.entrySet()) {
                if (!e.getValue() && !Anchor.is(e.getKey(), Anchor.Type.NEGATION)) {
                    return true;
                }
            }
            return false;
        }
    }
}
