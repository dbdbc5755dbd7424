// Turns what a user typed into a value of the JSON type a schema property asks for, as ferry's CLI
// does for --set, --override and --param: text for a string, JSON for anything else.

/** The JSON types a property takes: its `type`, or those of its `anyOf`; none when the schema does not say. */
export function typesOf(property = {}) {
  if (property.type) {
    return [property.type].flat();
  }
  return (property.anyOf ?? []).map(option => option.type).filter(Boolean);
}

/** Whether a property holds a JSON object or list, shown as JSON in a text area. */
export function isStructured(property, value) {
  const types = typesOf(property);
  return types.includes('object') || types.includes('array') || (types.length === 0 && typeof value === 'object'
      && value !== null);
}

/** A value as a user edits it: a string as itself, anything else as JSON. */
export function asText(value, indent) {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value, null, indent);
}

/**
 * Parses `text` as a value of a property: the text itself where a string will do, else JSON of one
 * of its types; JSON when it parses and the schema names no type, else the text. Throws an error
 * that says what the field takes.
 */
export function parseAs(property, name, text) {
  const types = typesOf(property).filter(type => type !== 'null');
  if (types.length === 1 && types[0] === 'string') {
    return text;
  }
  const value = json(text);
  if (value !== undefined && (types.length === 0 || types.some(type => matches(type, value)))) {
    return value;
  }
  if (types.length === 0 || types.includes('string')) {
    return text;
  }
  throw new Error(`${name} takes ${article(types[0])}, not ${text}${example(types[0])}.`);
}

function json(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function matches(type, value) {
  switch (type) {
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    default: return true;
  }
}

function article(type) {
  return {array: 'a JSON list', object: 'a JSON object', integer: 'an integer'}[type] ?? `a ${type}`;
}

function example(type) {
  return {array: ' (for example ["python", "main.py"])', object: ' (for example {"KEY": "value"})'}[type] ?? '';
}
