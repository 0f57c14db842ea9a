package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/language.md lists every function the language declares, with its cost: the table between
 * the {@code functions} markers is exactly what the declarations say (when a function changes, this
 * test prints the table to paste).
 */
class FunctionDocsTest {
    static final String BEGIN = "<!-- functions:begin (generated from the declarations; FunctionDocsTest checks it) -->";
    static final String END = "<!-- functions:end -->";

    /** The table as the declarations produce it. */
    static String table() {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        for (FunctionInfo f : Expressions.functions(Declarations.of())) {
            String section = f.library() == null ? "standard" : f.library().name();
            StringBuilder sb = sections.computeIfAbsent(section, k -> new StringBuilder());
            String notes = (f.checksConstantArguments() ? "constant arguments checked when compiling" : "")
                    + (f.pure() ? "" : (f.checksConstantArguments() ? "; " : "") + "never folded");
            sb.append("| `").append(f.signature().replace("|", "\\|")).append("` | ")
                    .append(f.cost().replace("|", "\\|")).append(" | ").append(f.doc().replace("|", "\\|"))
                    .append(notes.isEmpty() ? "" : " (" + notes + ")").append(" |\n");
        }
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (Map.Entry<String, StringBuilder> e : sections.entrySet()) {
            out.append('\n').append("**").append(e.getKey().equals("standard") ? "Standard functions and operators"
                    : "`Library." + e.getKey() + "`").append("**\n\n");
            out.append("| call | cost | what it does |\n|---|---|---|\n").append(e.getValue());
        }
        return out.append('\n').append(END).toString();
    }

    @Test
    void theLanguagePageListsEveryFunctionWithItsCost() throws IOException {
        Path page = Path.of(System.getProperty("palisade.root", "..")).resolve("docs/language.md");
        String text = Files.readString(page);
        // the expected table, to paste into the page when it has changed
        Files.writeString(Path.of("target", "function-table.md"), table());
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/language.md has no generated function table; add:\n" + table());
        String documented = text.substring(begin, end + END.length());
        assertEquals(table(), documented, "docs/language.md's function table is out of date; replace it with the expected text");
    }

    @Test
    void everyDeclarationHasASignatureACostAndADescription() {
        List<FunctionInfo> all = Expressions.functions(Declarations.of());
        assertTrue(all.size() > 150, "declared " + all.size());
        for (FunctionInfo f : all) {
            assertTrue(!f.doc().isBlank() && !f.cost().isBlank() && !f.signature().isBlank(), f.toString());
        }
    }
}
