package io.github.resilientredis.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Draws {@code benchmarks.png}: healthy-path throughput and outage p99, stock against starter.
 */
final class Chart {

	private Chart() {
	}

	static void write(Path file, List<HealthyResult> healthy, List<ScenarioResult> faults) throws IOException {
		List<CategoryChart> charts = new ArrayList<>();
		if (!healthy.isEmpty()) {
			charts.add(healthy(healthy));
		}
		if (!faults.isEmpty()) {
			charts.add(outage(faults));
		}
		if (!charts.isEmpty()) {
			BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapFormat.PNG);
		}
	}

	private static CategoryChart healthy(List<HealthyResult> results) {
		CategoryChart chart = new CategoryChartBuilder().width(1000)
			.height(420)
			.title("Healthy path (JMH, higher is better)")
			.xAxisTitle("benchmark / threads")
			.yAxisTitle("ops/s")
			.build();
		for (Variant variant : Variant.values()) {
			List<String> categories = new ArrayList<>();
			List<Double> values = new ArrayList<>();
			for (HealthyResult result : results) {
				if (result.variant() == variant) {
					categories.add(result.benchmark() + " / " + result.threads());
					values.add(result.opsPerSecond());
				}
			}
			chart.addSeries(variant.label(), categories, values);
		}
		chart.getStyler().setXAxisLabelRotation(20);
		return chart;
	}

	private static CategoryChart outage(List<ScenarioResult> results) {
		CategoryChart chart = new CategoryChartBuilder().width(1000)
			.height(360)
			.title("@Cacheable p99 latency during a 10 s outage (ms, log scale, lower is better; target 5 ms)")
			.xAxisTitle("fault")
			.yAxisTitle("p99 ms")
			.build();
		for (Variant variant : Variant.values()) {
			List<String> categories = new ArrayList<>();
			List<Double> values = new ArrayList<>();
			for (ScenarioResult result : results) {
				if (result.variant() == variant) {
					categories.add(result.fault().label());
					values.add(Math.max(0.01, result.phase("outage").p99()));
				}
			}
			chart.addSeries(variant.label(), categories, values);
		}
		chart.getStyler().setYAxisLogarithmic(true);
		// XChart's bar charts start the axis at 0 unless told otherwise, which a log axis rejects
		chart.getStyler().setYAxisMin(0.01);
		return chart;
	}

}
