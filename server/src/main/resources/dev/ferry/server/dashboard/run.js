// One flow run: its state history, parameters, infrastructure, launch and logs, refreshed every few
// seconds (the logs of a running run stream in), with Cancel and Retry.
import {html, render} from 'lit-html';
import {ApiError, deployments, get, post} from './api.js';
import {act, every, isFinal, load, messages, pretty, state, stateLabel, title, when, duration} from './ui.js';

const REFRESH_MS = 2000;
const LOG_PAGE = 200;
const LEVELS = {10: 'DEBUG', 20: 'INFO', 30: 'WARNING', 40: 'ERROR', 50: 'CRITICAL'};

export function mount(main, {id}) {
  const view = {run: null, states: [], deployment: null, infrastructure: null, launch: null, launchState: null,
    logs: [], error: '', notice: ''};
  const seen = new Set();
  const draw = () => render(page(view, actions), main);

  const refresh = () => load(view, draw, async () => {
    const [run, states] = await Promise.all([get(`/flow_runs/${id}`), get(`/flow_run_states/?flow_run_id=${id}`)]);
    const logBox = main.querySelector('[role=log]');
    const following = !logBox || logBox.scrollTop + logBox.clientHeight >= logBox.scrollHeight - 4;
    await Promise.all([related(view, run), launch(view, run), newLogs(view, seen, id)]);
    Object.assign(view, {run, states});
    title(run.name);
    draw();
    if (following && logBox) {
      logBox.scrollTop = logBox.scrollHeight;
    }
  });

  const actions = {
    cancel: () => act(view, draw, async () => {
      // An unclaimed run ends at once; a claimed one is stopped by the agent that holds it (as `flow-run cancel`).
      const target = view.run.state_type === 'SCHEDULED' ? 'CANCELLED' : 'CANCELLING';
      await propose({type: target, name: stateLabel(target), message: 'Cancelled from the dashboard.'}, false);
      return target === 'CANCELLED' ? 'Cancelled.'
        : 'Cancelling: the agent that holds the run stops its infrastructure.';
    }),
    retry: () => act(view, draw, async () => {
      // A final state only moves when forced. Plain Scheduled (not Prefect's AwaitingRetry, which a ferry
      // agent leaves to the failed process) so that the deployment's agent claims the run again.
      await propose({type: 'SCHEDULED', name: 'Scheduled', message: 'Retried from the dashboard.'}, true);
      return 'Scheduled again: an agent of its work queue will pick it up.';
    }),
  };
  const propose = async (proposed, force) => {
    const result = await post(`/flow_runs/${id}/set_state`, {state: proposed, force});
    await refresh();
    if (result.status !== 'ACCEPT') {
      const why = result.details?.reason ?? result.status;
      throw new Error(`The server did not accept ${stateLabel(proposed.type)}: ${why}`);
    }
  };

  draw();
  return {stop: every(REFRESH_MS, refresh), refresh};
}

/** The run's deployment and infrastructure block, read once. */
async function related(view, run) {
  if (run.deployment_id && !view.deployment) {
    [view.deployment] = await deployments({deployments: {id: {any_: [run.deployment_id]}}});
  }
  if (run.infrastructure_document_id && view.infrastructure?.id !== run.infrastructure_document_id) {
    view.infrastructure = await get(`/block_documents/${run.infrastructure_document_id}`);
  }
}

/**
 * What the agent launched, redacted, once it has launched the run; asked again at each new state of the
 * run, so that a run retried shows its latest launch.
 */
async function launch(view, run) {
  if (view.launch && view.launchState === run.state_id) {
    return;
  }
  try {
    view.launch = await get(`/ferry/flow_runs/${run.id}/launch`);
    view.launchState = run.state_id;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      throw error;
    }
  }
}

