// One deployment: what it runs and where, its schedule (pause, resume), its infrastructure overrides
// (edited here, checked as `deployment build` checks them), and a Run dialog that checks parameters
// against the flow's parameter schema before starting a run.
import {html, render} from 'lit-html';
import {flowNames, get, patch, post} from './api.js';
import {describeSchedule} from './deployments.js';
import {navigate} from './router.js';
import {asText, parseAs, typesOf} from './schema.js';
import {act, load, messages, pretty, title} from './ui.js';

export function mount(main, {id}) {
  const view = {deployment: null, storage: null, infrastructure: null, overridesError: '',
    parameterErrors: {}, runError: '', error: '', notice: ''};
  const draw = () => render(page(view, actions), main);
  const refresh = () => load(view, draw, async () => {
    const deployment = await get(`/deployments/${id}`);
    const block = documentId => documentId ? get(`/block_documents/${documentId}`) : null;
    const [flows, storage, infrastructure] = await Promise.all([flowNames([deployment.flow_id]),
      block(deployment.storage_document_id), block(deployment.infrastructure_document_id)]);
    deployment.label = `${flows.get(deployment.flow_id)}/${deployment.name}`;
    Object.assign(view, {deployment, storage, infrastructure});
    title(deployment.label);
  });
  const dialog = () => main.querySelector('dialog');

  const actions = {
    toggleSchedule: () => act(view, draw, async () => {
      const active = view.deployment.is_schedule_active;
      await post(`/deployments/${id}/set_schedule_${active ? 'inactive' : 'active'}`);
      await refresh();
      return active ? 'Schedule paused.' : 'Schedule resumed.';
    }),
    saveOverrides: event => {
      event.preventDefault();
      const text = event.target.elements.overrides.value;
      view.overridesError = '';
      return act(view, draw, async () => {
        const fields = view.infrastructure?.block_schema?.fields?.properties ?? {};
        try {
          await patch(`/deployments/${id}`, {infra_overrides: parseOverrides(text, fields)});
        } catch (error) {
          view.overridesError = error.message; // said under the text it is about
          return '';
        }
        await refresh();
        return 'Overrides saved: the next run of this deployment uses them.';
      });
    },
    openRun: () => {
      Object.assign(view, {parameterErrors: {}, runError: ''});
      draw();
      dialog().showModal();
    },
    closeRun: () => dialog().close(),
    startRun: async event => {
      event.preventDefault();
      const {values, errors} = readParameters(event.target, parameters(view.deployment));
      Object.assign(view, {parameterErrors: errors, runError: ''});
      draw();
      if (Object.keys(errors).length) {
        dialog().querySelector('[aria-invalid=true]').focus();
        return;
      }
      try {
        // Scheduled for now, as `ferry deployment run` does: the server would create it Pending, for no agent
        const state = {type: 'SCHEDULED', name: 'Scheduled',
          state_details: {scheduled_time: new Date().toISOString()}};
        const run = await post(`/deployments/${id}/create_flow_run`, {parameters: values, state});
        dialog().close();
        navigate(`/runs/${run.id}`);
      } catch (error) {
        view.runError = error.message;
        draw();
      }
    },
  };

  draw();
  refresh();
  return {refresh};
}

/** The parameters a run may take: the schema's, in their order, then any others the deployment sets. */
function parameters(deployment) {
  const schema = deployment.parameter_openapi_schema ?? {};
  const properties = schema.properties ?? {};
  const named = Object.keys(properties).sort((a, b) => (properties[a].position ?? 0) - (properties[b].position ?? 0));
  const others = Object.keys(deployment.parameters ?? {}).filter(name => !(name in properties));
  return [...named, ...others].map((name, index) => ({
    name, index, property: properties[name] ?? {}, required: (schema.required ?? []).includes(name),
    value: deployment.parameters?.[name] ?? properties[name]?.default,
  }));
}

/** What the Run form says, each value of its parameter's type; an error by name for each that is not. */
function readParameters(form, wanted) {
  const values = {};
  const errors = {};
  for (const parameter of wanted) {
    const text = form.elements.namedItem(`parameter-${parameter.index}`).value;
    if (text === '') {
      if (parameter.required && parameter.value === undefined) {
        errors[parameter.name] = `${parameter.name} is required.`;
      }
      continue;
    }
    try {
      values[parameter.name] = parseAs(parameter.property, parameter.name, text);
    } catch (error) {
      errors[parameter.name] = error.message;
    }
  }
  return {values, errors};
}

