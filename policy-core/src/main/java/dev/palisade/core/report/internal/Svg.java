package dev.palisade.core.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Charts as inline SVG, drawn on the server so that a page needs no script: a line chart, a sparkline
 * and horizontal bars. Each chart is an image to assistive technology ({@code role="img"}) named by its
 * {@code <title>} and described by its {@code <desc>}; each data point carries its own {@code <title>}.
 * All text is escaped. Colours come from CSS classes, so a print stylesheet can change them.
 */
public final class Svg {
    private Svg() {
    }

    /**
     * One value of a series.
     *
     * @param label what the value belongs to (a date), shown in its tooltip and on the axis
     * @param value the value, empty for a gap (nothing measured)
     * @param hollow drawn as an open circle (an incomplete run)
     */
    public record Point(String label, OptionalDouble value, boolean hollow) {
    }

    /**
     * One bar.
     *
     * @param label the bar's name
     * @param value its length, in the chart's unit
     * @param text the value as shown at the end of the bar
     * @param cssClass the class that colours it
     */
    public record Bar(String label, double value, String text, String cssClass) {
    }

    /**
     * A line chart of a series with a y axis from 0 to {@code max}; gaps split the line.
     *
     * @param id the chart's element id (its title and description get {@code -title} and {@code -desc})
     * @param title the chart's accessible name
     * @param description a text alternative: what the chart shows, in words
     * @param points the series, oldest first
     * @param max the top of the y axis
     * @param unit appended to values ({@code %})
     */
    public static String lineChart(String id, String title, String description, List<Point> points, double max,
            String unit) {
        int width = 720;
        int height = 240;
        int left = 48;
        int right = 16;
        int top = 16;
        int bottom = 40;
        double plotWidth = width - left - right;
        double plotHeight = height - top - bottom;
        StringBuilder svg = open(id, "chart line-chart", width, height, title, description);
        svg.append("<g class=\"axis\" aria-hidden=\"true\">");
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double y = top + plotHeight - plotHeight * i / 4;
            svg.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(width - right)
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>");
            svg.append("<text class=\"tick\" x=\"").append(left - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(format(value) + unit)).append("</text>");
        }
        svg.append("</g>");
        int n = points.size();
        double step = n > 1 ? plotWidth / (n - 1) : 0;
        List<StringBuilder> segments = new ArrayList<>();
        StringBuilder segment = null;
        StringBuilder circles = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Point point = points.get(i);
            double x = n > 1 ? left + step * i : left + plotWidth / 2;
            if (point.value().isEmpty()) {
                segment = null;
                continue;
            }
            double value = Math.max(0, Math.min(max, point.value().getAsDouble()));
            double y = top + plotHeight - (max > 0 ? plotHeight * value / max : 0);
            if (segment == null) {
                segment = new StringBuilder();
                segments.add(segment);
            } else {
                segment.append(' ');
            }
            segment.append(num(x)).append(',').append(num(y));
            circles.append("<circle class=\"point").append(point.hollow() ? " hollow" : "").append("\" cx=\"")
                    .append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"4\"><title>")
                    .append(Html.escape(point.label() + ": " + format(point.value().getAsDouble()) + unit
                            + (point.hollow() ? " (incomplete run)" : "")))
                    .append("</title></circle>");
        }
        for (StringBuilder line : segments) {
            if (line.indexOf(" ") > 0) {
                svg.append("<polyline class=\"line\" fill=\"none\" points=\"").append(line).append("\"/>");
            }
        }
        svg.append("<g class=\"points\">").append(circles).append("</g>");
        if (n > 0) {
            svg.append("<g class=\"axis\" aria-hidden=\"true\">");
            svg.append("<text class=\"tick\" x=\"").append(left).append("\" y=\"").append(height - 14)
                    .append("\" text-anchor=\"").append(n > 1 ? "start" : "middle").append("\">")
                    .append(Html.escape(points.get(0).label())).append("</text>");
            if (n > 1) {
                svg.append("<text class=\"tick\" x=\"").append(width - right).append("\" y=\"").append(height - 14)
                        .append("\" text-anchor=\"end\">").append(Html.escape(points.get(n - 1).label()))
                        .append("</text>");
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * A small line without axes for a table cell: the series, its last value marked.
     *
     * @param label the accessible name, which should say what the values are and how they moved
     */
    public static String sparkline(String label, List<Point> points, double max) {
        int width = 120;
        int height = 28;
        StringBuilder svg = new StringBuilder("<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\"><title>")
                .append(Html.escape(label)).append("</title>");
        double top = max > 0 ? max : 1;
        int n = points.size();
        StringBuilder line = new StringBuilder();
        double lastX = -1;
        double lastY = -1;
        for (int i = 0; i < n; i++) {
            if (points.get(i).value().isEmpty()) {
                continue;
            }
            double x = n > 1 ? 3 + (width - 6.0) * i / (n - 1) : width / 2.0;
            double y = height - 3 - (height - 6.0) * Math.max(0, Math.min(top, points.get(i).value().getAsDouble())) / top;
            line.append(line.length() == 0 ? "" : " ").append(num(x)).append(',').append(num(y));
            lastX = x;
            lastY = y;
        }
        if (line.indexOf(" ") > 0) {
            svg.append("<polyline class=\"line\" fill=\"none\" points=\"").append(line).append("\"/>");
        }
        if (lastX >= 0) {
            svg.append("<circle class=\"point\" cx=\"").append(num(lastX)).append("\" cy=\"").append(num(lastY))
                    .append("\" r=\"2.5\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one per row, scaled to {@code max}. */
    public static String barChart(String id, String title, String description, List<Bar> bars, double max) {
        int width = 720;
        int row = 26;
        int labelWidth = 200;
        int valueWidth = 70;
        int height = Math.max(row, bars.size() * row) + 8;
        StringBuilder svg = open(id, "chart bar-chart", width, height, title, description);
        double plot = width - labelWidth - valueWidth;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = 4 + i * row;
            double length = max > 0 ? plot * Math.max(0, Math.min(max, bar.value())) / max : 0;
            svg.append("<g class=\"bar ").append(Html.escape(bar.cssClass())).append("\">");
            svg.append("<title>").append(Html.escape(bar.label() + ": " + bar.text())).append("</title>");
            svg.append("<text class=\"label\" x=\"").append(labelWidth - 8).append("\" y=\"").append(num(y + 16))
                    .append("\" text-anchor=\"end\">").append(Html.escape(shorten(bar.label(), 28))).append("</text>");
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(num(y + 3)).append("\" width=\"")
                    .append(num(Math.max(length, 1))).append("\" height=\"").append(row - 8).append("\"/>");
            svg.append("<text class=\"value\" x=\"").append(num(labelWidth + length + 6)).append("\" y=\"")
                    .append(num(y + 16)).append("\">").append(Html.escape(bar.text())).append("</text>");
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String cssClass, int width, int height, String title,
            String description) {
        String safeId = Html.escape(id);
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(safeId)
                .append("\" class=\"").append(cssClass).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(safeId).append("-title ").append(safeId)
                .append("-desc\"><title id=\"").append(safeId).append("-title\">").append(Html.escape(title))
                .append("</title><desc id=\"").append(safeId).append("-desc\">").append(Html.escape(description))
                .append("</desc>");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    /** A value with at most one decimal ({@code 87.5}, {@code 100}). */
    public static String format(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
