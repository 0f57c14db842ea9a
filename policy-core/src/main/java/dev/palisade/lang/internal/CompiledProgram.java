package dev.palisade.lang.internal;

import dev.palisade.lang.Bindings;
import dev.palisade.lang.CostLimitExceededException;
import dev.palisade.lang.CostMeter;
import dev.palisade.lang.EvaluationException;
import dev.palisade.lang.Program;
import java.util.Map;
import java.util.Objects;

/** An immutable planned expression. */
final class CompiledProgram implements Program {
    private final String source;
    private final Node root;
    private final int slots;
    private final java.util.Set<String> variables;

    CompiledProgram(String source, Node root, int slots, java.util.Set<String> variables) {
        this.source = source;
        this.root = root;
        this.slots = slots;
        this.variables = java.util.Set.copyOf(variables);
    }

    @Override
    public java.util.Set<String> variables() {
        return variables;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Object evaluate(Map<String, ?> bindings) {
        Objects.requireNonNull(bindings, "bindings");
        return evaluate(Bindings.of(bindings), CostMeter.kubernetes());
    }

    @Override
    public Object evaluate(Bindings bindings, CostMeter meter) {
        Objects.requireNonNull(bindings, "bindings");
        Objects.requireNonNull(meter, "meter");
        meter.startCall();
        long budgetLeft = meter.budget() - meter.used();
        long allowance = Math.min(meter.perCallLimit(), budgetLeft);
        Frame f = new Frame(bindings, slots, allowance);
        try {
            return root.eval(f);
        } catch (CelError e) {
            throw new EvaluationException(e.getMessage(), source, Math.max(0, e.offset()));
        } catch (CostExceeded e) {
            boolean perCall = meter.perCallLimit() <= budgetLeft;
            String reason = perCall
                    ? "cost limit exceeded: the expression used more than its per-call limit of " + meter.perCallLimit()
                            + " cost units; reduce list sizes or nested iterations"
                    : "cost budget exhausted: the expressions of this policy evaluation used more than the budget of "
                            + meter.budget() + " cost units";
            throw new CostLimitExceededException(reason, source, 0, perCall ? meter.perCallLimit() : meter.budget());
        } catch (StackOverflowError e) {
            throw new EvaluationException("evaluation nested too deeply", source, 0);
        } catch (ClassCastException | IllegalArgumentException | IndexOutOfBoundsException
                | UnsupportedOperationException | ArithmeticException e) {
            throw new EvaluationException(
                    "internal evaluation error (please report it with the expression): " + e, source, 0);
        } finally {
            meter.add(allowance - Math.max(f.remaining, -1) );
        }
    }

    @Override
    public String toString() {
        return "Program[" + source + "]";
    }
}
