package dev.palisade.core.report;

import dev.palisade.core.EvaluationError;
import dev.palisade.core.Finding;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Report;
import dev.palisade.core.Result;
import dev.palisade.core.Severity;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The compliance of a run: every (resource, policy) pair that was evaluated
 * ({@link Result#evaluated()}) is <em>passed</em> (no finding), <em>failed</em> (an unexempted
 * violation, whatever its action), <em>errored</em> (the policy could not be evaluated on the
 * resource: fail closed, it counts as failing) or <em>exempted</em> (only exempted findings; left out
 * of the score). The score is the share of the weight of passed pairs in the weight of passed,
 * failed and errored pairs, where a pair weighs its policy's declared severity's
 * {@link Severity#securityScore()} (critical 9.5, high 8, medium 5.5, low 3, info 0: informational
 * policies do not move the score).
 *
 * @param overall the whole run
 * @param byTeam per owning team ({@link Owners}), sorted by name
 * @param byPolicy per policy id, sorted
 * @param byNamespace per namespace ({@code ""}: cluster scope), sorted
 */
public record Compliance(Score overall, Map<String, Group> byTeam, Map<String, Group> byPolicy,
        Map<String, Group> byNamespace) {

    /**
     * Copies the maps, sorted by name.
     *
     * @param overall the whole run
     * @param byTeam per owning team ({@link Owners}), sorted by name
     * @param byPolicy per policy id, sorted
     * @param byNamespace per namespace ({@code ""}: cluster scope), sorted
     */
    public Compliance {
        Objects.requireNonNull(overall, "overall");
        byTeam = Collections.unmodifiableMap(new TreeMap<>(byTeam));
        byPolicy = Collections.unmodifiableMap(new TreeMap<>(byPolicy));
        byNamespace = Collections.unmodifiableMap(new TreeMap<>(byNamespace));
    }

    /**
     * {@return the weight of a pair whose policy has this severity}
     *
     * @param severity the severity
     */
    public static double weight(Severity severity) {
        return severity.securityScore();
    }

    /**
     * Computes the compliance of a report, with teams from the owners.
     *
     * @param report the report
     * @param owners the owners of resources
     * @return the compliance
     */
    public static Compliance of(Report report, Owners owners) {
        Map<String, Severity> declared = new HashMap<>();
        for (PolicyMetadata policy : report.policies()) {
            declared.putIfAbsent(policy.id(), policy.severity());
        }
        Tally overall = new Tally();
        Map<String, Tally> teams = new HashMap<>();
        Map<String, Tally> policies = new HashMap<>();
        Map<String, Tally> namespaces = new HashMap<>();
        for (Result result : report.results()) {
            String team = owners.teamOf(result.id());
            String namespace = result.id().namespace();
            Tally teamTally = teams.computeIfAbsent(team, t -> new Tally());
            Tally namespaceTally = namespaces.computeIfAbsent(namespace, n -> new Tally());
            teamTally.resources++;
            namespaceTally.resources++;
            overall.resources++;
            Map<String, Severity> failed = new HashMap<>();
            Set<String> errored = new HashSet<>();
            Set<String> exempted = new HashSet<>();
            for (Finding finding : result.violations()) {
                failed.merge(finding.policyId(), finding.severity(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                overall.violations++;
                teamTally.violations++;
                namespaceTally.violations++;
                policies.computeIfAbsent(finding.policyId(), p -> new Tally()).violations++;
            }
            for (EvaluationError error : result.errors()) {
                if (!error.policyId().isEmpty()) {
                    errored.add(error.policyId());
                }
            }
            for (Finding finding : result.suppressed()) {
                exempted.add(finding.policyId());
            }
            for (String policy : result.evaluated()) {
                Severity severity = declared.getOrDefault(policy, failed.getOrDefault(policy, Severity.MEDIUM));
                Outcome outcome = errored.contains(policy) ? Outcome.ERRORED
                        : failed.containsKey(policy) ? Outcome.FAILED
                        : exempted.contains(policy) ? Outcome.EXEMPTED : Outcome.PASSED;
                double weight = weight(severity);
                overall.add(outcome, weight);
                teamTally.add(outcome, weight);
                namespaceTally.add(outcome, weight);
                Tally policyTally = policies.computeIfAbsent(policy, p -> new Tally());
                policyTally.resources++;
                policyTally.add(outcome, weight);
            }
        }
        return new Compliance(overall.score(), groups(teams), groups(policies), groups(namespaces));
    }

    private static Map<String, Group> groups(Map<String, Tally> tallies) {
        Map<String, Group> groups = new TreeMap<>();
        tallies.forEach((name, tally) -> groups.put(name, new Group(tally.resources, tally.violations, tally.score())));
        return groups;
    }

    /** What happened to one evaluated (resource, policy) pair. */
    private enum Outcome { PASSED, FAILED, ERRORED, EXEMPTED }

    private static final class Tally {
        int resources;
        int violations;
        int passed;
        int failed;
        int errored;
        int exempted;
        double passedWeight;
        double scoredWeight;

        void add(Outcome outcome, double weight) {
            switch (outcome) {
                case PASSED -> {
                    passed++;
                    passedWeight += weight;
                    scoredWeight += weight;
                }
                case FAILED -> {
                    failed++;
                    scoredWeight += weight;
                }
                case ERRORED -> {
                    errored++;
                    scoredWeight += weight;
                }
                case EXEMPTED -> exempted++;
            }
        }

        Score score() {
            return new Score(passed, failed, errored, exempted, passedWeight, scoredWeight);
        }
    }

    /**
     * Counts of evaluated (resource, policy) pairs by outcome, and the weights the score is made of.
     *
     * @param passed pairs without findings
     * @param failed pairs with an unexempted violation
     * @param errored pairs whose policy could not be evaluated on the resource
     * @param exempted pairs whose findings were all exempted (not scored)
     * @param passedWeight summed weight of the passed pairs
     * @param scoredWeight summed weight of the passed, failed and errored pairs
     */
    public record Score(int passed, int failed, int errored, int exempted, double passedWeight,
            double scoredWeight) {

        /** A score of nothing evaluated. */
        public static final Score EMPTY = new Score(0, 0, 0, 0, 0, 0);

        /** {@return every evaluated pair} */
        public int pairs() {
            return passed + failed + errored + exempted;
        }

        /**
         * {@return the score in percent ({@code 100 * passedWeight / scoredWeight}); empty when nothing with a
         * weight was evaluated (no pairs, or only informational policies)}
         */
        public OptionalDouble percent() {
            return scoredWeight > 0 ? OptionalDouble.of(100.0 * passedWeight / scoredWeight) : OptionalDouble.empty();
        }
    }

    /**
     * The compliance of a part of the run.
     *
     * @param resources resources in the part (for a policy: resources it was evaluated on)
     * @param violations unexempted violations in the part
     * @param score its score
     */
    public record Group(int resources, int violations, Score score) {
        /**
         * Checks that the score is present.
         *
         * @param resources resources in the part (for a policy: resources it was evaluated on)
         * @param violations unexempted violations in the part
         * @param score its score
         */
        public Group {
            Objects.requireNonNull(score, "score");
        }
    }

    /** {@return the teams, most violations first, then by name} */
    public List<Map.Entry<String, Group>> teamsByViolations() {
        return byTeam.entrySet().stream()
                .sorted((a, b) -> a.getValue().violations() != b.getValue().violations()
                        ? Integer.compare(b.getValue().violations(), a.getValue().violations())
                        : a.getKey().compareTo(b.getKey()))
                .toList();
    }
}
