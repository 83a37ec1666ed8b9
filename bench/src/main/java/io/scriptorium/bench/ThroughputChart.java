package io.scriptorium.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** A grouped bar chart of the throughput comparison, drawn with plain Java2D (no fonts or network needed). */
final class ThroughputChart {

	private static final Color[] SERIES = { new Color(0x2E6FBA), new Color(0xE08A1E), new Color(0x5A9E4B),
			new Color(0x8E5AA8) };

	private ThroughputChart() {
	}

	/** @param groups metric name to (series name to value), e.g. "chunks/s" to {orchestrated: 30, in-process: 25} */
	static void write(Path file, String title, Map<String, LinkedHashMap<String, Double>> groups) throws IOException {
		int width = 900;
		int height = 500;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		g.drawString(title, 20, 28);
		int left = 60;
		int top = 60;
		int bottom = height - 80;
		int plotWidth = width - left - 30;
		double max = groups.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue)
			.max().orElse(1);
		max = (max <= 0) ? 1 : max * 1.15;
		g.setStroke(new BasicStroke(1));
		g.drawLine(left, top, left, bottom);
		g.drawLine(left, bottom, left + plotWidth, bottom);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		int groupWidth = plotWidth / Math.max(1, groups.size());
		int gi = 0;
		Map<String, Color> legend = new LinkedHashMap<>();
		for (Map.Entry<String, LinkedHashMap<String, Double>> group : groups.entrySet()) {
			int x0 = left + gi * groupWidth + 20;
			int bars = group.getValue().size();
			int barWidth = Math.max(10, (groupWidth - 40) / Math.max(1, bars));
			int bi = 0;
			for (Map.Entry<String, Double> bar : group.getValue().entrySet()) {
				Color color = legend.computeIfAbsent(bar.getKey(), k -> SERIES[legend.size() % SERIES.length]);
				int barHeight = (int) ((bottom - top) * (bar.getValue() / max));
				int x = x0 + bi * barWidth;
				g.setColor(color);
				g.fillRect(x, bottom - barHeight, barWidth - 6, barHeight);
				g.setColor(Color.BLACK);
				g.drawString(String.format("%.1f", bar.getValue()), x, bottom - barHeight - 4);
				bi++;
			}
			g.drawString(group.getKey(), x0, bottom + 18);
			gi++;
		}
		int ly = height - 40;
		int lx = left;
		for (Map.Entry<String, Color> entry : legend.entrySet()) {
			g.setColor(entry.getValue());
			g.fillRect(lx, ly - 10, 12, 12);
			g.setColor(Color.BLACK);
			g.drawString(entry.getKey(), lx + 18, ly);
			lx += 40 + g.getFontMetrics().stringWidth(entry.getKey());
		}
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

}
