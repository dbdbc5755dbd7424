// What every page uses: how states, times and durations read, the alert and status lines,
// user actions that end in one of them, and polling while the tab is visible.
import {html} from 'lit-html';

/** Prefect's state types, in the order a run goes through them (and the chart stacks them). */
export const STATE_TYPES = ['COMPLETED', 'RUNNING', 'PENDING', 'SCHEDULED', 'PAUSED', 'CANCELLING', 'CANCELLED',
  'FAILED', 'CRASHED'];

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED'];

export const isFinal = type => FINAL.includes(type);

/** A state type as Prefect names it: CANCELLING reads "Cancelling". */
export const stateLabel = type => type.charAt(0) + type.slice(1).toLowerCase();

/** A state in words ("Late", "Completed"), coloured by its type. */
export function state(type, name) {
  return html`<span class="state state-${(type ?? 'none').toLowerCase()}">${name ?? stateLabel(type ?? 'NONE')}</span>`;
}

/** A time in the reader's zone, or a dash. */
export function when(iso) {
  return iso ? html`<time datetime=${iso}>${new Date(iso).toLocaleString()}</time>` : '—';
}

/** How long a run ran, so far when it still runs. */
export function duration(run) {
  if (!run.start_time) {
    return '—';
  }
  const end = run.end_time ? new Date(run.end_time) : new Date();
  return seconds((end - new Date(run.start_time)) / 1000);
}

/** A number of seconds as people read it: 0.4s, 42s, 3m 5s, 2h 10m. */
export function seconds(total) {
  if (total < 10) {
    return `${Math.max(0, total).toFixed(1)}s`;
  }
  const s = Math.round(total);
  if (s < 60) {
    return `${s}s`;
  }
  return s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor(s % 3600 / 60)}m`;
}

/** A value as indented JSON. */
export const pretty = value => JSON.stringify(value, null, 2);

/** The page's alert line (errors, in the API's words) and status line (confirmations). */
export function messages(view) {
  return html`<p role="alert" class="alert">${view.error}</p><p role="status" class="status">${view.notice}</p>`;
}

/** Runs a user's action: what it answers goes to the status line, its error to the alert line. */
export async function act(view, draw, work) {
  view.error = '';
  view.notice = '';
  draw();
  try {
    view.notice = (await work()) ?? '';
  } catch (error) {
    view.error = error.message;
  }
  draw();
}

/** Loads data for a page, drawing its error in the alert line when the load fails. */
export async function load(view, draw, work) {
  try {
    await work();
    if (view.failedLoad) {
      view.error = '';
    }
    view.failedLoad = false;
  } catch (error) {
    view.error = error.message;
    view.failedLoad = true;
  }
  draw();
}

/** Calls `work` now and then every `ms` while the tab is visible; answers the function that stops it. */
export function every(ms, work) {
  let timer;
  let stopped = false;
  let working = false;
  const tick = async () => {
    clearTimeout(timer);
    if (stopped || working || document.hidden) {
      return;
    }
    working = true;
    try {
      await work();
    } finally {
      working = false;
    }
    if (!stopped) {
      timer = setTimeout(tick, ms);
    }
  };
  document.addEventListener('visibilitychange', tick);
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', tick);
  };
}

export function title(text) {
  document.title = `${text} · Ferry`;
}
