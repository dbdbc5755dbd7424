// Calls to ferry's API under /api. When the server asks for its API key (401), a dialog asks the
// user for it once; the key stays in this tab's sessionStorage and goes with every call as a bearer token.

const KEY = 'ferry.apiKey';

/** The one sign-in in progress, shared by every call that was refused meanwhile. */
let signingIn = null;

/** A call the API refused or could not answer, with the API's own words (its `detail`). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Sends a call and answers its JSON body (null when there is none). */
export async function api(method, path, body) {
  for (;;) {
    const response = await send(method, path, body);
    const data = await json(response);
    if (response.status === 401) {
      await signIn(detail(response, data));
    } else if (!response.ok) {
      throw new ApiError(response.status, detail(response, data));
    } else {
      return data;
    }
  }
}

export const get = path => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
export const patch = (path, body) => api('PATCH', path, body);

/** Flow names by id, for the flows of these ids. */
export async function flowNames(ids) {
  const unique = [...new Set(ids.filter(Boolean))];
  const flows = unique.length ? await post('/flows/filter', {flows: {id: {any_: unique}}}) : [];
  return new Map(flows.map(flow => [flow.id, flow.name]));
}

/** Deployments (the first 200 a filter matches), each with `label`: FLOW/DEPLOYMENT as the CLI names it. */
export async function deployments(filter = {}) {
  const found = await post('/deployments/filter', {...filter, limit: 200});
  const flows = await flowNames(found.map(deployment => deployment.flow_id));
  return found.map(deployment => ({...deployment, label: `${flows.get(deployment.flow_id)}/${deployment.name}`}));
}

async function send(method, path, body) {
  const headers = {accept: 'application/json'};
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const key = sessionStorage.getItem(KEY);
  if (key) {
    headers.authorization = `Bearer ${key}`;
  }
  try {
    return await fetch(`/api${path}`, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (error) {
    throw new ApiError(0, `The server did not answer (${error.message}); is ferry still running?`);
  }
}

async function json(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The API's explanation of a refusal, in any of the shapes Prefect's API gives one. */
function detail(response, data) {
  if (typeof data?.detail === 'string') {
    return data.detail;
  }
  if (Array.isArray(data?.exception_detail)) {
    return data.exception_detail
        .map(problem => `${problem.loc.filter(part => part !== 'body').join('.')}: ${problem.msg}`).join('; ');
  }
  return data?.exception_message ?? `${response.status} ${response.statusText}`.trim();
}

/** Shows the sign-in dialog (with why, when a key was already tried) and waits for a key. */
function signIn(message) {
  signingIn ??= new Promise(resolve => {
    const dialog = document.getElementById('sign-in');
    dialog.querySelector('[role=alert]').textContent = sessionStorage.getItem(KEY) ? message : '';
    dialog.addEventListener('close', () => {
      sessionStorage.setItem(KEY, dialog.querySelector('input').value);
      signingIn = null;
      resolve();
    }, {once: true});
    dialog.showModal();
  });
  return signingIn;
}
