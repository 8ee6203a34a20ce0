// The form's controls, built from one table: label, hint and kind of every field, each with
// its own error line (aria-describedby) where its validation messages appear.
import type { Field, FieldErrors } from './form.js';
import { PRESET_NAMES, PRESETS } from '../src/presets.js';
import { DEFAULT_MAX_ITER, DEFAULT_SEED } from '../src/limits.js';

interface FieldUi {
  label: string;
  hint?: string;
  /** Select options [value, text]; none: a text input. */
  options?: [string, string][];
  inputmode?: 'numeric' | 'decimal';
  placeholder?: string;
}

const UI: Record<Field, FieldUi> = {
  model: {
    label: 'network',
    options: [
      ['resnet', 'ResNet (shortcut)'],
      ['cnn', 'CNN (Du et al.)'],
    ],
  },
  k: { label: 'k', hint: 'patches', inputmode: 'numeric' },
  p: { label: 'p', hint: 'patch dimension', inputmode: 'numeric' },
  width: { label: 'filters', hint: "r, the student's width (SPEC §9)", inputmode: 'numeric' },
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
      ['figure5', '§6.2, a₀ = −½‖a*‖ê'],
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
    hint: 'SPEC §4',
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
    hint: 'SPEC §8',
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
  ks: { label: 'k values', hint: 'p = k' },
  trials: { label: 'trials', hint: 'per k and method', inputmode: 'numeric' },
  sweepSeed: { label: 'seed', hint: 'teachers and starts', inputmode: 'numeric', placeholder: String(DEFAULT_SEED) },
  batches: { label: 'batch sizes', hint: 'SGD; empty: GD only', placeholder: 'e.g. 1, 4, 16' },
  widths: { label: 'filters r', hint: "sweep against r; empty: the form's", placeholder: 'e.g. 1, 2, 4' },
};

/** Fills every `[data-fields="a b c"]` container with those fields' controls. */
export function buildFields(root: ParentNode): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-fields]')) {
    for (const name of box.dataset.fields!.split(' ') as Field[]) box.append(fieldElement(name, UI[name]));
  }
}

function fieldElement(name: Field, ui: FieldUi): HTMLElement {
  const div = document.createElement('div');
  div.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = name;
  label.textContent = ui.label;
  if (ui.hint) {
    const small = document.createElement('small');
    small.textContent = ui.hint;
    label.append(' ', small);
  }
  const control = ui.options ? document.createElement('select') : document.createElement('input');
  if (control instanceof HTMLSelectElement) {
    for (const [value, text] of ui.options!) control.add(new Option(text, value));
  } else {
    control.autocomplete = 'off';
    if (ui.inputmode) control.inputMode = ui.inputmode;
    if (ui.placeholder) control.placeholder = ui.placeholder;
  }
  control.id = control.name = name;
  control.setAttribute('aria-describedby', `${name}-error`);
  const error = document.createElement('p');
  error.className = 'error';
  error.id = `${name}-error`;
  div.append(label, control, error);
  return div;
}

export function control(name: Field): HTMLInputElement | HTMLSelectElement {
  return document.getElementById(name) as HTMLInputElement | HTMLSelectElement;
}

/** Shows each field's messages under it (and the rest in #form-error); clears the others. */
export function showErrors(errors: FieldErrors): void {
  for (const name of [...Object.keys(UI), 'form'] as (Field | 'form')[]) {
    const lines = errors[name] ?? [];
    document.getElementById(`${name}-error`)!.textContent = lines.join('\n');
    if (name !== 'form') control(name).setAttribute('aria-invalid', String(lines.length > 0));
  }
}