/** KEY=VALUE lines as infra_overrides: a field's value typed by the block's fields, a key inside a map as text. */
function parseOverrides(text, fields) {
  const overrides = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) {
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new Error(`Overrides line ${i + 1}, '${line}', is not KEY=VALUE (for example env.LOG_LEVEL=DEBUG).`);
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1);
    overrides[key] = key.includes('.') ? value : parseAs(fields[key], `Override '${key}'`, value);
  });
  return overrides;
}

const overridesText = overrides => Object.entries(overrides ?? {}).map(([key, value]) => `${key}=${asText(value)}`)
    .join('\n');

const blockLink = block => block
  ? html`<a href="/blocks/${block.id}">${block.block_type.slug}/${block.name}</a>` : 'None';

function page(view, actions) {
  const d = view.deployment;
  if (!d) {
    return html`${messages(view)}<p>Loading…</p>`;
  }
  const infrastructure = view.infrastructure ? `${view.infrastructure.block_type.slug}/${view.infrastructure.name}`
    : 'the default process';
  return html`
    <h1>${d.label}</h1>
    <div class="actions">
      <button type="button" @click=${actions.openRun}>Run</button>
      <button type="button" @click=${actions.toggleSchedule}>${d.is_schedule_active ? 'Pause schedule'
        : 'Resume schedule'}</button>
    </div>
    ${messages(view)}
    <dl class="facts">
      <dt>Schedule</dt><dd>${describeSchedule(d)}</dd>
      <dt>Work queue</dt><dd>${d.work_queue_name ?? 'None'}</dd>
      <dt>Tags</dt><dd>${d.tags.join(', ') || 'None'}</dd>
      <dt>Storage</dt><dd>${blockLink(view.storage)}${d.path ? html`, path <code>${d.path}</code>` : ''}</dd>
      <dt>Infrastructure</dt><dd>${blockLink(view.infrastructure)}</dd>
      <dt>Entrypoint</dt><dd><code>${d.entrypoint ?? ''}</code></dd>
      <dt>Version</dt><dd>${d.version ?? 'None'}</dd>
      <dt>Runs</dt><dd><a href="/runs?deployment=${d.id}">Flow runs of this deployment</a></dd>
    </dl>
    <section aria-labelledby="h-parameters">
      <h2 id="h-parameters">Parameters</h2>
      ${Object.keys(d.parameters ?? {}).length ? html`<pre>${pretty(d.parameters)}</pre>` : html`<p>None set.</p>`}
    </section>
    <section aria-labelledby="h-overrides">
      <h2 id="h-overrides">Infrastructure overrides</h2>
      <form class="overrides" @submit=${actions.saveOverrides}>
        <label for="overrides">Overrides</label>
        <textarea id="overrides" name="overrides" rows="5" spellcheck="false"
          aria-describedby="overrides-error overrides-hint" aria-invalid=${view.overridesError ? 'true' : 'false'}
          .value=${overridesText(d.infra_overrides)}></textarea>
        <p class="field-error" id="overrides-error" role="alert">${view.overridesError}</p>
        <p class="hint" id="overrides-hint">One KEY=VALUE a line, as <code>--override</code> of
          <code>deployment build</code> (<code>env.LOG_LEVEL=DEBUG</code>), checked against the fields of
          ${infrastructure}. The next run uses them.</p>
        <button>Save overrides</button>
      </form>
    </section>
    ${runDialog(view, actions)}`;
}

function runDialog(view, actions) {
  const wanted = parameters(view.deployment);
  const errors = view.parameterErrors;
  const hint = parameter => [typesOf(parameter.property).join(' or ') || 'JSON or text',
    parameter.required ? 'required' : '', parameter.property.description ?? ''].filter(Boolean).join('; ');
  return html`
    <dialog class="run" aria-labelledby="run-title">
      <form @submit=${actions.startRun} novalidate>
        <h2 id="run-title">Run ${view.deployment.label}</h2>
        <p role="alert" class="alert">${view.runError}</p>
        ${wanted.map(parameter => html`
          <div class="field">
            <label for="parameter-${parameter.index}">${parameter.name}</label>
            <input id="parameter-${parameter.index}" name="parameter-${parameter.index}" spellcheck="false"
              .value=${asText(parameter.value)} aria-invalid=${errors[parameter.name] ? 'true' : 'false'}
              aria-describedby="parameter-${parameter.index}-hint parameter-${parameter.index}-error">
            <p class="hint" id="parameter-${parameter.index}-hint">${hint(parameter)}</p>
            <p class="field-error" id="parameter-${parameter.index}-error">${errors[parameter.name] ?? ''}</p>
          </div>`)}
        ${wanted.length ? '' : html`<p>This flow takes no parameters.</p>`}
        <div class="actions">
          <button>Start run</button>
          <button type="button" @click=${actions.closeRun}>Close</button>
        </div>
      </form>
    </dialog>`;
}
