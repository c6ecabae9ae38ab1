/**
 * A structural check of an OpenAPI 3.x document, without a JSON-schema validator: the rules that
 * matter for clients and code generators. Returns the problems found (empty when the document is
 * sound); each names its place in the document.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PATH_ITEM_KEYS = new Set([...METHODS, 'parameters', 'summary', 'description', 'servers', '$ref']);
const PARAMETER_LOCATIONS = new Set(['query', 'header', 'path', 'cookie']);
const STATUS_KEY = /^(default|[1-5](\d\d|XX))$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+*-]+$/;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});

/** Resolves a local JSON pointer (`#/components/schemas/Order`); undefined when it leads nowhere. */
export function resolvePointer(document: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let current: Json | undefined = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
    if (current === undefined) return undefined;
  }
  return current;
}

function checkRefs(document: JsonObject, node: Json, where: string, problems: string[]): void {
  if (Array.isArray(node)) node.forEach((child, index) => checkRefs(document, child, `${where}[${index}]`, problems));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      if (resolvePointer(document, value) === undefined) problems.push(`${where}: $ref '${value}' does not resolve`);
    } else if (key !== 'example' && key !== 'examples') {
      checkRefs(document, value, `${where}/${key}`, problems);
    }
  }
}

const deref = (document: JsonObject, value: Json | undefined): JsonObject =>
  isObject(value) && typeof value.$ref === 'string' ? objectAt(resolvePointer(document, value.$ref)) : objectAt(value);

function checkParameters(
  document: JsonObject,
  path: string,
  item: JsonObject,
  operation: JsonObject,
  where: string,
  problems: string[],
): void {
  const all = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ].map((p) => deref(document, p));
  const seen = new Set<string>();
  for (const parameter of all) {
    const { name, in: location } = parameter;
    if (typeof name !== 'string' || name === '') problems.push(`${where}: a parameter has no name`);
    if (typeof location !== 'string' || !PARAMETER_LOCATIONS.has(location))
      problems.push(`${where}: parameter '${String(name)}' has invalid 'in' ${String(location)}`);
    if (location === 'path' && parameter.required !== true) problems.push(`${where}: path parameter '${String(name)}' must be required`);
    if (!isObject(parameter.schema) && !isObject(parameter.content)) problems.push(`${where}: parameter '${String(name)}' has no schema`);
    const key = `${String(location)}:${location === 'header' ? String(name).toLowerCase() : String(name)}`;
    if (seen.has(key)) problems.push(`${where}: parameter '${String(name)}' in ${String(location)} is declared twice`);
    seen.add(key);
  }
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const declared = all.filter((p) => p.in === 'path').map((p) => String(p.name));
  for (const name of templated) if (!declared.includes(name)) problems.push(`${where}: path parameter {${name}} is not declared`);
  for (const name of declared) if (!templated.includes(name)) problems.push(`${where}: path parameter '${name}' is not in the path`);
}

function checkContent(content: Json | undefined, where: string, problems: string[]): void {
  for (const [mediaType, media] of Object.entries(objectAt(content))) {
    if (!MEDIA_TYPE.test(mediaType)) problems.push(`${where}: invalid media type '${mediaType}'`);
    if (!isObject(objectAt(media).schema)) problems.push(`${where} ${mediaType}: no schema`);
  }
}

function checkResponses(document: JsonObject, path: string, operation: JsonObject, where: string, problems: string[]): void {
  const responses = objectAt(operation.responses);
  const statuses = Object.keys(responses);
  if (statuses.length === 0) problems.push(`${where}: no responses`);
  if (!statuses.some((status) => /^[23]/.test(status))) problems.push(`${where}: no success (2xx/3xx) response`);
  for (const status of statuses) {
    const response = deref(document, responses[status]);
    const at = `${where} ${status}`;
    if (!STATUS_KEY.test(status)) problems.push(`${at}: invalid status key`);
    if (typeof response.description !== 'string' || response.description.trim() === '') problems.push(`${at}: no description`);
    checkContent(response.content, at, problems);
    if (/^[45]/.test(status)) {
      const content = objectAt(response.content);
      if (Object.keys(content).length === 0) problems.push(`${at}: an error answer without a body schema`);
      const problem = objectAt(content['application/problem+json']).schema;
      if (path.startsWith('/api/') && !(isObject(problem) && problem.$ref === '#/components/schemas/Problem')) {
        problems.push(`${at}: API errors must be application/problem+json with schema Problem`);
      }
    }
  }
}

function checkSchemas(document: JsonObject, problems: string[]): void {
  for (const [name, schema] of Object.entries(objectAt(objectAt(document.components).schemas))) {
    const { properties, required } = objectAt(schema);
    if (Array.isArray(required) && isObject(properties)) {
      for (const field of required)
        if (typeof field !== 'string' || !(field in properties))
          problems.push(`#/components/schemas/${name}: required '${String(field)}' is not a property`);
    }
  }
}

export function lintOpenApiDocument(input: unknown): string[] {
  const problems: string[] = [];
  const document = input as JsonObject;
  if (!isObject(document)) return ['the document is not an object'];
  if (typeof document.openapi !== 'string' || !/^3\.[01]\.\d+$/.test(document.openapi))
    problems.push(`openapi: '${String(document.openapi)}' is not 3.0.x or 3.1.x`);
  const info = objectAt(document.info);
  if (typeof info.title !== 'string' || !info.title) problems.push('info.title is missing');
  if (typeof info.version !== 'string' || !info.version) problems.push('info.version is missing');
  if (!isObject(document.paths)) problems.push('paths is missing');
  const schemes = objectAt(objectAt(document.components).securitySchemes);
  const operationIds = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(objectAt(document.paths))) {
    const item = objectAt(rawItem);
    if (!path.startsWith('/')) problems.push(`path '${path}' does not start with /`);
    if (/\/:/.test(path)) problems.push(`path '${path}' uses :param instead of {param}`);
    for (const key of Object.keys(item))
      if (!PATH_ITEM_KEYS.has(key) && !key.startsWith('x-')) problems.push(`${path}: unknown key '${key}'`);
    for (const method of METHODS) {
      if (!isObject(item[method])) continue;
      const operation = item[method];
      const where = `${method.toUpperCase()} ${path}`;
      const id = operation.operationId;
      if (typeof id !== 'string' || id === '') problems.push(`${where}: no operationId`);
      else if (operationIds.has(id)) problems.push(`${where}: operationId '${id}' is also used by ${operationIds.get(id)}`);
      else operationIds.set(id, where);
      checkParameters(document, path, item, operation, where, problems);
      checkResponses(document, path, operation, where, problems);
      if (operation.requestBody !== undefined)
        checkContent(deref(document, operation.requestBody).content, `${where} requestBody`, problems);
      for (const requirement of Array.isArray(operation.security) ? operation.security : []) {
        for (const scheme of Object.keys(objectAt(requirement)))
          if (!(scheme in schemes)) problems.push(`${where}: security scheme '${scheme}' is not defined`);
      }
    }
  }
  checkSchemas(document, problems);
  checkRefs(document, document, '#', problems);
  return problems;
}
