// The flow runs page: runs over time by state, filters that live in the address (so a filtered view
// can be bookmarked and shared), and the table of the runs that match, refreshed every few seconds.
import {html, render} from 'lit-html';
import {deployments, flowNames, post} from './api.js';
import {RunsChart, bars, describe, drawable, span} from './chart.js';
import {query, setQuery, withQuery} from './router.js';
import {STATE_TYPES, duration, every, load, messages, state, stateLabel, title, when} from './ui.js';

const LIMIT = 100;
const REFRESH_MS = 3000;

export function mount(main) {
  title('Flow runs');
  const view = {runs: null, total: 0, flows: new Map(), deployments: [], queues: [], bars: [], span: null,
    chartError: '', error: '', notice: ''};
  // A bar holds the runs from its start up to, not including, its end; the filter's To is inclusive.
  const pick = bar => setQuery({from: bar.start, to: new Date(Date.parse(bar.end) - 1).toISOString()});
  let chart = null;
  let latest = 0;

  const hover = bar => {
    main.querySelector('.chart-hover').textContent = bar ? describe(bar) : '';
  };
  const draw = () => {
    render(page(view, pick), main);
    const element = main.querySelector('.chart-plot');
    if (!drawable) {
      return;
    }
    if (chart?.element !== element) {
      chart?.destroy();
      chart = new RunsChart(element, {pick, hover});
    }
    if (view.span) {
      chart.update(view.bars, view.span);
    }
  };
  const refresh = () => load(view, draw, async () => {
    const ticket = ++latest;
    const q = query();
    const covered = span(q.from, q.to);
    const filter = runFilter(q, covered);
    const [runs, total, history] = await Promise.all([
      post('/flow_runs/filter', {...filter, sort: 'EXPECTED_START_TIME_DESC', limit: LIMIT}),
      post('/flow_runs/count', filter),
      post('/flow_runs/history', historyRequest(filter, covered)).catch(error => error),
    ]);
    const known = new Set(view.deployments.map(deployment => deployment.id));
    const lists = runs.some(run => run.deployment_id && !known.has(run.deployment_id)) || !view.queues.length
      ? await Promise.all([deployments(), post('/work_queues/filter', {limit: 200})])
      : [view.deployments, view.queues];
    const flows = await flowNames(runs.map(run => run.flow_id));
    if (ticket === latest) {
      Object.assign(view, {runs, total, flows, deployments: lists[0], queues: lists[1], span: covered,
        bars: history instanceof Error ? [] : bars(history),
        chartError: history instanceof Error ? history.message : ''});
    }
  });
  draw();
  const stop = every(REFRESH_MS, refresh);
  return {refresh, stop: () => {
    stop();
    chart?.destroy();
  }};
}

/** Prefect's flow-run filter for the page's query: state, tag, deployment, work queue, expected start in a span. */
function runFilter(q, {start, end}) {
  const runs = {};
  if (q.state) {
    runs.state = {type: {any_: [q.state]}};
  }
  if (q.tag) {
    runs.tags = {all_: [q.tag]};
  }
  if (q.deployment) {
    runs.deployment_id = {any_: [q.deployment]};
  }
  if (q.queue) {
    runs.work_queue_name = {any_: [q.queue]};
  }
  runs.expected_start_time = {after_: start.toISOString(), before_: end.toISOString()};
  return {flow_runs: runs};
}

/** The history of the runs the filter matches, in bars over its span. */
function historyRequest(filter, {start, end, seconds}) {
  return {history_start: start.toISOString(), history_end: end.toISOString(), history_interval_seconds: seconds,
    ...filter};
}

function page(view, pick) {
  const q = query();
  return html`
    <h1>Flow runs</h1>
    ${messages(view)}
    ${filters(view, q)}
    ${chart(view, pick)}
    ${view.runs ? table(view) : html`<p>Loading…</p>`}`;
}

