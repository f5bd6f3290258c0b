package parley.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyChartTest {

    @Test
    void plotsOneLabelledLinePerSeriesOnAPercentileAxis() {
        Histogram fast = new Histogram(3);
        Histogram slow = new Histogram(3);
        for (int i = 1; i <= 10_000; i++) {
            fast.recordValue(100 + i % 50);
            slow.recordValue(1_000 + i);
        }

        String svg = new LatencyChart().svg("a <run> & more", List.of(new LatencyChart.Series("send -> ack", fast),
                new LatencyChart.Series("send -> deliver", slow)));

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains("send -&gt; ack", "send -&gt; deliver", "a &lt;run&gt; &amp; more", "99.9%",
                "latency (ms)", "n=10000");
    }

    @Test
    void anEmptyDistributionSaysSoInsteadOfPlotting() {
        String svg = new LatencyChart().svg("nothing", List.of(new LatencyChart.Series("acks", new Histogram(3))));

        assertThat(svg).contains("no latencies were recorded").doesNotContain("<polyline");
    }

    @Test
    void theChartGoesNextToTheJsonResult() {
        assertThat(ScenarioOutput.chartPath(Path.of("out/run.json"))).isEqualTo(Path.of("out/run-latency.svg"));
        assertThat(ScenarioOutput.chartPath(Path.of("result"))).isEqualTo(Path.of("result-latency.svg"));
    }
}
