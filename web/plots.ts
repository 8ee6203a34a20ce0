// Draws vega-lite specs into the page with vega-embed (loaded on first use). A plot that is asked
// to redraw while it draws keeps only the newest spec, so live updates never pile up.
import type { TopLevelSpec } from 'vega-lite';
import type { Result } from 'vega-embed';

const newest = new Map<HTMLElement, TopLevelSpec>();
const views = new Map<HTMLElement, Result>();

/** Renders `spec` into `el`; `el.dataset.state` is 'ready' once the newest spec is drawn. */
export async function draw(el: HTMLElement, spec: TopLevelSpec): Promise<void> {
  const busy = newest.has(el);
  newest.set(el, spec);
  el.dataset.state = 'drawing';
  if (busy) return;
  try {
    const { default: embed } = await import('vega-embed');
    for (let next = newest.get(el); next; next = newest.get(el)) {
      views.get(el)?.finalize();
      // No links to the online editor: the page loads nothing but its own files.
      views.set(el, await embed(el, next, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } }));
      if (newest.get(el) === next) newest.delete(el);
    }
    el.dataset.state = 'ready';
  } catch (e) {
    el.dataset.state = 'error';
    el.textContent = `cannot draw the plot: ${(e as Error).message}`;
  } finally {
    newest.delete(el);
  }
}
