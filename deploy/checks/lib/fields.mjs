// Unknown-field check. The JSON schemas in kubernetes-models accept fields they do not know, so a misspelt optional
// field (readOnlyRootFileSystem, imagePullPolicyy) would pass silently. The same packages ship TypeScript
// declarations (.d.ts) that list every field of every type; this reads them and reports object keys that the
// declared type does not have.
//
// The parser understands the subset the generated declarations use: interfaces with quoted members, inline object
// types, index signatures (maps such as labels), Array<T>, T[], unions and imported names. Anything else resolves
// to "any" and is not checked, so a gap here can miss a typo but never invents one.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ANY = { t: 'any' };
const fileCache = new Map();

function packageDir(name) {
  // Packages export only "import" conditions; resolve their package.json through the node_modules lookup path.
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = resolve(base, name);
    if (existsSync(resolve(dir, 'package.json'))) return dir;
  }
  return null;
}

function resolveSpecifier(spec, fromFile) {
  let path;
  if (spec.startsWith('.')) {
    path = resolve(dirname(fromFile), spec);
  } else {
    const parts = spec.split('/');
    const pkgName = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const rest = parts.slice(spec.startsWith('@') ? 2 : 1).join('/');
    const dir = packageDir(pkgName);
    if (!dir) return null;
    path = resolve(dir, rest || 'index');
  }
  path = path.replace(/\.js$/, '');
  for (const candidate of [`${path}.d.ts`, resolve(path, 'index.d.ts')]) if (existsSync(candidate)) return candidate;
  return null;
}

// ---- a small tokenizer and parser for type expressions --------------------------------------------------------
function tokenize(text) {
  const tokens = [];
  const re = /\s+|\/\*[\s\S]*?\*\/|\/\/[^\n]*|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_$][\w$.]*)|(-?\d+(?:\.\d+)?)|(=>|\?:|[{}()[\]<>;:,|&?=])/y;
  let m;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    if (m[1]) tokens.push({ k: 'str', v: m[1].slice(1, -1) });
    else if (m[2]) tokens.push({ k: 'id', v: m[2] });
    else if (m[3]) tokens.push({ k: 'num', v: m[3] });
    else if (m[4]) tokens.push({ k: 'p', v: m[4] });
  }
  return tokens;
}

class Parser {
  constructor(tokens) {
    this.t = tokens;
    this.i = 0;
  }
  peek(o = 0) {
    return this.t[this.i + o];
  }
  is(v, o = 0) {
    const x = this.peek(o);
    return x && x.k === 'p' && x.v === v;
  }
  take() {
    return this.t[this.i++];
  }
  expect(v) {
    if (!this.is(v)) throw new Error(`expected ${v}`);
    this.i++;
  }
  type() {
    const alts = [this.postfix()];
    while (this.is('|') || this.is('&')) {
      this.take();
      alts.push(this.postfix());
    }
    return alts.length === 1 ? alts[0] : { t: 'union', of: alts };
  }
  postfix() {
    let ty = this.primary();
    while (this.is('[')) {
      if (this.is(']', 1)) {
        this.take();
        this.take();
        ty = { t: 'array', of: ty };
      } else {
        // Indexed access (IFoo["apiVersion"]): a literal, not checked.
        this.skipBalanced('[', ']');
        ty = ANY;
      }
    }
    return ty;
  }
  skipBalanced(open, close) {
    let depth = 0;
    do {
      const tok = this.take();
      if (!tok) return;
      if (tok.k === 'p' && tok.v === open) depth++;
      else if (tok.k === 'p' && tok.v === close) depth--;
    } while (depth > 0);
  }
  primary() {
    const tok = this.peek();
    if (!tok) return ANY;
    if (tok.k === 'p' && tok.v === '{') return this.objectBody();
    if (tok.k === 'p' && tok.v === '(') {
      this.take();
      const inner = this.type();
      this.expect(')');
      return inner;
    }
    if (tok.k === 'str' || tok.k === 'num') {
      this.take();
      return ANY;
    }
    if (tok.k === 'id') {
      this.take();
      if (this.is('<')) {
        this.take();
        const args = [this.type()];
        while (this.is(',')) {
          this.take();
          args.push(this.type());
        }
        this.expect('>');
        if (tok.v === 'Array' || tok.v === 'ReadonlyArray') return { t: 'array', of: args[0] };
        if (tok.v === 'Record') return { t: 'object', props: new Map(), index: args[1] ?? ANY };
        return ANY;
      }
      return { t: 'ref', name: tok.v };
    }
    this.take();
    return ANY;
  }
  objectBody() {
    this.expect('{');
    const props = new Map();
    let index = null;
    while (!this.is('}')) {
      const tok = this.peek();
      if (!tok) break;
      if (tok.k === 'p' && tok.v === '[') {
        // [key: string]: T
        this.skipBalanced('[', ']');
        this.expect(':');
        index = this.type();
      } else if (tok.k === 'str' || tok.k === 'id') {
        this.take();
        if (this.is('?:')) this.take();
        else if (this.is('?')) {
          this.take();
          this.expect(':');
        } else if (this.is(':')) this.take();
        else {
          // a method or something unexpected: give up on this member
          while (this.peek() && !this.is(';') && !this.is('}')) this.take();
          index = ANY;
        }
        if (!this.is(';') && !this.is('}')) props.set(tok.v, this.type());
      } else {
        this.take();
      }
      if (this.is(';') || this.is(',')) this.take();
    }
    this.expect('}');
    // `{}` is how the declarations spell free-form objects (Kafka and topic config, preserve-unknown-fields).
    if (props.size === 0 && index === null) return ANY;
    return { t: 'object', props, index };
  }
}

