// One block: its fields, secrets masked, edited and saved. The API checks the new values against
// the block type's fields; the next run of every deployment that uses the block sees them.
import {html, render} from 'lit-html';
import {get, patch} from './api.js';
import {asText, isStructured, parseAs, typesOf} from './schema.js';
import {act, load, messages, title} from './ui.js';

/** How the API shows a secret; sent back as is, it keeps the stored value. */
const MASK = '**********';

export function mount(main, {id}) {
  const view = {block: null, fieldErrors: {}, error: '', notice: ''};
  const draw = () => render(page(view, save), main);
  const refresh = () => load(view, draw, async () => {
    view.block = await get(`/block_documents/${id}`);
    title(label(view.block));
  });
  const save = event => {
    event.preventDefault();
    const {data, errors} = read(event.target, fields(view.block));
    view.fieldErrors = errors;
    if (Object.keys(errors).length) {
      draw();
      main.querySelector('[aria-invalid=true]').focus();
      return;
    }
    act(view, draw, async () => {
      await patch(`/block_documents/${id}`, {data});
      await refresh();
      return `Saved: the next run of every deployment that uses ${label(view.block)} sees the change.`;
    });
  };
  draw();
  refresh();
  return {refresh};
}

const label = block => `${block.block_type.slug}/${block.name}`;

/** The block type's fields, in its schema's order, with this block's values. */
function fields(block) {
  const schema = block.block_schema?.fields ?? {};
  const secrets = schema.secret_fields ?? [];
  return Object.entries(schema.properties ?? {}).map(([name, property], index) => ({
    name, index, property, value: block.data[name],
    secret: secrets.includes(name) || property.format === 'password' || property.writeOnly === true,
    boolean: typesOf(property).join() === 'boolean',
  }));
}

/** The form's values as block data, each of its field's type; an error by name for each that is not. */
function read(form, wanted) {
  const data = {};
  const errors = {};
  for (const field of wanted) {
    const input = form.elements.namedItem(`field-${field.index}`);
    if (field.boolean) {
      data[field.name] = input.checked;
    } else if (input.value === '') {
      data[field.name] = null;
    } else {
      try {
        const kept = field.secret && input.value === MASK;
        data[field.name] = kept ? MASK : parseAs(field.property, field.name, input.value);
      } catch (error) {
        errors[field.name] = error.message;
      }
    }
  }
  return {data, errors};
}

function page(view, save) {
  const block = view.block;
  if (!block) {
    return html`${messages(view)}<p>Loading…</p>`;
  }
  return html`
    <h1>${label(block)}</h1>
    <p>${block.block_type.name} block.</p>
    ${messages(view)}
    <form class="block" @submit=${save} novalidate>
      ${fields(block).map(field => input(field, view.fieldErrors[field.name]))}
      <button>Save</button>
    </form>`;
}

function input(field, error) {
  const id = `field-${field.index}`;
  const described = `${id}-hint ${id}-error`;
  const invalid = error ? 'true' : 'false';
  const structured = isStructured(field.property, field.value);
  const control = field.boolean
    ? html`<input type="checkbox" id=${id} name=${id} .checked=${field.value === true} aria-describedby=${described}>`
    : structured
      ? html`<textarea id=${id} name=${id} rows="4" spellcheck="false" aria-describedby=${described}
          aria-invalid=${invalid} .value=${asText(field.value, 2)}></textarea>`
      : html`<input id=${id} name=${id} type=${field.secret ? 'password' : 'text'} spellcheck="false"
          autocomplete="off" aria-describedby=${described} aria-invalid=${invalid} .value=${asText(field.value)}>`;
  const hint = [field.property.title, field.property.description, structured ? 'JSON' : '',
    field.secret ? 'Secret: shown masked; type a new value to replace it, or leave the stars to keep it' : '']
    .filter(Boolean).map(part => (/[.!?]$/.test(part) ? part : `${part}.`)).join(' ');
  return html`
    <div class="field">
      <label for=${id}>${field.name}</label>
      ${control}
      <p class="hint" id="${id}-hint">${hint}</p>
      <p class="field-error" id="${id}-error">${error ?? ''}</p>
    </div>`;
}
