#!/usr/bin/env node
// Validates rendered manifests: Kubernetes/Strimzi schemas, then our policy.
//
//   node check.mjs --profile prod|dev FILE...   check rendered manifests; exit 1 on any problem
//   node check.mjs --self-test DIR              every fixture must get the verdict its header declares
//
// A fixture starts with header comments:
//   # profile: prod                 (default prod)
//   # expect: <text>                (one or more: the check must reject it with problems containing each text)
//   # expect-ok                     (the check must accept it)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { validateSchema } from './lib/schema.mjs';
import { checkPolicy } from './lib/policy.mjs';

function load(file) {
  const text = readFileSync(file, 'utf8');
  // JSON_SCHEMA-like strictness is not wanted here: kustomize output is YAML 1.2 compatible.
  return yaml.loadAll(text).filter((d) => d !== null && d !== undefined);
}

async function problemsOf(objects, profile) {
  const problems = [];
  for (const obj of objects) problems.push(...(await validateSchema(obj)));
  problems.push(...checkPolicy(objects, { profile }));
  return problems;
}

async function checkFiles(files, profile) {
  let failed = false;
  for (const file of files) {
    let objects;
    try {
      objects = load(file);
    } catch (e) {
      console.error(`${file}: cannot parse YAML: ${e.message}`);
      failed = true;
      continue;
    }
    if (objects.length === 0) {
      console.error(`${file}: no objects rendered`);
      failed = true;
      continue;
    }
    const problems = await problemsOf(objects, profile);
    if (problems.length) {
      failed = true;
      console.error(`FAIL ${file} (${profile}): ${problems.length} problem(s)`);
      for (const p of problems) console.error(`  - ${p}`);
    } else {
      const kinds = {};
      for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
      const summary = Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ');
      console.log(`ok   ${file} (${profile}): ${objects.length} objects valid (${summary})`);
    }
  }
  return failed ? 1 : 0;
}

function header(file) {
  const h = { profile: 'prod', expect: [], ok: false };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('#')) break;
    let m;
    if ((m = line.match(/^#\s*profile:\s*(\S+)/))) h.profile = m[1];
    else if ((m = line.match(/^#\s*expect:\s*(.+?)\s*$/))) h.expect.push(m[1]);
    else if (/^#\s*expect-ok\b/.test(line)) h.ok = true;
  }
  return h;
}

async function selfTest(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  let failed = 0;
  for (const f of files) {
    const file = join(dir, f);
    const h = header(file);
    if (!h.ok && h.expect.length === 0) {
      console.error(`FAIL ${f}: fixture declares neither "# expect:" nor "# expect-ok"`);
      failed++;
      continue;
    }
    let problems;
    try {
      problems = await problemsOf(load(file), h.profile);
    } catch (e) {
      problems = [`cannot parse YAML: ${e.message}`];
    }
    if (h.ok) {
      if (problems.length === 0) console.log(`ok   ${f}: accepted, as expected`);
      else {
        failed++;
        console.error(`FAIL ${f}: should be accepted but got:`);
        for (const p of problems) console.error(`  - ${p}`);
      }
      continue;
    }
    const missing = h.expect.filter((e) => !problems.some((p) => p.includes(e)));
    if (problems.length === 0) {
      failed++;
      console.error(`FAIL ${f}: broken fixture was ACCEPTED (expected: ${h.expect.join(' | ')})`);
    } else if (missing.length) {
      failed++;
      console.error(`FAIL ${f}: rejected, but not for the expected reason (${missing.join(' | ')}); got:`);
      for (const p of problems) console.error(`  - ${p}`);
    } else {
      console.log(`ok   ${f}: rejected (${problems.filter((p) => h.expect.some((e) => p.includes(e)))[0]})`);
    }
  }
  console.log(`self-test: ${files.length - failed}/${files.length} fixtures behaved as declared`);
  return failed ? 1 : 0;
}

const args = process.argv.slice(2);
let code;
if (args[0] === '--self-test' && args[1]) {
  code = await selfTest(args[1]);
} else if (args[0] === '--profile' && ['prod', 'dev'].includes(args[1]) && args.length > 2) {
  code = await checkFiles(args.slice(2), args[1]);
} else {
  console.error('usage: check.mjs --profile prod|dev FILE... | --self-test DIR');
  code = 2;
}
process.exit(code);