// ---- declarations of one file ---------------------------------------------------------------------------------
function loadFile(file) {
  if (fileCache.has(file)) return fileCache.get(file);
  const decl = { file, imports: new Map(), names: new Map() };
  fileCache.set(file, decl);
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    for (const part of m[1].split(',')) {
      const [orig, alias] = part.trim().split(/\s+as\s+/);
      if (orig) decl.imports.set((alias ?? orig).trim(), { spec: m[2], name: orig.trim() });
    }
  }
  for (const m of text.matchAll(/export\s+type\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const [orig, alias] = part.trim().split(/\s+as\s+/);
      if (orig && alias) decl.names.set(alias.trim(), { alias: orig.trim() });
    }
  }
  const re = /export\s+(?:declare\s+)?(interface|type)\s+([\w$]+)(?:<[^>]*>)?\s*(?:extends\s+([\w$.,\s<>]+?))?\s*(=|\{)/g;
  let m;
  while ((m = re.exec(text))) {
    const [, what, name, ext, opener] = m;
    const start = opener === '{' ? m.index + m[0].length - 1 : m.index + m[0].length;
    try {
      const tokens = tokenize(text.slice(start, start + 200000));
      const p = new Parser(tokens);
      const ty = what === 'interface' ? p.objectBody() : p.type();
      if (ext && ty.t === 'object') ty.extends = ext.split(',').map((e) => e.trim().replace(/<.*$/, ''));
      decl.names.set(name, { type: ty });
    } catch {
      decl.names.set(name, { type: ANY });
    }
  }
  return decl;
}

function lookup(name, file, depth = 0) {
  if (depth > 20) return ANY;
  if (name === 'TypeMeta') {
    return { t: 'object', props: new Map([['apiVersion', ANY], ['kind', ANY]]), index: null };
  }
  const decl = loadFile(file);
  const own = decl.names.get(name);
  if (own?.type) return { ...own.type, file };
  if (own?.alias) return lookup(own.alias, file, depth + 1);
  const imp = decl.imports.get(name);
  if (imp) {
    const target = resolveSpecifier(imp.spec, file);
    return target ? lookup(imp.name, target, depth + 1) : ANY;
  }
  return ANY;
}

function deref(ty, file) {
  let cur = ty;
  let curFile = file;
  for (let i = 0; i < 20 && cur.t === 'ref'; i++) {
    const next = lookup(cur.name, curFile);
    curFile = next.file ?? curFile;
    cur = next;
  }
  return { ty: cur, file: cur.file ?? curFile };
}

// All members of an object type including those of the interfaces it extends.
function membersOf(ty, file) {
  const props = new Map(ty.props);
  let index = ty.index;
  for (const base of ty.extends ?? []) {
    const { ty: b, file: bf } = deref({ t: 'ref', name: base }, file);
    if (b.t === 'object') {
      const inner = membersOf(b, bf);
      for (const [k, v] of inner.props) if (!props.has(k)) props.set(k, { ...v, file: v.file ?? bf });
      index = index ?? inner.index;
    } else index = ANY;
  }
  return { props, index };
}

function walk(data, ty, file, path, out) {
  const { ty: t, file: f } = deref(ty, file);
  const tf = t.file ?? f;
  if (t.t === 'any' || data === null || data === undefined) return;
  if (t.t === 'union') {
    const objs = t.of.map((a) => deref(a, tf)).filter((x) => x.ty.t === 'object');
    const arrs = t.of.map((a) => deref(a, tf)).filter((x) => x.ty.t === 'array');
    if (Array.isArray(data) && arrs.length === 1) return walk(data, arrs[0].ty, arrs[0].file, path, out);
    if (typeof data === 'object' && !Array.isArray(data) && objs.length === 1 && objs.length === t.of.length) {
      return walk(data, objs[0].ty, objs[0].file, path, out);
    }
    return; // ambiguous unions (e.g. int-or-string, several object shapes) are not checked
  }
  if (t.t === 'array') {
    if (Array.isArray(data)) data.forEach((item, i) => walk(item, t.of, tf, `${path}/${i}`, out));
    return;
  }
  if (t.t === 'object' && typeof data === 'object' && !Array.isArray(data)) {
    const { props, index } = membersOf(t, tf);
    for (const [k, v] of Object.entries(data)) {
      const member = props.get(k);
      if (member) walk(v, member, member.file ?? tf, `${path}/${k}`, out);
      else if (index) walk(v, index, tf, `${path}/${k}`, out);
      else out.push(`${path}/${k}`.replace(/^\//, ''));
    }
  }
}

/**
 * Returns the unknown fields of an object, given the module path of its model (as used by schema.mjs), or null
 * when no declaration file could be found.
 */
export function unknownFields(obj, modelPath) {
  const file = resolveSpecifier(modelPath, import.meta.url.replace('file://', ''));
  if (!file) return null;
  const iname = `I${obj.kind}`;
  const root = lookup(iname, file);
  if (root.t === 'any') return null;
  const out = [];
  walk(obj, root, root.file ?? file, '', out);
  return out;
}
