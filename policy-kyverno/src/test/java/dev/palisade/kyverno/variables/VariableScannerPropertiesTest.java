package dev.palisade.kyverno.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.palisade.kyverno.variables.internal.VariableScanner;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written variable scanner finds exactly what Kyverno's regular expressions find (RE2, as Go). */
class VariableScannerPropertiesTest {
    private static final Pattern VARIABLES = Pattern.compile("(^|[^\\\\])(\\{\\{(?:\\{[^{}]*\\}|[^{}])*\\}\\})");
    private static final Pattern VARIABLE_INIT = Pattern.compile("^\\{\\{(\\{[^{}]*\\}|[^{}])*\\}\\}");

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('{', '}', '\\', 'a', ' ', '-').ofMaxLength(24);
    }

    @Property(tries = 5000)
    void findsWhatTheRegularExpressionFinds(@ForAll("texts") String s) {
        List<String> expected = new ArrayList<>();
        Matcher m = VARIABLES.matcher(s);
        while (m.find()) {
            expected.add(m.group());
        }
        assertEquals(expected, VariableScanner.findAll(s), s);
        for (String found : expected) {
            assertEquals(VARIABLE_INIT.matcher(found).find(), VariableScanner.initial(found), found);
        }
    }
}
