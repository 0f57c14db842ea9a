package dev.palisade.core.policy;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.Resource;
import dev.palisade.core.ResourceId;
import dev.palisade.core.SourceLocation;
import dev.palisade.core.YamlDocument;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.internal.ConfiguredPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads policies from references: files or directories of policy documents, and
 * {@code builtin:<name>}. Each document goes to the {@link PolicyFormat} that reads its
 * apiVersion/kind; {@code palisade.dev/v1 BuiltinPolicy} documents configure built-in policies
 * with parameters; {@code PolicyExemption} documents become exemptions. Documents of other API
 * groups are companions (parameter objects) visible to every format. Thread-safe.
 */
public final class PolicyLoader {
    /** The prefix of built-in references. */
    public static final String BUILTIN_PREFIX = "builtin:";

    private final List<PolicyFormat> formats;
    private final Set<String> policyGroups;
    private final PolicyCatalogue catalogue;
    private final ManifestReader reader;

    private PolicyLoader(Builder builder) {
        this.formats = List.copyOf(builder.formats);
        Set<String> groups = new TreeSet<>();
        groups.add(PalisadePolicyFormat.GROUP);
        formats.forEach(format -> groups.addAll(format.apiGroups()));
        this.policyGroups = Collections.unmodifiableSet(groups);
        this.catalogue = builder.catalogue;
        this.reader = builder.reader;
    }

    /** {@return a builder with no formats and an empty catalogue; see {@link Builder#discover()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the policy formats this loader reads, in the order they are asked} */
    public List<PolicyFormat> formats() {
        return formats;
    }

    /** {@return the catalogue behind {@code builtin:} references} */
    public PolicyCatalogue catalogue() {
        return catalogue;
    }

    /**
     * Loads every reference; errors are collected, not thrown.
     *
     * @param references policy references
     * @return the policies, exemptions and errors
     */
    public LoadedPolicies load(List<String> references) {
        return load(references, Map.of());
    }

    /**
     * Loads every reference and policy documents given as text, as if each text were a file of
     * that name among the references: hosts that receive policies as strings (a job parameter, a
     * ConfigMap, a message) load them exactly as {@code palisade check --policy FILE} would, with
     * built-in configuration, exemptions and duplicate checks. Errors are collected, not thrown, and
     * locations name the text's name.
     *
     * @param references {@code builtin:<name>} references, policy files and directories
     * @param texts policy documents (YAML streams, or JSON when the name ends in {@code .json}) by
     *     the name their locations carry, read in the map's iteration order after the references; like
     *     a directory, the texts together must hold at least one policy, exemption or built-in setting
     * @return the policies, exemptions and every load error
     */
    public LoadedPolicies load(List<String> references, Map<String, String> texts) {
        List<Policy> policies = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        List<Resource> documents = new ArrayList<>();
        for (String reference : new java.util.LinkedHashSet<>(references)) {
            if (reference.startsWith(BUILTIN_PREFIX)) {
                String name = reference.substring(BUILTIN_PREFIX.length());
                Optional<List<Policy>> builtin = catalogue.resolve(name);
                if (builtin.isPresent()) {
                    policies.addAll(builtin.get());
                } else {
                    errors.add(EvaluationError.of(SourceLocation.UNKNOWN, "--policy " + reference
                            + ": unknown built-in policy '" + name + "'; the built-ins are: "
                            + String.join(", ", catalogue.names())));
                }
            } else {
                int before = documents.size();
                int errorsBefore = errors.size();
                readDocuments(reference, documents, errors);
                if (errors.size() == errorsBefore) {
                    requirePolicyDocuments(reference, documents.subList(before, documents.size()), errors);
                }
            }
        }
        int textsFrom = documents.size();
        int errorsBefore = errors.size();
        texts.forEach((name, text) -> {
            try {
                addDocuments(reader.readDocuments(name, text), documents, errors);
            } catch (PalisadeException e) {
                errors.add(EvaluationError.of(e));
            }
        });
        if (!texts.isEmpty() && errors.size() == errorsBefore) {
            requirePolicyDocuments(texts.keySet().iterator().next(), documents.subList(textsFrom, documents.size()),
                    errors);
        }
        addConfigured(policies, compileDocuments(documents, errors), documents);
        List<Exemption> exemptions = new ArrayList<>();
        for (Resource document : documents) {
            if (ExemptionReader.isExemption(document.object())) {
                try {
                    exemptions.add(ExemptionReader.read(new YamlDocument(document.object(), document.source(),
                            pointer -> Optional.of(document.locate(pointer)))));
                } catch (PalisadeException e) {
                    errors.add(EvaluationError.of(e));
                }
            }
        }
        return new LoadedPolicies(withoutDuplicates(policies, errors), exemptions, errors);
    }

