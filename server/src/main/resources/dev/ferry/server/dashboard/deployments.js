// The deployments page: every deployment with its schedule, work queue and tags.
import {html, render} from 'lit-html';
import {deployments} from './api.js';
import {load, messages, seconds, title} from './ui.js';

export function mount(main) {
  title('Deployments');
  const view = {deployments: null, error: '', notice: ''};
  const draw = () => render(page(view), main);
  const refresh = () => load(view, draw, async () => {
    view.deployments = (await deployments()).sort((a, b) => a.label.localeCompare(b.label));
  });
  draw();
  refresh();
  return {refresh};
}

/** A schedule as words: "Cron 0 6 * * * (Europe/Paris), active". */
export function describeSchedule(deployment) {
  const schedule = deployment.schedule;
  if (!schedule) {
    return 'None';
  }
  const zone = ` (${schedule.timezone ?? 'UTC'})`; // Prefect reads a schedule without one in UTC
  const kind = schedule.cron ? `Cron ${schedule.cron}`
    : schedule.interval != null ? `Every ${seconds(schedule.interval)}`
      : schedule.rrule ? `RRule ${schedule.rrule}` : JSON.stringify(schedule);
  return `${kind}${zone}, ${deployment.is_schedule_active ? 'active' : 'paused'}`;
}

function page(view) {
  return html`
    <h1>Deployments</h1>
    ${messages(view)}
    ${view.deployments ? html`
      <div class="scroll" role="region" aria-label="Deployments table" tabindex="0">
        <table>
          <caption>Deployments</caption>
          <thead>
            <tr>${['Name', 'Schedule', 'Work queue', 'Tags'].map(name => html`<th scope="col">${name}</th>`)}</tr>
          </thead>
          <tbody>
            ${view.deployments.map(deployment => html`
              <tr>
                <td><a href="/deployments/${deployment.id}">${deployment.label}</a></td>
                <td>${describeSchedule(deployment)}</td>
                <td>${deployment.work_queue_name ?? ''}</td>
                <td>${deployment.tags.join(', ')}</td>
              </tr>`)}
            ${view.deployments.length ? '' : html`<tr><td colspan="4">No deployments yet: see
              <code>ferry deployment build</code>.</td></tr>`}
          </tbody>
        </table>
      </div>` : html`<p>Loading…</p>`}`;
}
