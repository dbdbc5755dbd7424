// The blocks page: the saved blocks by type, each a link to its page.
import {html, render} from 'lit-html';
import {post} from './api.js';
import {load, messages, title} from './ui.js';

export function mount(main) {
  title('Blocks');
  const view = {blocks: null, error: '', notice: ''};
  const draw = () => render(page(view), main);
  const refresh = () => load(view, draw, async () => {
    view.blocks = await post('/block_documents/filter', {limit: 200});
  });
  draw();
  refresh();
  return {refresh};
}

function page(view) {
  const byType = new Map();
  for (const block of view.blocks ?? []) {
    byType.set(block.block_type.name, [...byType.get(block.block_type.name) ?? [], block]);
  }
  const types = [...byType.keys()].sort();
  return html`
    <h1>Blocks</h1>
    ${messages(view)}
    ${view.blocks && !view.blocks.length ? html`<p>No blocks yet: see <code>ferry block create</code>.</p>` : ''}
    ${types.map(type => html`
      <section aria-labelledby="type-${byType.get(type)[0].block_type.slug}">
        <h2 id="type-${byType.get(type)[0].block_type.slug}">${type}</h2>
        <ul class="blocks">
          ${byType.get(type).sort((a, b) => a.name.localeCompare(b.name)).map(block => html`
            <li><a href="/blocks/${block.id}">${block.block_type.slug}/${block.name}</a></li>`)}
        </ul>
      </section>`)}`;
}
