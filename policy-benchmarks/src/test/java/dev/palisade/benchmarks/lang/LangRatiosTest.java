package dev.palisade.benchmarks.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class LangRatiosTest {
    private static List<LangRatios.Row> rows() throws IOException {
        try (InputStream in = LangRatiosTest.class.getResourceAsStream("lang-run-with-incomplete-group.jmh.json")) {
            JsonNode results = new ObjectMapper().readTree(in);
            return LangRatios.read(results);
        }
    }

    @Test
    void keepsCompleteGroupsOfThisBenchmarkInExpressionOrder() throws IOException {
        List<LangRatios.Row> rows = rows();
        assertEquals(2, rows.size(), "the HOST_PATH group lacks a hand-written score and the YAML entry is another benchmark");
        assertEquals(RuleExpression.IMAGE_ALLOW_LIST, rows.get(0).expression());
        assertEquals(Deployments.Size.SMALL, rows.get(0).size());
        assertEquals(RuleExpression.STRINGS, rows.get(1).expression());
        assertEquals(Deployments.Size.LARGE, rows.get(1).size());
    }

    @Test
    void ratiosDivideTheMatchingScores() throws IOException {
        LangRatios.Row strings = rows().get(1);
        assertEquals(4.0, strings.palisadeOverCelJava(), 1e-9);
        assertEquals(2.0, strings.palisadeOverCelJavaPreconverted(), 1e-9);
        assertEquals(4.0, strings.handWrittenOverPalisade(), 1e-9);
        LangRatios.Row images = rows().get(0);
        assertEquals(100.0, images.palisadeOverCelJava(), 1e-9);
        assertEquals(1.5, images.handWrittenOverPalisade(), 1e-9);
    }

    @Test
    void geometricMeanOfTheRatios() throws IOException {
        assertEquals(20.0, LangRatios.geometricMean(rows(), LangRatios.Row::palisadeOverCelJava), 1e-9);
        assertEquals(Math.sqrt(6.0), LangRatios.geometricMean(rows(), LangRatios.Row::handWrittenOverPalisade), 1e-9);
    }

    @Test
    void markdownHasOneLinePerRowAndCountsTheGoalsMet() throws IOException {
        String table = LangRatios.markdown(rows());
        assertTrue(table.contains("| IMAGE_ALLOW_LIST | SMALL | 400,000 | 4,000 | 20,000 | 600,000 | 100.0 | 20.0 | 1.5 |"), table);
        assertTrue(table.contains("| STRINGS | LARGE | 1,000 | 250 | 500 | 4,000 | 4.0 | 2.0 | 4.0 |"), table);
        assertTrue(table.contains("Palisade ÷ cel-java 20.0 (goal ≥ 3; met by 2 of 2 rows)"), table);
        assertTrue(table.contains("hand-written ÷ Palisade 2.4 (goal ≤ 2; met by 1 of 2 rows)"), table);
    }

    @Test
    void mainInsistsOnOneResultFile() {
        assertThrows(IllegalArgumentException.class, () -> LangRatios.main(new String[0]));
    }
}
