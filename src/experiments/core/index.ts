// The browser-safe experiments core (no Node modules): planning, the batch loop, results and text.
/**
 * The experiments without Node (browsers, web workers): planning, the batch loop, results, CSV and text:
 * `import … from 'shortcut-sim/core'`.
 * @module shortcut-sim/core
 */
export {
  runTrials,
  AbortError,
  DEFAULT_EXPERIMENT_ENGINE,
  type Progress,
  type RunControl,
  type Runner,
  type RunBatch,
  type TrialRecord,
  type TrialsOptions,
} from './run.js';
export { batchRunner, type SummaryEngine } from './batchRunner.js';
export type { Batch, Cell, CellData } from './cell.js';
export {
  parseSweepConfig,
  sweepCells,
  runSweepTrials,
  sweepAggregate,
  formatSweep,
  type SweepAggregate,
  type SweepConfig,
} from './sweep.js';
export {
  table1Plan,
  table1Result,
  table1Csv,
  formatTable1,
  TABLE1_K,
  TABLE1_TRIALS,
  type Table1,
  type Table1Row,
  type Table1Spec,
  type Table1Comparison,
  type Table1ComparedCell,
} from './table1.js';
export type { FitTargetFile } from './fitTarget.js';
export { sgdPlan, sgdResult, sgdCsv, formatSgd, SGD_K, SGD_BATCHES, SGD_TRIALS, type SgdTable, type SgdRow, type SgdSpec } from './sgd.js';
export {
  widthPlan,
  widthResult,
  widthCsv,
  formatWidth,
  WIDTH_K,
  WIDTH_R,
  WIDTH_TRIALS,
  type WidthTable,
  type WidthRow,
  type WidthSpec,
} from './width.js';
export { figure5Result, figure5Csv, formatFigure5, FIGURE5_METHODS, type Figure5, type Figure5Run } from './figure5.js';
export type { CellSummary, SweepRow } from './aggregate.js';
