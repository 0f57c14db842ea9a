package dev.palisade.rules.gatekeeper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.core.BasePolicy;
import dev.palisade.core.Operations;
import dev.palisade.core.Enforcement;
import dev.palisade.core.EnforcementAction;
import dev.palisade.core.EvaluationContext;
import dev.palisade.core.FailurePolicy;
import dev.palisade.core.FindingSink;
import dev.palisade.core.InventoryNeeds;
import dev.palisade.core.Match;
import dev.palisade.core.PolicyMetadata;
import dev.palisade.core.Resource;
import dev.palisade.rules.gatekeeper.ConstraintInput;
import dev.palisade.rules.gatekeeper.ConstraintKind;
import java.util.HashSet;
import java.util.Set;

/**
 * One Gatekeeper constraint as a Palisade policy: the template's engine run with the constraint's
 * parameters. Messages take Gatekeeper's form {@code [<constraint name>] <msg>}, and identical
 * messages of one evaluation are reported once, as Rego's violation set does. Immutable.
 */
public final class ConstraintPolicy extends BasePolicy {
    private final ConstraintKind engine;
    private final JsonNode parameters;
    private final String constraintName;
    private final String prefix;
    private final Set<String> operations;

    public ConstraintPolicy(PolicyMetadata metadata, Match match, Enforcement enforcement, FailurePolicy failurePolicy,
            ConstraintKind engine, JsonNode parameters, String constraintName) {
        this(metadata, match, enforcement, failurePolicy, engine, parameters, constraintName, Operations.CREATE_UPDATE);
    }

    private ConstraintPolicy(PolicyMetadata metadata, Match match, Enforcement enforcement, FailurePolicy failurePolicy,
            ConstraintKind engine, JsonNode parameters, String constraintName, Set<String> operations) {
        super(metadata, match, enforcement, failurePolicy);
        this.engine = engine;
        this.parameters = parameters;
        this.constraintName = constraintName;
        this.prefix = "[" + constraintName + "] ";
        this.operations = Set.copyOf(operations);
    }

    /**
     * The same constraint judging the given operations. Gatekeeper's webhook is registered for CREATE
     * and UPDATE by default, so constraints judge those; {@code gator verify} judges whatever review
     * a suite gives, DELETE included.
     */
    public ConstraintPolicy withOperations(Set<String> judged) {
        return new ConstraintPolicy(metadata(), match(), enforcement(), failurePolicy(), engine, parameters,
                constraintName, judged);
    }

    @Override
    public Set<String> operations() {
        return operations;
    }

    /** The constraint's {@code metadata.name}. */
    public String constraintName() {
        return constraintName;
    }

    /** The message as the template produced it, without the {@code [name] } prefix. */
    public String templateMessage(String findingMessage) {
        return findingMessage.startsWith(prefix) ? findingMessage.substring(prefix.length()) : findingMessage;
    }

    @Override
    public InventoryNeeds inventoryNeeds() {
        return engine.inventoryNeeds();
    }

    @Override
    public void evaluate(Resource resource, EvaluationContext context, FindingSink sink) {
        engine.evaluate(new ConstraintInput(resource, parameters, context), new GatekeeperSink(sink));
    }

    private final class GatekeeperSink implements FindingSink {
        private final FindingSink delegate;
        private Set<String> seen;

        GatekeeperSink(FindingSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void report(String message, String path) {
            if (firstTime(message)) {
                delegate.report(prefix + message, path);
            }
        }

        @Override
        public void report(String message, String path, EnforcementAction action) {
            if (firstTime(message)) {
                delegate.report(prefix + message, path, action);
            }
        }

        @Override
        public void annotate(String key, String value) {
            delegate.annotate(key, value);
        }

        private boolean firstTime(String message) {
            if (seen == null) {
                seen = new HashSet<>(4);
            }
            return seen.add(message);
        }
    }
}
