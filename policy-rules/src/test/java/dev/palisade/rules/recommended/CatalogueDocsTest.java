package dev.palisade.rules.recommended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.rules.recommended.internal.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/rules is rendered from the checks: every check has its page, the index lists the set by
 * category and standard, and README.md carries the severity table. Run with
 * {@code -Dpalisade.writeDocs=true} to rewrite them after changing a check.
 */
class CatalogueDocsTest {

    private static final Path RULES = Path.of("..", "docs", "rules");
    private static final boolean WRITE = Boolean.getBoolean("palisade.writeDocs");
    private static final String TABLE_START = "<!-- severity-table:start -->\n";
    private static final String TABLE_END = "<!-- severity-table:end -->";

    private static void check(Path file, String expected) throws IOException {
        if (WRITE) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing; run the tests with -Dpalisade.writeDocs=true");
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8),
                file + " is out of date; run the tests with -Dpalisade.writeDocs=true");
    }

    @Test
    void everyCheckHasItsPage() throws IOException {
        for (Check check : CatalogueDocs.documented()) {
            check(RULES.resolve(check.metadata().id() + ".md"), CatalogueDocs.page(check));
        }
    }

    @Test
    void indexListsTheSetByCategoryAndStandard() throws IOException {
        check(RULES.resolve("recommended.md"), CatalogueDocs.index());
    }

    @Test
    void readmeCarriesTheSeverityTable() throws IOException {
        Path readme = RULES.resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(TABLE_START);
        int end = text.indexOf(TABLE_END);
        assertTrue(start >= 0 && end > start, "README.md needs the severity-table markers");
        String expected = text.substring(0, start + TABLE_START.length()) + CatalogueDocs.severityTable()
                + text.substring(end);
        check(readme, expected);
    }
}
