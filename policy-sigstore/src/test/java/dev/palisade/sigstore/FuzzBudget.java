package dev.palisade.sigstore;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * How long the adversarial properties run. In CI each property runs the tries its annotation gives (a few
 * hundred, seconds in all); {@code -Dpalisade.fuzz.tries=N} runs every property of a class annotated
 * {@code @AddLifecycleHook(FuzzBudget.class)} N times instead, and {@code -Dpalisade.fuzz.seed=S} repeats a
 * run (jqwik prints the seed of a failing one):
 *
 * <pre>
 * mvn -B -pl policy-sigstore test -Dtest='*Properties*' -Dpalisade.fuzz.tries=100000
 * </pre>
 */
public final class FuzzBudget implements AroundPropertyHook {
    /** The system property with the number of tries per property. */
    public static final String TRIES = "palisade.fuzz.tries";
    /** The system property with the random seed. */
    public static final String SEED = "palisade.fuzz.seed";

    /** Applies to every property of the annotated class. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /** Sets the tries and the seed from the system properties, when given. */
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES, "").strip();
        // examples (no generated parameters) run once; they read the property themselves to widen their scope
        if (!tries.isEmpty() && context.targetMethod().getParameterCount() > 0) {
            context.attributes().setTries(Integer.parseInt(tries));
        }
        String seed = System.getProperty(SEED, "").strip();
        if (!seed.isEmpty()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }
}
