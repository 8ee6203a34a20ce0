// The form's controls, built from their table (fieldTable.ts), each with its own error line
// (aria-describedby) where its validation messages appear.
import type { Field, FieldErrors } from './form.js';
import { FIELD_UI as UI, type FieldUi } from './fieldTable.js';

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
