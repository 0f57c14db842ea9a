package dev.palisade.core.internal;

import dev.palisade.core.EvaluationContext;
import dev.palisade.core.EvaluationError;
import dev.palisade.core.Exemption;
import dev.palisade.core.Inventory;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.ManifestReader;
import dev.palisade.core.ManifestSink;
import dev.palisade.core.Manifests;
import dev.palisade.core.PalisadeException;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.Report;
import dev.palisade.core.Resource;
import dev.palisade.core.Result;
import dev.palisade.core.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An audit that judges resources as they are read. Memory holds the findings, one small result per
 * resource (identity and location, no JSON tree) and what the policies read from the inventory:
 * when they read some of it, a first pass keeps just those kinds (and Namespace objects), and a
 * second pass judges. Standard input is copied to a temporary file when it must be read twice.
 */
public final class StreamingAudit {
    private final PolicySet set;
    private final ManifestReader reader;
    private final EvaluationContext context;
    private final ManifestSink observer;

    public StreamingAudit(PolicySet set, ManifestReader reader, EvaluationContext context, ManifestSink observer) {
        this.set = set;
        this.reader = reader;
        this.context = context;
        this.observer = observer;
    }

    /** What the set's policies and exemptions read from the inventory, namespace labels included. */
    public static InventoryNeeds needs(PolicySet set) {
        InventoryNeeds needs = set.inventoryNeeds();
        boolean namespaceLabels = false;
        for (Policy policy : set.policies()) {
            namespaceLabels |= policy.match().namespaceSelector().isPresent();
        }
        for (Exemption exemption : set.exemptions()) {
            namespaceLabels |= exemption.match().namespaceSelector().isPresent();
        }
        return namespaceLabels ? needs.union(InventoryNeeds.kinds("/Namespace")) : needs;
    }

    public Report run(List<String> inputs) {
        InventoryNeeds needs = needs(set);
        Path spool = null;
        List<EvaluationError> errors = new ArrayList<>(set.errors());
        try {
            if (!needs.none() && inputs.contains(ManifestReader.STDIN)) {
                spool = spoolStandardInput();
            }
            EvaluationContext judging = context;
            if (!needs.none()) {
                Keeper keeper = new Keeper(needs);
                read(inputs, spool, keeper);
                judging = context.toBuilder().inventory(merged(context.inventory(), keeper.kept, keeper.namespaces))
                        .build();
            }
            ResourceEvaluator evaluator = new ResourceEvaluator(set, judging, false);
            List<Result> results = new ArrayList<>();
            read(inputs, spool, new ManifestSink() {
                @Override
                public void resource(Resource resource) {
                    results.add(evaluator.evaluate(resource));
                    observer.resource(resource);
                }

                @Override
                public void error(EvaluationError error) {
                    errors.add(error);
                    observer.error(error);
                }

                @Override
                public void reading(String file) {
                    observer.reading(file);
                }

                @Override
                public void skipped(Manifests.SkippedFile file) {
                    observer.skipped(file);
                }
            });
            return new Report(results, errors, set.metadata(), set.expiredExemptions(judging));
        } catch (PalisadeException e) {
            errors.add(EvaluationError.of(e));
            return new Report(List.of(), errors, set.metadata(), set.expiredExemptions(context));
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind is not worth failing the audit for
                }
            }
        }
    }

    /**
     * Reads the inputs in order; runs of inputs other than a spooled standard input are read in one
     * call, so that a chart named twice (or named and met in a walk) is rendered once.
     */
    private void read(List<String> inputs, Path spool, ManifestSink sink) {
        List<String> run = new ArrayList<>();
        for (String input : inputs) {
            if (input.equals(ManifestReader.STDIN) && spool != null) {
                if (!run.isEmpty()) {
                    reader.read(run, sink);
                    run = new ArrayList<>();
                }
                try (InputStream in = Files.newInputStream(spool)) {
                    reader.readStream(ManifestReader.STDIN_NAME, in, sink);
                } catch (IOException e) {
                    sink.error(EvaluationError.of(new SourceLocation(ManifestReader.STDIN_NAME, 0, 0, 0),
                            "cannot read the copy of standard input: " + e.getMessage()));
                }
            } else {
                run.add(input);
            }
        }
        if (!run.isEmpty()) {
            reader.read(run, sink);
        }
    }

    /** Copies standard input to a temporary file, at most one byte past the file-size limit. */
    private Path spoolStandardInput() {
        try {
            Path file = Files.createTempFile("palisade-stdin", ".yaml");
            long limit = reader.limits().maxFileBytes() + 1;
            byte[] buffer = new byte[64 * 1024];
            long copied = 0;
            try (InputStream in = System.in; OutputStream out = Files.newOutputStream(file)) {
                int n;
                while (copied < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) > 0) {
                    out.write(buffer, 0, n);
                    copied += n;
                }
            }
            return file;
        } catch (IOException e) {
            throw new PalisadeException("cannot copy standard input to a temporary file (it is read twice when"
                    + " policies consult other resources): " + e.getMessage(), e);
        }
    }

    /** The first pass: keeps the kinds the policies read, and Namespace objects. */
    private static final class Keeper implements ManifestSink {
        private final InventoryNeeds needs;
        private final List<Resource> kept = new ArrayList<>();
        private final Set<String> namespaces = new HashSet<>();

        Keeper(InventoryNeeds needs) {
            this.needs = needs;
        }

        @Override
        public void resource(Resource resource) {
            String group = resource.id().group();
            String kind = resource.id().kind();
            namespaces.add(resource.id().namespace());
            if (group.isEmpty() && kind.equals("Namespace")) {
                kept.add(resource);
                return;
            }
            needs.projection(group, kind).ifPresent(fields ->
                    kept.add(fields.isEmpty() ? resource : Projection.prune(resource, fields)));
        }

        @Override
        public void error(EvaluationError error) {
            // reported by the second pass
        }
    }

    /**
     * The host's inventory with the input's resources added; namespace labels the host knows for the
     * given namespaces are kept (Namespace objects in the input give their own).
     */
    public static Inventory merged(Inventory base, Collection<Resource> resources, Set<String> namespaces) {
        Map<String, Map<String, String>> labels = new HashMap<>();
        for (String namespace : namespaces) {
            base.labelsOf(namespace).ifPresent(l -> labels.put(namespace, l));
        }
        if (base.all().isEmpty()) {
            return Inventory.ofInput(resources, labels);
        }
        List<Resource> all = new ArrayList<>(base.all());
        all.addAll(resources);
        return Inventory.ofInput(all, labels);
    }
}
