package com.orderpay.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Plain line charts as PNG (Java2D, headless): latency over time, throughput against the offered rate. */
final class Charts {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0x17becf), new Color(0xbcbd22)};
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 260;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private Charts() {
    }

    /**
     * @param series name → points {x, y}, drawn in order
     * @param marker a horizontal line (e.g. the 500 ms goal), or NaN
     */
    static void lines(Path png, String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
            double marker) {
        System.setProperty("java.awt.headless", "true");
        double maxX = 1;
        double maxY = Double.isNaN(marker) ? 1 : marker * 1.1;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxY = niceCeiling(maxY);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(maxY * i / 5), 8, y + 4);
            int x = LEFT + plotW * i / 5;
            g.drawString(format(maxX * i / 5), x - 10, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString(xLabel, LEFT + plotW / 2 - 40, HEIGHT - 18);
        g.drawString(yLabel, 8, TOP - 10);
        if (!Double.isNaN(marker)) {
            int y = TOP + plotH - (int) (plotH * marker / maxY);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.drawString(format(marker), LEFT + plotW + 4, y + 4);
        }
        int index = 0;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            Color color = COLORS[index % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(1.8f));
            int[] last = null;
            for (double[] p : entry.getValue()) {
                int x = LEFT + (int) (plotW * p[0] / maxX);
                int y = TOP + plotH - (int) (plotH * Math.min(p[1], maxY) / maxY);
                if (last != null) {
                    g.drawLine(last[0], last[1], x, y);
                }
                g.fillOval(x - 2, y - 2, 4, 4);
                last = new int[] {x, y};
            }
            int legendY = TOP + 14 + 18 * index;
            g.fillRect(LEFT + plotW + 14, legendY - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), LEFT + plotW + 34, legendY);
            index++;
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static String format(double value) {
        return value >= 100 || value == Math.rint(value) ? String.valueOf(Math.round(value))
                : String.format("%.1f", value);
    }
}
