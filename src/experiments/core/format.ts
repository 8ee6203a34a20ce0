// Plain-text tables for the terminal and CSV files.

/** Columns padded to their widest entry: words left-aligned, numbers right-aligned. */
export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, j) => rows.reduce((w, r) => Math.max(w, r[j].length), 0));
  const left = rows[0].map((_, j) => j === 0 || rows.slice(1).some((r) => /^[a-z]/i.test(r[j])));
  return (
    rows
      .map((r) =>
        r
          .map((cell, j) => (left[j] ? cell.padEnd(widths[j]) : cell.padStart(widths[j])))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** CSV with a header line; the values are numbers and plain names, so nothing needs quoting. */
export function csv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

export function rate(x: number): string {
  return x.toFixed(3);
}
