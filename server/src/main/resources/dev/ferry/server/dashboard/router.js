// The dashboard's pages by path. A link inside the app changes the page without reloading it; the
// query string holds a page's filters, so a filtered view can be bookmarked and shared.
import {html, render} from 'lit-html';

const routes = [];
let main;
/** The page on screen: its path, and what its mount answered ({stop, refresh}, both optional). */
let shown = null;

/** A page for paths like '/runs/:id': `mount(main, {id})` draws it into main and answers {stop, refresh}. */
export function route(pattern, mount) {
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}/?$`);
  routes.push({regex, mount});
}

/** Shows the page of the current address, and follows the app's links from now on. */
export function start(element) {
  main = element;
  document.addEventListener('click', follow);
  window.addEventListener('popstate', show);
  show();
}

/** Goes to a path of the app, as a new entry of the browser's history. */
export function navigate(url) {
  history.pushState(null, '', url);
  show();
}

/** The query string of the address as an object ({state: 'FAILED', tag: 'etl'}). */
export function query() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

/** The current page's address with some query parameters changed; an empty value removes one. */
export function withQuery(changes) {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value) {
      params.set(name, value);
    } else {
      params.delete(name);
    }
  }
  const search = params.toString();
  return location.pathname + (search ? `?${search}` : '');
}

/** Goes to the current page with some query parameters changed. */
export function setQuery(changes) {
  navigate(withQuery(changes));
}

function follow(event) {
  const link = event.target.closest('a[href]');
  const modified = event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  if (link && link.origin === location.origin && !link.target && !modified && !event.defaultPrevented) {
    event.preventDefault();
    navigate(link.pathname + link.search);
  }
}

/** Draws the page of the address; the same page with another query string only refreshes. */
function show() {
  const path = location.pathname;
  if (shown?.path === path) {
    shown.page.refresh?.();
    return;
  }
  const first = shown === null;
  shown?.page.stop?.();
  const found = routes.map(({regex, mount}) => ({match: regex.exec(path), mount})).find(({match}) => match);
  if (found) {
    const params = Object.fromEntries(Object.entries(found.match.groups ?? {})
        .map(([name, value]) => [name, decodeURIComponent(value)]));
    shown = {path, page: found.mount(main, params) ?? {}};
  } else {
    render(html`<h1>Page not found</h1><p>Nothing is at ${path}. <a href="/runs">See the flow runs</a>.</p>`, main);
    shown = {path, page: {}};
  }
  markCurrent(path);
  if (!first) {
    window.scrollTo(0, 0);
    main.focus();
  }
}

function markCurrent(path) {
  for (const link of document.querySelectorAll('nav a')) {
    const current = path === link.pathname || path.startsWith(`${link.pathname}/`)
        || (path === '/' && link.pathname === '/runs');
    link.toggleAttribute('aria-current', current);
    if (current) {
      link.setAttribute('aria-current', 'page');
    }
  }
}
