// Every control of the page's forms: its label (which its messages use too), hint and kind. No DOM
// here: form.ts names fields in messages from it, and fields.ts builds the controls.
import type { Field } from './form.js';
import { PRESET_NAMES, PRESETS } from '../src/presets.js';
import { DEFAULT_MAX_ITER, DEFAULT_SEED } from '../src/limits.js';

export interface FieldUi {
  /** What the control is called on the page; its validation messages name it so. */
  label: string;
  hint?: string;
  /** Select options [value, text]; none: a text input. */
  options?: [string, string][];
  inputmode?: 'numeric' | 'decimal';
  placeholder?: string;
  /** A list of values (split at commas and spaces): a message about one of them says which. */
  list?: true;
}

export const FIELD_UI: Record<Field, FieldUi> = {
  model: {
    label: 'network',
    options: [
      ['resnet', 'ResNet (shortcut)'],
      ['cnn', 'CNN (Du et al.)'],
    ],
  },
  k: { label: 'k', hint: 'patches', inputmode: 'numeric' },
  p: { label: 'p', hint: 'patch dimension', inputmode: 'numeric' },
  width: { label: 'filters', hint: "r, the student's width", inputmode: 'numeric' },
  preset: {
    label: 'preset',
    hint: 'sets ‖v*‖, 1ᵀa*, spread, r',
    options: PRESET_NAMES.map((name) => [name, `${name} (${PRESETS[name].label})`]),
  },
  teacherSeed: { label: 'seed' },
  vStarNorm: { label: '‖v*‖', hint: 'w* leans away from u', inputmode: 'decimal' },
  aStarSum: { label: '1ᵀa*', hint: 'sum of a*', inputmode: 'decimal' },
  aStarSpread: { label: '‖a* − mean‖', hint: 'spread of a*', inputmode: 'decimal' },
  start: {
    label: 'start',
    options: [
      ['random', 'random, a₀ in B(0, r)'],
      ['figure5', 'Figure 5, a₀ = −½‖a*‖ê'],
    ],
  },
  initSeed: { label: 'seed' },
  radius: { label: 'r', hint: '× ‖a*‖', inputmode: 'decimal' },
  schedule: {
    label: 'step sizes',
    options: [
      ['ssw', 'warmup (two stages)'],
      ['linear-warmup', 'linear warmup'],
      ['constant', 'constant'],
    ],
  },
  etaA: { label: 'ηₐ', hint: 'second layer', inputmode: 'decimal' },
  etaV: { label: 'ηᵥ', hint: 'first layer', inputmode: 'decimal' },
  warmup: { label: 'T₁', hint: 'warmup steps', inputmode: 'numeric' },
  etaV1: { label: 'ηᵥ in stage I', inputmode: 'decimal' },
  etaA1: { label: 'ηₐ in stage I', hint: 'empty: η', inputmode: 'decimal', placeholder: 'η' },
  eta: { label: 'η', hint: 'after the warmup, both layers', inputmode: 'decimal' },
  eta0: { label: 'η₀', hint: 'at t = 0, both layers', inputmode: 'decimal' },
  decay: {
    label: 'then',
    hint: 'decay of the steps',
    options: [
      ['none', 'no decay'],
      ['step-decay', 'step decay'],
      ['cosine', 'cosine decay'],
    ],
  },
  gamma: { label: 'γ', hint: 'factor per decay', inputmode: 'decimal' },
  every: { label: 'every', hint: 'steps', inputmode: 'numeric' },
  etaMin: { label: 'η_min', hint: 'at the end', inputmode: 'decimal' },
  T: { label: 'T', hint: 'decay steps', inputmode: 'numeric' },
  maxIter: { label: 'max steps', inputmode: 'numeric', placeholder: String(DEFAULT_MAX_ITER) },
  data: {
    label: 'data',
    hint: 'exact, or sampled',
    options: [
      ['population', 'population (GD)'],
      ['online', 'online SGD'],
      ['fixed', 'fixed training set'],
    ],
  },
  batch: { label: 'B', hint: 'batch size; fixed data: empty = n', inputmode: 'numeric' },
  n: { label: 'n', hint: 'training samples', inputmode: 'numeric' },
  labelNoise: { label: 's', hint: 'label noise', inputmode: 'decimal' },
  dataSeed: { label: 'seed', hint: 'of the samples', inputmode: 'numeric' },
  ks: { label: 'k values', hint: 'p = k', list: true },
  trials: { label: 'trials', hint: 'per k and method', inputmode: 'numeric' },
  sweepSeed: { label: 'seed', hint: 'teachers and starts', inputmode: 'numeric', placeholder: String(DEFAULT_SEED) },
  batches: { label: 'batch sizes', hint: 'SGD; empty: GD only', placeholder: 'e.g. 1, 4, 16', list: true },
  widths: { label: 'filters r', hint: "sweep against r; empty: the form's", placeholder: 'e.g. 1, 2, 4', list: true },
};
