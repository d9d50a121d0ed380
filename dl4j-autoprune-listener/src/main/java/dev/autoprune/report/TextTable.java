package dev.autoprune.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns are padded to their widest cell; numbers align right. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final List<boolean[]> numeric = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
        numeric.add(new boolean[header.length]);
    }

    void row(Object... cells) {
        String[] s = new String[cells.length];
        boolean[] n = new boolean[cells.length];
        for (int i = 0; i < cells.length; i++) {
            s[i] = String.valueOf(cells[i]);
            n[i] = cells[i] instanceof Number || s[i].matches("-?[0-9.]+");
        }
        rows.add(s);
        numeric.add(n);
    }

    @Override
    public String toString() {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(i == 0 ? "" : "  ").append(numeric.get(k)[i] ? pad + r[i] : r[i] + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (k == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (cols - 1))).append('\n');
            }
        }
        return sb.toString();
    }
}
