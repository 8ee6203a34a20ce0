// An experiment's result files (Node only): its result object as JSON, its CSV and its picture,
// written together so that a folder never holds one run's table beside another run's picture.
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { writeFilesAtomic } from '../../io.js';
import { renderSvg } from '../../plots/render.js';

/** Writes `result`, `csv` and the SVG of `picture` into `out` under the first three of `files`: all three or none. */
export async function writeResultFiles(
  out: string,
  files: readonly string[],
  result: unknown,
  csv: string,
  picture: TopLevelSpec,
): Promise<void> {
  const svg = await renderSvg(picture);
  const [jsonPath, csvPath, picturePath] = files.map((f) => join(out, f));
  writeFilesAtomic([
    { path: jsonPath, data: JSON.stringify(result, null, 2) + '\n' },
    { path: csvPath, data: csv },
    { path: picturePath, data: svg },
  ]);
}
