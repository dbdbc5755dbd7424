package dev.ferry.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as left-aligned columns under a header, for people. */
public final class Tables {
  private Tables() {}

  public static void print(PrintStream out, List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = String.valueOf(row.get(i));
        line.append(i == row.size() - 1 ? cell : String.format("%-" + (widths[i] + 2) + "s", cell));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
