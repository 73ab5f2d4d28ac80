import { parseAllDocuments } from 'yaml';

/**
 * Reads `kubectl get -o json` output (a List), a JSON array, a single object or multi-document
 * YAML into a flat list of objects. Malformed text throws an Error saying where.
 */
export function parseRbacDocuments(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('no documents: the text is empty');
  const documents =
    trimmed.startsWith('{') || trimmed.startsWith('[') ? [parseJson(trimmed)] : parseYaml(text);
  const objects: unknown[] = [];
  documents.forEach((document, i) => {
    if (typeof document !== 'object' || document === null)
      throw new Error(
        `document ${i + 1}: expected an object, an array or a List, found ${document === null ? 'null' : typeof document}`,
      );
    flatten(document, objects);
  });
  return objects;
}

function flatten(value: object, into: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isList(item)) flatten(item.items, into);
      else into.push(item);
    }
    return;
  }
  if (isList(value)) flatten(value.items, into);
  else into.push(value);
}

function isList(value: unknown): value is { items: unknown[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { kind, items } = value as { kind?: unknown; items?: unknown };
  return typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid JSON: ${(error as Error).message}`);
  }
}

function parseYaml(text: string): unknown[] {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) throw new Error('invalid YAML: no documents');
  const values: unknown[] = [];
  documents.forEach((document, i) => {
    const [error] = document.errors;
    if (error) {
      const line = error.linePos?.[0]?.line;
      throw new Error(
        `invalid YAML in document ${i + 1}${line ? ` at line ${line}` : ''}: ${error.message.split('\n')[0]}`,
      );
    }
    const value: unknown = document.toJS();
    // An empty document (a trailing `---`) carries nothing.
    if (value !== null && value !== undefined) values.push(value);
  });
  if (values.length === 0) throw new Error('no documents: the YAML holds only empty documents');
  return values;
}
