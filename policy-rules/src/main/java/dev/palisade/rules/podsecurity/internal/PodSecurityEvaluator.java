package dev.palisade.rules.podsecurity.internal;

import dev.palisade.core.PodSpecView;
import dev.palisade.rules.podsecurity.CheckFailure;
import dev.palisade.rules.podsecurity.Level;
import dev.palisade.rules.podsecurity.PodSecurityVersion;
import dev.palisade.rules.podsecurity.internal.CheckDefinition.Implementation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of one level at one policy version, compiled once, in upstream order. Immutable and
 * thread-safe; instances are shared.
 */
public final class PodSecurityEvaluator {

    private static final PodSecurityEvaluator[][] COMPILED = compileAll();

    private final List<String> ids;
    private final List<PodCheck> checks;

    private PodSecurityEvaluator(List<String> ids, List<PodCheck> checks) {
        this.ids = List.copyOf(ids);
        this.checks = List.copyOf(checks);
    }

    /** The evaluator of a level at v1.minor (already clamped). */
    public static PodSecurityEvaluator of(Level level, int minor) {
        if (minor < 0 || minor > PodSecurityVersion.NEWEST_MINOR) {
            throw new IllegalArgumentException("minor version " + minor + " out of range");
        }
        return COMPILED[level.ordinal()][minor];
    }

    /** The evaluator of a level at a parsed version. */
    public static PodSecurityEvaluator of(Level level, PodSecurityVersion version) {
        return of(level, version.minor());
    }

    private static PodSecurityEvaluator[][] compileAll() {
        PodSecurityEvaluator[][] all = new PodSecurityEvaluator[Level.values().length][];
        for (Level level : Level.values()) {
            all[level.ordinal()] = new PodSecurityEvaluator[PodSecurityVersion.NEWEST_MINOR + 1];
            for (int minor = 0; minor <= PodSecurityVersion.NEWEST_MINOR; minor++) {
                all[level.ordinal()][minor] = compile(level, minor);
            }
        }
        return all;
    }

    private static PodSecurityEvaluator compile(Level level, int minor) {
        List<String> ids = new ArrayList<>();
        List<PodCheck> checks = new ArrayList<>();
        if (level == Level.PRIVILEGED) {
            return new PodSecurityEvaluator(ids, checks);
        }
        Set<String> overridden = new HashSet<>();
        if (level == Level.RESTRICTED) {
            for (CheckDefinition definition : CheckRegistry.CHECKS) {
                if (definition.level() == Level.RESTRICTED) {
                    definition.at(minor).ifPresent(i -> overridden.addAll(i.overrides()));
                }
            }
        }
        for (CheckDefinition definition : CheckRegistry.CHECKS) {
            if (definition.level().isStricterThan(level) || overridden.contains(definition.id())) {
                continue;
            }
            Optional<Implementation> implementation = definition.at(minor);
            if (implementation.isPresent()) {
                ids.add(definition.id());
                checks.add(implementation.get().check());
            }
        }
        return new PodSecurityEvaluator(ids, checks);
    }

    /** The ids of the checks that run, in order. */
    public List<String> checkIds() {
        return ids;
    }

    /** The failed checks, in check order; empty when the pod is allowed. */
    public List<CheckFailure> evaluate(PodSpecView pod) {
        List<CheckFailure> failures = List.of();
        for (int i = 0; i < checks.size(); i++) {
            Optional<CheckFailure> failure = checks.get(i).check(pod);
            if (failure.isPresent()) {
                if (failures.isEmpty()) {
                    failures = new ArrayList<>(4);
                }
                CheckFailure f = failure.get();
                failures.add(new CheckFailure(ids.get(i), f.reason(), f.detail(), f.path()));
            }
        }
        return failures;
    }
}