    /**
     * Adds the policies compiled from documents; a policy configured by a {@code BuiltinPolicy}
     * document takes the place of the same built-in policy from a {@code builtin:} set reference
     * (configuring a check of {@code builtin:recommended} changes that check, it does not add a
     * second one).
     */
    private static void addConfigured(List<Policy> policies, List<Policy> compiled, List<Resource> documents) {
        Set<String> configured = new HashSet<>();
        for (Resource document : documents) {
            if (document.id().group().equals("palisade.dev") && document.id().kind().equals("BuiltinPolicy")) {
                configured.add(document.id().name());
            }
        }
        for (Policy policy : compiled) {
            String id = policy.metadata().id();
            int index = -1;
            if (configured.contains(id)) {
                for (int i = 0; i < policies.size() && index < 0; i++) {
                    if (policies.get(i).metadata().id().equals(id)) {
                        index = i;
                    }
                }
            }
            if (index >= 0) {
                policies.set(index, policy);
            } else {
                policies.add(policy);
            }
        }
    }

    /**
     * Compiles documents already in memory (a host's policy objects).
     *
     * @param documents the documents
     * @return the policies, exemptions and errors
     */
    public LoadedPolicies compile(List<Resource> documents) {
        List<EvaluationError> errors = new ArrayList<>();
        List<Policy> policies = compileDocuments(documents, errors);
        return new LoadedPolicies(withoutDuplicates(policies, errors), List.of(), errors);
    }