function filters(view, q) {
  const set = name => event => setQuery({[name]: event.target.value});
  const setTime = name => event => setQuery({[name]: event.target.value && new Date(event.target.value).toISOString()});
  const choice = (label, name, options) => html`
    <div class="field">
      <label for="filter-${name}">${label}</label>
      <select id="filter-${name}" @change=${set(name)}>
        <option value="">Any</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${value === q[name]}>${text}</option>`)}
      </select>
    </div>`;
  return html`
    <form class="filters" aria-label="Filters" @submit=${event => event.preventDefault()}>
      ${choice('State', 'state', STATE_TYPES.map(type => [type, stateLabel(type)]))}
      <div class="field">
        <label for="filter-tag">Tag</label>
        <input id="filter-tag" .value=${q.tag ?? ''} @change=${set('tag')}>
      </div>
      ${choice('Deployment', 'deployment', view.deployments.map(deployment => [deployment.id, deployment.label]))}
      ${choice('Work queue', 'queue', view.queues.map(queue => [queue.name, queue.name]))}
      <div class="field">
        <label for="filter-from">From</label>
        <input id="filter-from" type="datetime-local" .value=${localInput(q.from)} @change=${setTime('from')}>
      </div>
      <div class="field">
        <label for="filter-to">To</label>
        <input id="filter-to" type="datetime-local" .value=${localInput(q.to)} @change=${setTime('to')}>
      </div>
      ${Object.keys(q).length ? html`<a class="clear" href=${location.pathname}>Clear filters</a>` : ''}
    </form>`;
}

function chart(view, pick) {
  const shown = view.bars.filter(bar => bar.total);
  return html`
    <figure class="chart">
      <figcaption>Runs by expected start${view.span ? html`, from ${when(view.span.start.toISOString())} to
        ${when(view.span.end.toISOString())}` : ''}. Select a bar to show its runs.</figcaption>
      ${view.chartError ? html`<p>The chart is not available: ${view.chartError}</p>` : ''}
      <div class="chart-plot" aria-hidden="true"></div>
      <p class="chart-hover" aria-hidden="true"></p>
      <p class="legend">${STATE_TYPES.map(type => state(type))}</p>
      <details>
        <summary>Runs over time as a list</summary>
        ${shown.length ? html`<ul class="bars">${shown.map(bar => html`
          <li><button type="button" @click=${() => pick(bar)}>${describe(bar)}</button></li>`)}</ul>`
          : html`<p>No runs in this time.</p>`}
      </details>
    </figure>`;
}

function table(view) {
  const byId = new Map(view.deployments.map(deployment => [deployment.id, deployment]));
  return html`
    <p>${view.runs.length < view.total ? `The latest ${view.runs.length} of ${view.total} runs.`
      : `${view.total} runs.`}</p>
    <div class="scroll" role="region" aria-label="Flow runs table" tabindex="0">
      <table>
        <caption>Flow runs</caption>
        <thead>
          <tr>${['State', 'Name', 'Flow', 'Deployment', 'Work queue', 'Tags', 'Start', 'Duration']
              .map(name => html`<th scope="col">${name}</th>`)}</tr>
        </thead>
        <tbody>
          ${view.runs.map(run => html`
            <tr>
              <td>${state(run.state_type, run.state_name)}</td>
              <td><a href="/runs/${run.id}">${run.name}</a></td>
              <td>${view.flows.get(run.flow_id) ?? ''}</td>
              <td>${byId.has(run.deployment_id)
                ? html`<a href="/deployments/${run.deployment_id}">${byId.get(run.deployment_id).label}</a>` : ''}</td>
              <td>${run.work_queue_name ?? ''}</td>
              <td>${run.tags.map(tag => html`<a class="tag" href=${withQuery({tag})}>${tag}</a> `)}</td>
              <td>${when(run.start_time ?? run.expected_start_time)}</td>
              <td>${duration(run)}</td>
            </tr>`)}
          ${view.runs.length ? '' : html`<tr><td colspan="8">No flow run matches these filters.</td></tr>`}
        </tbody>
      </table>
    </div>`;
}

/** An ISO time as a datetime-local input shows it, in the reader's zone. */
function localInput(iso) {
  if (!iso) {
    return '';
  }
  const time = new Date(iso);
  return new Date(time - time.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
