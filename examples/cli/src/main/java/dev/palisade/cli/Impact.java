package dev.palisade.cli;

import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EnforcementPoint;
import dev.palisade.core.Finding;
import dev.palisade.core.Policy;
import dev.palisade.core.PolicySet;
import dev.palisade.core.ResourceId;
import dev.palisade.core.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The difference a policy change makes over the same resources: each resource's unexempted findings
 * under the base set and under the new set, matched by {@link Finding#fingerprint()}.
 */
final class Impact {

    /** How a finding changed. */
    enum Change {
        /** Now denied: absent before, or weaker. */
        DENIED("newly denied"),
        /** Now warned: absent before, or dry run. */
        WARNED("newly warned"),
        /** Now reported in dry run: absent before. */
        DRYRUN("newly dry run"),
        /** Still reported, with a weaker action. */
        RELAXED("relaxed"),
        /** Reported before, not any more. */
        CLEARED("no longer flagged");

        final String label;

        Change(String label) {
            this.label = label;
        }
    }

    /** One changed finding. */
    record Entry(Change change, Finding finding, Optional<EnforcementAction> before, Optional<String> team) {
        ResourceId resource() {
            return finding.resource();
        }
    }

    /** Counts of distinct resources per change. */
    static final class Counts {
        final Map<Change, Set<ResourceId>> resources = new java.util.EnumMap<>(Change.class);

        void add(Entry entry) {
            resources.computeIfAbsent(entry.change(), c -> new HashSet<>()).add(entry.resource());
        }

        int of(Change change) {
            return resources.getOrDefault(change, Set.of()).size();
        }
    }

    /** A policy's recommended next enforcement step. */
    record Recommendation(String policy, boolean added, Optional<EnforcementAction> action, int flagged, String step,
            String text) {
    }

    final List<Entry> entries = new ArrayList<>();
    final Counts total = new Counts();
    final Map<String, Counts> byPolicy = new TreeMap<>();
    final Map<String, Counts> byTeam = new TreeMap<>();
    final Map<String, Counts> byNamespace = new TreeMap<>();
    final List<Recommendation> recommendations = new ArrayList<>();
    int resources;
    int basePolicies;
    int newPolicies;

    /** Compares the results of the same resource under both sets. */
    void compare(Result before, Result after, Optional<String> team) {
        resources++;
        Map<String, Finding> old = byFingerprint(before.violations());
        Map<String, Finding> now = byFingerprint(after.violations());
        for (Finding finding : now.values()) {
            Finding previous = old.get(finding.fingerprint());
            Optional<EnforcementAction> was = Optional.ofNullable(previous).map(Finding::action);
            Change change = null;
            if (previous == null || previous.action().compareTo(finding.action()) < 0) {
                change = switch (finding.action()) {
                    case DENY -> Change.DENIED;
                    case WARN -> Change.WARNED;
                    case DRYRUN -> previous == null ? Change.DRYRUN : null;
                };
            } else if (previous.action().compareTo(finding.action()) > 0) {
                change = Change.RELAXED;
            }
            if (change != null) {
                add(new Entry(change, finding, was, team));
            }
        }
        for (Finding finding : old.values()) {
            if (!now.containsKey(finding.fingerprint())) {
                add(new Entry(Change.CLEARED, finding, Optional.of(finding.action()), team));
            }
        }
        flagged(after, team);
    }

    private final Map<String, Set<ResourceId>> flaggedByPolicy = new HashMap<>();
    private final Map<String, EnforcementAction> strongestByPolicy = new HashMap<>();

    private void flagged(Result after, Optional<String> team) {
        for (Finding finding : after.violations()) {
            flaggedByPolicy.computeIfAbsent(finding.policyId(), p -> new HashSet<>()).add(finding.resource());
            strongestByPolicy.merge(finding.policyId(), finding.action(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
    }

    private void add(Entry entry) {
        entries.add(entry);
        total.add(entry);
        byPolicy.computeIfAbsent(entry.finding().policyId(), p -> new Counts()).add(entry);
        byTeam.computeIfAbsent(entry.team().orElse("(no team)"), p -> new Counts()).add(entry);
        byNamespace.computeIfAbsent(entry.resource().namespaceGroup(), p -> new Counts()).add(entry);
    }

    private static Map<String, Finding> byFingerprint(List<Finding> findings) {
        Map<String, Finding> map = new LinkedHashMap<>();
        for (Finding finding : findings) {
            map.merge(finding.fingerprint(), finding, (a, b) -> a.action().compareTo(b.action()) >= 0 ? a : b);
        }
        return map;
    }

    /**
     * The recommendation for each policy of the new set that is new or changed what it reports
     * (the rule is in docs/rollout.md):
     * nothing flagged → ready for deny; flagged while denying → not ready for deny; flagged while
     * warning → keep warn; flagged in dry run → ready for warn when at most {@code warnMax}
     * resources, else keep dry run.
     */
    void recommend(PolicySet base, PolicySet next, EnforcementPoint point, int warnMax) {
        Map<String, Policy> baseById = new HashMap<>();
        base.policies().forEach(p -> baseById.put(p.metadata().id(), p));
        basePolicies = base.policies().size();
        newPolicies = next.policies().size();
        for (Policy policy : next.policies()) {
            String id = policy.metadata().id();
            Policy before = baseById.get(id);
            boolean added = before == null;
            if (!added && !byPolicy.containsKey(id) && before.enforcement().equals(policy.enforcement())) {
                continue;
            }
            int flagged = flaggedByPolicy.getOrDefault(id, Set.of()).size();
            Optional<EnforcementAction> action = policy.enforcement().at(point)
                    .or(() -> Optional.ofNullable(strongestByPolicy.get(id)));
            String step;
            String text;
            String resources = flagged + (flagged == 1 ? " resource" : " resources");
            if (flagged == 0) {
                step = "deny";
                text = "ready for deny: nothing would be denied";
            } else if (action.isPresent() && action.get() == EnforcementAction.DENY) {
                step = "warn";
                text = "not ready for deny: " + resources + " would be denied; use warn until they are fixed or exempted";
            } else if (action.isPresent() && action.get() == EnforcementAction.WARN) {
                step = "warn";
                text = "keep warn: " + resources + " would be denied; deny when none is left";
            } else if (flagged <= warnMax) {
                step = "warn";
                text = "ready for warn: " + resources + " would warn";
            } else {
                step = "dryrun";
                text = "keep dryrun: " + resources + " would be denied";
            }
            recommendations.add(new Recommendation(id, added, action, flagged, step, text));
        }
        // policies only in the base set (removed) have their findings as CLEARED entries; no step
    }
}