/** Appends the log lines written since the last one shown. */
async function newLogs(view, seen, id) {
  for (;;) {
    const last = view.logs.at(-1);
    const logs = {flow_run_id: {any_: [id]}, ...(last ? {timestamp: {after_: last.timestamp}} : {})};
    const found = await post('/logs/filter', {logs, sort: 'TIMESTAMP_ASC', limit: LOG_PAGE});
    const fresh = found.filter(log => !seen.has(log.id));
    fresh.forEach(log => seen.add(log.id));
    view.logs.push(...fresh);
    if (found.length < LOG_PAGE || !fresh.length) {
      return;
    }
  }
}

function page(view, actions) {
  const run = view.run;
  if (!run) {
    return html`${messages(view)}<p>Loading…</p>`;
  }
  const final = isFinal(run.state_type);
  return html`
    <h1>${run.name}</h1>
    <p class="summary">${state(run.state_type, run.state_name)}
      ${run.state?.message ? html`<span>${run.state.message}</span>` : ''}</p>
    <div class="actions">
      <button type="button" ?disabled=${final} @click=${actions.cancel}>Cancel</button>
      <button type="button" ?disabled=${!final || !run.deployment_id} @click=${actions.retry}>Retry</button>
    </div>
    ${messages(view)}
    <dl class="facts">
      <dt>Deployment</dt>
      <dd>${view.deployment
        ? html`<a href="/deployments/${run.deployment_id}">${view.deployment.label}</a>` : 'None'}</dd>
      <dt>Work queue</dt><dd>${run.work_queue_name ?? 'None'}</dd>
      <dt>Tags</dt><dd>${run.tags.join(', ') || 'None'}</dd>
      <dt>Start</dt><dd>${when(run.start_time ?? run.expected_start_time)}</dd>
      <dt>Duration</dt><dd>${duration(run)}</dd>
      <dt>Run count</dt><dd>${run.run_count}</dd>
    </dl>
    <section aria-labelledby="h-states">
      <h2 id="h-states">State history</h2>
      <div class="scroll" role="region" aria-labelledby="h-states" tabindex="0">
        <table>
          <thead><tr><th scope="col">State</th><th scope="col">Time</th><th scope="col">Message</th></tr></thead>
          <tbody>${view.states.map(s => html`
            <tr><td>${state(s.type, s.name)}</td><td>${when(s.timestamp)}</td><td>${s.message ?? ''}</td></tr>`)}
          </tbody>
        </table>
      </div>
    </section>
    <section aria-labelledby="h-parameters">
      <h2 id="h-parameters">Parameters</h2>
      ${Object.keys(run.parameters ?? {}).length ? html`<pre>${pretty(run.parameters)}</pre>` : html`<p>None.</p>`}
    </section>
    <section aria-labelledby="h-infrastructure">
      <h2 id="h-infrastructure">Infrastructure</h2>
      <dl class="facts">
        <dt>Block</dt>
        <dd>${view.infrastructure ? html`<a href="/blocks/${view.infrastructure.id}">${
          view.infrastructure.block_type.slug}/${view.infrastructure.name}</a>` : 'None'}</dd>
        <dt>PID</dt><dd>${run.infrastructure_pid ?? 'Not launched yet'}</dd>
      </dl>
    </section>
    <section aria-labelledby="h-launch">
      <h2 id="h-launch">Launch</h2>
      ${view.launch ? html`<p>Recorded by the agent at ${when(view.launch.updated)}, secrets hidden:</p>
        <pre>${pretty(view.launch.launch)}</pre>`
        : html`<p>No launch recorded yet: the agent records what it starts, secrets hidden, when it launches
          the run.</p>`}
    </section>
    <section aria-labelledby="h-logs">
      <h2 id="h-logs">Logs</h2>
      <div class="logs" role="log" aria-label="Logs" tabindex="0">${view.logs.map(log => html`
        <div class="line level-${(LEVELS[log.level] ?? 'INFO').toLowerCase()}">
          <time datetime=${log.timestamp}>${new Date(log.timestamp).toLocaleTimeString()}</time>
          <span class="level">${LEVELS[log.level] ?? log.level}</span>
          <span class="message">${log.message}</span>
        </div>`)}
        ${view.logs.length ? '' : html`<p>No logs yet.</p>`}
      </div>
    </section>`;
}
