// Schema validation of rendered objects with the JSON schemas bundled in kubernetes-models (Kubernetes API) and
// @kubernetes-models/strimzi-kafka-operator (Strimzi CRDs). An object whose apiVersion/kind has no bundled schema is
// a problem too: an unknown kind is either a typo or something this check cannot vouch for.
//
// These schemas accept unknown fields; fields.mjs reports them from the packages' TypeScript declarations.
import { unknownFields } from './fields.mjs';

const PACKAGES = [
  { test: (group) => group.endsWith('strimzi.io'), pkg: '@kubernetes-models/strimzi-kafka-operator' },
  { test: () => true, pkg: 'kubernetes-models' },
];

const cache = new Map();

async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) return cache.get(key);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  const { pkg } = PACKAGES.find((p) => p.test(group ?? ''));
  const path = group ? `${pkg}/${group}/${version}/${kind}` : `${pkg}/${version}/${kind}`;
  let model = null;
  try {
    const mod = await import(path);
    model = mod[kind] ? { Model: mod[kind], path } : null;
  } catch {
    model = null;
  }
  cache.set(key, model);
  return model;
}

// kustomize folds long base64 values of generated Secrets over several lines; the API server's base64 decoder skips
// line breaks, the schema's "byte" format does not. Compare what the server would decode.
function normalise(obj) {
  const copy = structuredClone(obj);
  if (copy.kind === 'Secret' && copy.data && typeof copy.data === 'object') {
    for (const [k, v] of Object.entries(copy.data)) {
      if (typeof v === 'string') copy.data[k] = v.replace(/[\r\n]/g, '');
    }
  }
  return copy;
}

/** Returns a list of problem strings for one object. */
export async function validateSchema(obj) {
  const where = `${obj?.kind ?? '?'}/${obj?.metadata?.name ?? '?'}`;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [`${where}: not a Kubernetes object`];
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    return [`${where}: [schema] apiVersion and kind must be strings`];
  }
  const found = await modelFor(obj.apiVersion, obj.kind);
  if (!found) return [`${where}: [schema] no schema for ${obj.apiVersion} ${obj.kind}`];
  const problems = [];
  try {
    // The models validate a copy of the plain object; constructing one does not change the input.
    new found.Model(normalise(obj)).validate();
  } catch (e) {
    const text = String(e?.message ?? e);
    problems.push(...text.split(/,\s*(?=data\/)/).map((m) => `${where}: [schema] ${m.replace(/^data\//, '')}`));
  }
  const unknown = unknownFields(obj, found.path);
  if (unknown === null) problems.push(`${where}: [schema] no type declarations to check field names against`);
  else problems.push(...unknown.map((f) => `${where}: [schema] unknown field ${f}`));
  return problems;
}
