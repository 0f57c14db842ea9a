package dev.palisade.benchmarks.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns the JSON result of a {@link LangBenchmark} run ({@code -rf json -rff lang.json}) into the
 * ratio table for {@code docs/performance.md}: per expression and manifest, Palisade's throughput
 * divided by cel-java's (goal at least 3) and the hand-written Java's throughput divided by
 * Palisade's (goal at most 2), with geometric means over all rows.
 *
 * <p>Usage: {@code java -cp policy-benchmarks/target/benchmarks.jar
 * dev.palisade.benchmarks.lang.LangRatios lang.json}
 */
public final class LangRatios {
    private static final String PREFIX = LangBenchmark.class.getName() + ".";

    /** The four throughputs (ops/s) measured for one expression on one manifest. */
    public record Row(RuleExpression expression, Deployments.Size size, double palisade, double celJava,
            double celJavaPreconverted, double handWritten) {

        /** Palisade's throughput over cel-java's, conversion included (goal: at least 3). */
        public double palisadeOverCelJava() {
            return palisade / celJava;
        }

        /** Palisade's throughput over cel-java's on a pre-converted map. */
        public double palisadeOverCelJavaPreconverted() {
            return palisade / celJavaPreconverted;
        }

        /** How many times faster the hand-written Java is than Palisade (goal: at most 2). */
        public double handWrittenOverPalisade() {
            return handWritten / palisade;
        }
    }

    private LangRatios() {
    }

    /**
     * The rows of a JMH JSON result, in expression and size order; entries of other benchmarks,
     * and expression/size pairs that lack one of the four measurements, are left out.
     */
    public static List<Row> read(JsonNode jmhResults) {
        Map<RuleExpression, Map<Deployments.Size, Map<String, Double>>> scores = new EnumMap<>(RuleExpression.class);
        for (JsonNode result : jmhResults) {
            String benchmark = result.path("benchmark").asText();
            if (!benchmark.startsWith(PREFIX)) {
                continue;
            }
            RuleExpression expression = RuleExpression.valueOf(result.path("params").path("expression").asText());
            Deployments.Size size = Deployments.Size.valueOf(result.path("params").path("size").asText());
            scores.computeIfAbsent(expression, e -> new EnumMap<>(Deployments.Size.class))
                    .computeIfAbsent(size, s -> new LinkedHashMap<>())
                    .put(benchmark.substring(PREFIX.length()), result.path("primaryMetric").path("score").asDouble());
        }
        List<Row> rows = new ArrayList<>();
        scores.forEach((expression, bySize) -> bySize.forEach((size, byEngine) -> {
            Double palisade = byEngine.get("palisade");
            Double celJava = byEngine.get("celJavaConvertingEachTime");
            Double preconverted = byEngine.get("celJavaPreconverted");
            Double handWritten = byEngine.get("handWrittenJava");
            if (palisade != null && celJava != null && preconverted != null && handWritten != null) {
                rows.add(new Row(expression, size, palisade, celJava, preconverted, handWritten));
            }
        }));
        rows.sort(Comparator.comparing(Row::expression).thenComparing(Row::size));
        return rows;
    }

    /** A Markdown table of the rows followed by the geometric means and how many rows meet each goal. */
    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| expression | manifest | Palisade ops/s | cel-java ops/s | cel-java pre-converted ops/s"
                + " | hand-written ops/s | Palisade ÷ cel-java | Palisade ÷ cel-java pre-converted"
                + " | hand-written ÷ Palisade |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %.1f | %.1f | %.1f |%n",
                    row.expression(), row.size(), row.palisade(), row.celJava(), row.celJavaPreconverted(),
                    row.handWritten(), row.palisadeOverCelJava(), row.palisadeOverCelJavaPreconverted(),
                    row.handWrittenOverPalisade()));
        }
        if (!rows.isEmpty()) {
            out.append(String.format(Locale.ROOT,
                    "%nGeometric means over %d rows: Palisade ÷ cel-java %.1f (goal ≥ 3; met by %d of %d rows),"
                            + " Palisade ÷ cel-java pre-converted %.1f,"
                            + " hand-written ÷ Palisade %.1f (goal ≤ 2; met by %d of %d rows).%n",
                    rows.size(), geometricMean(rows, Row::palisadeOverCelJava),
                    rows.stream().filter(r -> r.palisadeOverCelJava() >= 3).count(), rows.size(),
                    geometricMean(rows, Row::palisadeOverCelJavaPreconverted),
                    geometricMean(rows, Row::handWrittenOverPalisade),
                    rows.stream().filter(r -> r.handWrittenOverPalisade() <= 2).count(), rows.size()));
        }
        return out.toString();
    }

    /** The geometric mean of a ratio over the rows. */
    public static double geometricMean(List<Row> rows, ToDoubleFunction<Row> ratio) {
        double logSum = 0;
        for (Row row : rows) {
            logSum += Math.log(ratio.applyAsDouble(row));
        }
        return Math.exp(logSum / rows.size());
    }

    /** Prints the table for the JMH JSON result file named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LangRatios <jmh-result.json> (written by -rf json -rff FILE)");
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        System.out.print(markdown(read(results)));
    }
}