    /**
     * The files a policy reference that is not {@code builtin:} names: the file itself, or every
     * {@code .yaml}, {@code .yml} and {@code .json} file under the directory, in path order.
     *
     * @param reference a policy file or directory path
     * @return the policy files it names
     * @throws PalisadeException located at the reference when it is neither a file nor a directory,
     *     or the directory cannot be listed
     */
    public static List<Path> files(String reference) {
        Path path = Path.of(reference);
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                return walk.filter(Files::isRegularFile).filter(PolicyLoader::isPolicyFile).sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                throw new PalisadeException("cannot list: " + e.getMessage(), new SourceLocation(reference, 0, 0, 0));
            }
        } else if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        throw new PalisadeException("no such policy file or directory (use a path, or builtin:<name>)",
                new SourceLocation(reference, 0, 0, 0));
    }

    private void readDocuments(String reference, List<Resource> documents, List<EvaluationError> errors) {
        List<Path> files;
        try {
            files = files(reference);
        } catch (PalisadeException e) {
            errors.add(EvaluationError.of(e));
            return;
        }
        for (Path file : files) {
            try {
                addDocuments(reader.readDocuments(file), documents, errors);
            } catch (PalisadeException e) {
                errors.add(EvaluationError.of(e));
            }
        }
    }

    private static void addDocuments(List<YamlDocument> read, List<Resource> documents, List<EvaluationError> errors) {
        for (YamlDocument document : read) {
            JsonNode content = document.content();
            if (!content.isObject() || !content.path("apiVersion").isTextual()
                    || !content.path("kind").isTextual()) {
                errors.add(EvaluationError.of(document.source(), "policy document has no apiVersion or kind"));
                continue;
            }
            documents.add(Resource.of(content, document.source(), document.positions()));
        }
    }

    /**
     * Fails closed on a reference that holds no document this build reads as a policy or exemption:
     * a policy file whose format's module is missing from the class path (a Kyverno ClusterPolicy
     * without policy-kyverno), or a directory of something else, must not load as "no policies".
     */
    private void requirePolicyDocuments(String reference, List<Resource> read, List<EvaluationError> errors) {
        for (Resource document : read) {
            ResourceId id = document.id();
            if (ExemptionReader.isExemption(document.object())
                    || (id.group().equals("palisade.dev") && id.kind().equals("BuiltinPolicy"))
                    || formats.stream().anyMatch(f -> f.reads(id))) {
                return;
            }
        }
        String message;
        if (read.isEmpty()) {
            message = "no policy documents found (no .yaml, .yml or .json file with a policy)";
        } else {
            ResourceId first = read.get(0).id();
            SourceLocation at = read.get(0).source();
            message = "no policy documents found: " + read.size() + " document(s) of kinds this build does not read as"
                    + " policies, the first " + first.apiVersion() + " " + first.kind() + " at " + at.display()
                    + " (is the module that reads it, such as policy-kyverno for kyverno.io, on the class path?);"
                    + " this build reads: " + describeFormats();
        }
        errors.add(EvaluationError.of(new SourceLocation(reference, 0, 0, 0), message));
    }

    private static boolean isPolicyFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private List<Policy> compileDocuments(List<Resource> documents, List<EvaluationError> errors) {
        Map<PolicyFormat, List<Resource>> byFormat = new LinkedHashMap<>();
        List<Policy> policies = new ArrayList<>();
        for (Resource document : documents) {
            ResourceId id = document.id();
            if (ExemptionReader.isExemption(document.object())) {
                continue;
            }
            if (id.group().equals("palisade.dev") && id.kind().equals("BuiltinPolicy")) {
                try {
                    policies.add(configureBuiltin(document));
                } catch (PalisadeException e) {
                    errors.add(EvaluationError.of(e));
                }
                continue;
            }
            Optional<PolicyFormat> format = formats.stream().filter(f -> f.reads(id)).findFirst();
            if (format.isPresent()) {
                byFormat.computeIfAbsent(format.get(), f -> new ArrayList<>()).add(document);
            } else if (policyGroups.contains(id.group())) {
                errors.add(EvaluationError.of(document.source(), "unknown policy document " + id.apiVersion() + " "
                        + id.kind() + "; this build reads: " + describeFormats()));
            }
        }
        PolicyLoadContext context = new PolicyLoadContext() {
            @Override
            public List<Resource> allDocuments() {
                return documents;
            }

            @Override
            public void error(SourceLocation location, String message) {
                errors.add(EvaluationError.of(location, message));
            }
        };
        byFormat.forEach((format, claimed) -> {
            try {
                policies.addAll(format.compile(claimed, context));
            } catch (PalisadeException e) {
                errors.add(EvaluationError.of(e));
            }
        });
        return policies;

    }

    private Policy configureBuiltin(Resource document) {
        String name = document.id().name();
        JsonNode spec = document.object().path("spec");
        try {
            Policy base = catalogue.configure(name, spec.path("parameters"))
                    .orElseThrow(() -> new PalisadeException("unknown built-in policy '" + name
                            + "'; known: " + String.join(", ", catalogue.names())));
            return ConfiguredPolicy.configure(base, spec);
        } catch (PalisadeException e) {
            throw new PalisadeException("BuiltinPolicy '" + name + "': " + e.getMessage(), document.source(), e);
        }
    }

    private String describeFormats() {
        List<String> names = new ArrayList<>();
        names.add("palisade.dev/v1 BuiltinPolicy, PolicyExemption");
        formats.forEach(f -> names.add(f.name()));
        return String.join("; ", names);
    }

    private static List<Policy> withoutDuplicates(List<Policy> policies, List<EvaluationError> errors) {
        Map<String, Policy> byId = new LinkedHashMap<>();
        for (Policy policy : policies) {
            Policy first = byId.putIfAbsent(policy.metadata().id(), policy);
            boolean sameBuiltin = first != null && first.getClass() == policy.getClass()
                    && first.metadata().source().file().isEmpty() && policy.metadata().source().file().isEmpty();
            if (first != null && !sameBuiltin) {
                errors.add(EvaluationError.of(policy.metadata().source(), "policy id '" + policy.metadata().id()
                        + "' is loaded twice: first from " + where(first) + ", again from " + where(policy)
                        + "; the second one is ignored (policy ids must be unique: rename one, or load one reference)"));
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static String where(Policy policy) {
        SourceLocation source = policy.metadata().source();
        return source.file().isEmpty() ? "a built-in catalogue" : source.display();
    }

    /** Builds a {@link PolicyLoader}. */
    public static final class Builder {
        private final List<PolicyFormat> formats = new ArrayList<>();
        private PolicyCatalogue catalogue = PolicyCatalogue.EMPTY;
        private ManifestReader reader = ManifestReader.create();

        private Builder() {
        }

        /**
         * Adds a policy format; formats are asked in the order they were added.
         *
         * @param format a policy format
         * @return this builder
         */
        public Builder format(PolicyFormat format) {
            formats.add(java.util.Objects.requireNonNull(format, "format"));
            return this;
        }

        /**
         * Adds every {@link PolicyFormat} and {@link PolicyCatalogue} that the class path or module
         * path provides as a service (policy-core's own formats, policy-rules, policy-sigstore and any
         * optional module on the path), ordered by class name so that loading is deterministic.
         * Catalogues are combined with the one already set.
         *
         * @return this builder
         */
        public Builder discover() {
            return discover(Thread.currentThread().getContextClassLoader());
        }

        /**
         * As {@link #discover()}, with service providers looked up through the given class loader.
         *
         * @param classLoader the class loader that service providers are looked up through
         * @return this builder
         */
        public Builder discover(ClassLoader classLoader) {
            List<PolicyFormat> found = new ArrayList<>();
            ServiceLoader.load(PolicyFormat.class, classLoader).forEach(found::add);
            found.sort(java.util.Comparator.comparing(f -> f.getClass().getName()));
            for (PolicyFormat format : found) {
                if (formats.stream().noneMatch(f -> f.getClass() == format.getClass())) {
                    formats.add(format);
                }
            }
            List<PolicyCatalogue> catalogues = new ArrayList<>();
            ServiceLoader.load(PolicyCatalogue.class, classLoader).forEach(catalogues::add);
            catalogues.sort(java.util.Comparator.comparing(c -> c.getClass().getName()));
            if (catalogue != PolicyCatalogue.EMPTY) {
                catalogues.add(0, catalogue);
            }
            catalogue = PolicyCatalogue.of(catalogues);
            return this;
        }

        /**
         * Sets the catalogue behind {@code builtin:} references (replacing any set before).
         *
         * @param value the catalogue behind {@code builtin:} references
         * @return this builder
         */
        public Builder catalogue(PolicyCatalogue value) {
            this.catalogue = value;
            return this;
        }

        /**
         * Sets the reader of policy files (its limits apply to policy documents).
         *
         * @param value the reader of policy files
         * @return this builder
         */
        public Builder reader(ManifestReader value) {
            this.reader = value;
            return this;
        }

        /** {@return the loader} */
        public PolicyLoader build() {
            return new PolicyLoader(this);
        }
    }
}
