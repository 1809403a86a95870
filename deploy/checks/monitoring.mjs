#!/usr/bin/env node
// Offline checks of deploy/k8s/monitoring, step one (promtool does step two, in ./run):
//   - prometheus-rules.yaml is one PrometheusRule; its spec is written to OUT/paygate.rules.yaml for
//     `promtool check rules` and, with rules-test.yaml copied beside it, `promtool test rules`;
//   - paygate-dashboard.json loads and matches dashboard.schema.json, panel ids are unique, panels do not overlap,
//     and every panel's PromQL (Grafana's $variables replaced) goes to OUT/dashboard.rules.yaml as a recording rule,
//     so `promtool check rules` parses each query.
//   node monitoring.mjs OUT_DIR
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import yaml from 'js-yaml';

const here = dirname(fileURLToPath(import.meta.url));
const monitoring = join(here, '../k8s/monitoring');
const out = process.argv[2];
if (!out) {
  console.error('usage: node monitoring.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const problems = [];

const rules = yaml.loadAll(readFileSync(join(monitoring, 'prometheus-rules.yaml'), 'utf8')).filter(Boolean);
if (rules.length !== 1 || rules[0].kind !== 'PrometheusRule' || rules[0].apiVersion !== 'monitoring.coreos.com/v1') {
  problems.push('prometheus-rules.yaml: expected exactly one monitoring.coreos.com/v1 PrometheusRule');
} else {
  writeFileSync(join(out, 'paygate.rules.yaml'), yaml.dump(rules[0].spec));
  copyFileSync(join(monitoring, 'rules-test.yaml'), join(out, 'rules-test.yaml'));
}

let dashboard;
try {
  dashboard = JSON.parse(readFileSync(join(monitoring, 'paygate-dashboard.json'), 'utf8'));
} catch (e) {
  problems.push(`paygate-dashboard.json does not load: ${e.message}`);
}
if (dashboard) {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(here, 'dashboard.schema.json'), 'utf8')));
  if (!validate(dashboard)) {
    for (const e of validate.errors) problems.push(`paygate-dashboard.json${e.instancePath}: ${e.message}`);
  }
  const panels = Array.isArray(dashboard.panels) ? dashboard.panels : [];
  const ids = new Set();
  const cells = new Map();
  const recording = [];
  for (const p of panels) {
    if (ids.has(p.id)) problems.push(`paygate-dashboard.json: panel id ${p.id} used twice`);
    ids.add(p.id);
    const g = p.gridPos || {};
    for (let x = g.x; x < g.x + g.w; x++) {
      for (let y = g.y; y < g.y + g.h; y++) {
        const key = `${x},${y}`;
        if (cells.has(key)) problems.push(`paygate-dashboard.json: panel ${p.id} overlaps panel ${cells.get(key)}`);
        cells.set(key, p.id);
      }
    }
    for (const t of p.targets || []) {
      const expr = String(t.expr || '')
        .replaceAll('$__rate_interval', '5m').replaceAll('$__range', '1h').replaceAll('$namespace', 'paygate');
      recording.push({ record: `dashboard:panel_${p.id}_${t.refId}`, expr });
    }
  }
  writeFileSync(join(out, 'dashboard.rules.yaml'), yaml.dump({ groups: [{ name: 'dashboard', rules: recording }] }));
  console.log(`ok   paygate-dashboard.json: ${panels.length} panels, ${recording.length} queries to parse`);
}

if (problems.length) {
  for (const p of problems) console.error(`FAIL ${p}`);
  process.exit(1);
}
