package dev.palisade.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.rego.internal.ast.Formatter;
import dev.palisade.rego.internal.ast.Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A differential test of the parser and the formatter: every compliance case that expects a result
 * and passes must still pass when each module is replaced by its formatted form
 * ({@code format(parse(module))}), i.e. formatting keeps the meaning.
 */
class FormattedComplianceTest {

    @Test
    void formattedModulesEvaluateTheSame() {
        Path dir = Compliance.corpus();
        assumeTrue(dir != null || System.getenv("CI") == null, "corpus absent");
        if (dir == null) {
            throw new AssertionError("OPA compliance corpus not found (CI is set)");
        }
        OpaComplianceTest.Exclusions ex = OpaComplianceTest.exclusions();
        List<String> broken = new ArrayList<>();
        int compared = 0;
        for (Compliance.Case c : Compliance.cases(dir)) {
            if (ex.excluded().containsKey(c.id()) || !c.json().has("want_result")) {
                continue;
            }
            if (!Compliance.run(c).passed()) {
                continue;
            }
            compared++;
            Compliance.Outcome o = Compliance.run(c, text -> Formatter.format(Parser.parseModule("m.rego", text, 1, 0, true)));
            if (!o.passed()) {
                broken.add(c.id() + ": " + o.detail());
            }
        }
        assertTrue(compared > 1000, "only " + compared + " cases compared");
        assertEquals(List.of(), broken);
    }
}
