package dev.palisade.flink;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.PolicySet;
import dev.palisade.core.policy.LoadedPolicies;
import dev.palisade.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policies of a job as sources, not compiled objects: {@code builtin:} references and the text of
 * every policy file, read once on the client when the job is built. They travel with the job graph as
 * strings, and each task compiles its own {@link PolicySet} from them in {@code open()}, so no Palisade
 * object is ever serialised by Flink and a TaskManager needs no access to the client's files.
 */
public final class PolicySources implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> builtins;
    private final LinkedHashMap<String, String> texts;
    private final List<String> references;

    /**
     * Sources from built-in references and policy texts by name.
     *
     * @param builtins {@code builtin:<name>} references
     * @param texts policy documents by the name their findings and errors carry, in loading order
     */
    public PolicySources(List<String> builtins, Map<String, String> texts) {
        this(builtins, texts, List.of());
    }

    private PolicySources(List<String> builtins, Map<String, String> texts, List<String> references) {
        for (String builtin : builtins) {
            if (!builtin.startsWith(PolicyLoader.BUILTIN_PREFIX)) {
                throw new IllegalArgumentException("not a builtin: reference: " + builtin);
            }
        }
        this.builtins = List.copyOf(builtins);
        this.texts = new LinkedHashMap<>(texts);
        this.references = List.copyOf(references);
    }

    /**
     * Reads references as {@code palisade check --policy} takes them: {@code builtin:<name>} is kept as
     * it is, the files a path names ({@link PolicyLoader#files(String)}) are read. Each text is named
     * by its file's path.
     *
     * @throws PalisadeException when a path does not exist or cannot be read as UTF-8
     */
    public static PolicySources read(List<String> references) {
        List<String> builtins = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String reference : references) {
            if (reference.startsWith(PolicyLoader.BUILTIN_PREFIX)) {
                builtins.add(reference);
                continue;
            }
            List<Path> files;
            try {
                files = PolicyLoader.files(reference);
            } catch (PalisadeException e) {
                throw new PalisadeException(e.describe());
            }
            for (Path file : files) {
                try {
                    texts.put(file.toString(), StandardCharsets.UTF_8.newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString());
                } catch (CharacterCodingException e) {
                    throw new PalisadeException(file + ": policy file is not UTF-8");
                } catch (IOException e) {
                    throw new PalisadeException(file + ": cannot read policy file: " + e.getMessage());
                }
            }
        }
        return new PolicySources(builtins, texts, references);
    }

    /** The {@code builtin:} references. */
    public List<String> builtins() {
        return builtins;
    }

    /** The policy texts by name, in loading order. */
    public Map<String, String> texts() {
        return java.util.Collections.unmodifiableMap(texts);
    }

    /**
     * On the client, where the files are: loads the references these sources were {@linkplain #read read}
     * from exactly as {@code palisade check --policy} does (each file or directory must hold a policy),
     * then compiles the sources as a task will.
     *
     * @throws PalisadeException for any load error of either
     */
    public PolicySet check() {
        if (!references.isEmpty()) {
            throwOnErrors(loader().load(references));
        }
        return compile();
    }

    /**
     * Compiles the sources with every policy format and catalogue that the class loader of this
     * class provides (the job jar's, which on a TaskManager is Flink's user-code class loader).
     *
     * @throws PalisadeException listing every load error (a job must not judge a fleet with an
     *     incomplete policy set), and for policies that need other resources of the cluster
     */
    public PolicySet compile() {
        LoadedPolicies loaded = loader().load(builtins, texts);
        throwOnErrors(loaded);
        PolicySet set = PolicySet.of(loaded);
        List<String> referential = set.policies().stream().filter(p -> !judgesAlone(p.inventoryNeeds()))
                .map(p -> p.metadata().id()).toList();
        if (!referential.isEmpty()) {
            throw new PalisadeException("policies " + referential + " read other resources of a cluster (the inventory), "
                    + "which this job does not keep: it judges each resource on its own; audit them with "
                    + "palisade check on one cluster's export");
        }
        if (set.policies().isEmpty()) {
            throw new PalisadeException("no policies: give --policy builtin:<name> or a policy file");
        }
        return set;
    }

    private static PolicyLoader loader() {
        return PolicyLoader.builder().discover(PolicySources.class.getClassLoader()).build();
    }

    private static void throwOnErrors(LoadedPolicies loaded) {
        if (!loaded.errors().isEmpty()) {
            List<String> lines = loaded.errors().stream().map(EvaluationError::display).toList();
            throw new PalisadeException("the policy set has " + lines.size() + " load error"
                    + (lines.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", lines));
        }
    }

    /**
     * Whether a policy can judge a resource without the rest of its cluster: it reads nothing, or
     * only Namespace objects (namespace selectors, {@code namespaceObject}), which it then does not
     * see, exactly as {@code palisade check} does on input without Namespace objects.
     */
    static boolean judgesAlone(InventoryNeeds needs) {
        return !needs.all() && needs.kinds().keySet().stream().allMatch("/Namespace"::equals);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicySources other && builtins.equals(other.builtins) && texts.equals(other.texts)
                && references.equals(other.references);
    }

    @Override
    public int hashCode() {
        return Objects.hash(builtins, texts, references);
    }
}
