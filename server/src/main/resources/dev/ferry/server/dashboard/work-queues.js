// The work queues page: each queue paused or not, its concurrency limit, when an agent last polled
// it, and its waiting and late runs, refreshed every few seconds; Pause and Resume.
import {html, render} from 'lit-html';
import {get, patch, post} from './api.js';
import {act, every, load, messages, title, when} from './ui.js';

const REFRESH_MS = 5000;

export function mount(main) {
  title('Work queues');
  const view = {queues: null, error: '', notice: ''};
  const draw = () => render(page(view, toggle), main);
  const refresh = () => load(view, draw, async () => {
    const queues = await post('/work_queues/filter', {limit: 200});
    view.queues = await Promise.all(queues.map(async queue => ({...queue, ...await health(queue)})));
  });
  const toggle = queue => act(view, draw, async () => {
    await patch(`/work_queues/${queue.id}`, {is_paused: !queue.is_paused});
    await refresh();
    return `${queue.is_paused ? 'Resumed' : 'Paused'} ${queue.name}.`;
  });
  draw();
  return {refresh, stop: every(REFRESH_MS, refresh)};
}

/** A queue's health as the API judges it, and how many of its runs wait to be claimed. */
async function health(queue) {
  const waiting = {flow_runs: {work_queue_name: {any_: [queue.name]}, state: {type: {any_: ['SCHEDULED']}}}};
  const [status, count] = await Promise.all([get(`/work_queues/${queue.id}/status`),
    post('/flow_runs/count', waiting)]);
  return {status, waiting: count};
}

function page(view, toggle) {
  return html`
    <h1>Work queues</h1>
    ${messages(view)}
    ${view.queues ? html`
      <div class="scroll" role="region" aria-label="Work queues table" tabindex="0">
        <table>
          <caption>Work queues</caption>
          <thead><tr>${['Name', 'Status', 'Concurrency limit', 'Last polled', 'Waiting', 'Late', 'Actions']
            .map(name => html`<th scope="col">${name}</th>`)}</tr></thead>
          <tbody>
            ${view.queues.map(queue => html`
              <tr>
                <td><a href="/runs?queue=${encodeURIComponent(queue.name)}">${queue.name}</a></td>
                <td><span class="queue-${queue.is_paused ? 'paused' : 'active'}">${queue.is_paused ? 'Paused'
                  : 'Active'}</span></td>
                <td>${queue.concurrency_limit ?? 'None'}</td>
                <td>${agents(queue.status)}</td>
                <td>${queue.waiting}</td>
                <td>${queue.status.late_runs_count}</td>
                <td><button type="button" aria-label="${queue.is_paused ? 'Resume' : 'Pause'} ${queue.name}"
                  @click=${() => toggle(queue)}>${queue.is_paused ? 'Resume' : 'Pause'}</button></td>
              </tr>`)}
            ${view.queues.length ? '' : html`<tr><td colspan="7">No work queues yet.</td></tr>`}
          </tbody>
        </table>
      </div>` : html`<p>Loading…</p>`}`;
}

/** When the queue was last polled, and whether an agent still polls it (within the API's health window). */
function agents(status) {
  if (!status.last_polled) {
    return 'Never: no agent has polled it';
  }
  const window = status.health_check_policy?.maximum_seconds_since_last_polled ?? 60;
  const alive = Date.now() - Date.parse(status.last_polled) <= window * 1000;
  return html`${when(status.last_polled)} <span class="agent-${alive ? 'alive' : 'gone'}">${alive
    ? 'agent polling' : 'no agent polling'}</span>`;
}
