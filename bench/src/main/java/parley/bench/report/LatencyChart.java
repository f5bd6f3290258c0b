package parley.bench.report;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * An SVG percentile plot of latency distributions, the way HdrHistogram's plots read: the x axis
 * is the percentile on a log scale of 1 / (1 - p) (50%, 90%, 99%, 99.9%, 99.99%, ...), so the tail
 * gets as much room as the median; the y axis is milliseconds. One line per series. The output
 * is a self-contained file any browser shows. Stateless.
 */
public final class LatencyChart {
    /** A named distribution of microseconds. */
    public record Series(String name, Histogram micros) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final double[] TICKS = {0, 90, 99, 99.9, 99.99, 99.999};
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int POINTS = 200;

    public String svg(String title, List<Series> series) {
        List<Series> shown = series.stream().filter(s -> s.micros().getTotalCount() > 0).toList();
        double maxX = 0;
        double maxMs = 0.001;
        for (Series s : shown) {
            maxX = Math.max(maxX, x(maxPercentile(s.micros())));
            maxMs = Math.max(maxMs, s.micros().getMaxValue() / 1000.0);
        }
        maxX = Math.max(maxX, x(99.9));
        double yTop = niceCeiling(maxMs);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"25\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        axes(out, maxX, yTop);
        for (int i = 0; i < shown.size(); i++) {
            line(out, shown.get(i), COLOURS[i % COLOURS.length], maxX, yTop, i);
        }
        if (shown.isEmpty()) {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no latencies were recorded</text>%n",
                    LEFT + 20, TOP + 40));
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private void axes(StringBuilder out, double maxX, double yTop) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#444\"/>%n", LEFT, TOP, plotWidth, plotHeight));
        for (double tick : TICKS) {
            double px = LEFT + plotWidth * x(tick) / maxX;
            if (x(tick) > maxX) {
                break;
            }
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    px, TOP, px, TOP + plotHeight));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s%%</text>%n",
                    px, TOP + plotHeight + 18, tick == 0 ? "0" : trim(tick)));
        }
        for (int i = 0; i <= 5; i++) {
            double value = yTop * i / 5;
            double py = TOP + plotHeight - plotHeight * i / 5.0;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT, py, LEFT + plotWidth, py));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, py + 4, trim(value)));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 15));
        out.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" transform=\"rotate(-90 18 %d)\""
                + " text-anchor=\"middle\">latency (ms)</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2));
    }

    private void line(StringBuilder out, Series s, String colour, double maxX, double yTop, int index) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder points = new StringBuilder();
        double last = maxPercentile(s.micros());
        for (int i = 0; i <= POINTS; i++) {
            // evenly spaced on the log axis, up to the highest percentile the count resolves
            double xValue = x(last) * i / POINTS;
            double percentile = 100 * (1 - Math.pow(10, -xValue));
            double ms = s.micros().getValueAtPercentile(Math.min(100, percentile)) / 1000.0;
            double px = LEFT + plotWidth * xValue / maxX;
            double py = TOP + plotHeight - plotHeight * Math.min(1, ms / yTop);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        }
        out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, points.toString().trim()));
        int ly = TOP + 10 + 34 * index;
        out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                WIDTH - RIGHT + 12, ly, WIDTH - RIGHT + 32, ly, colour));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 38, ly + 4,
                escape(s.name())));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\" font-size=\"11\">n=%d, p99 %s ms,"
                + " max %s ms</text>%n", WIDTH - RIGHT + 38, ly + 18, s.micros().getTotalCount(),
                trim(s.micros().getValueAtPercentile(99) / 1000.0), trim(s.micros().getMaxValue() / 1000.0)));
    }

    /** log10(1 / (1 - p/100)): 50% is 0.3, 90% is 1, 99% is 2, 99.9% is 3. */
    private static double x(double percentile) {
        return percentile >= 100 ? 6 : Math.log10(1 / (1 - percentile / 100));
    }

    /** The highest percentile the sample resolves: with n values, about 1 - 1/n. */
    private static double maxPercentile(Histogram h) {
        long n = Math.max(2, h.getTotalCount());
        return Math.min(99.9999, 100 * (1 - 1.0 / n));
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.3f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
