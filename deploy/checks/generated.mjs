#!/usr/bin/env node
// Keeps deploy/k8s in step with what quarkus-kubernetes generates from each service's own configuration
// (<service>/target/kubernetes/kubernetes.yml, written by `mvn package`): the container port, the health probe
// paths and the Prometheus scrape annotations must agree. The hand-written base adds what Quarkus cannot know
// (secrets as files, read-only root, network policies); this check catches the drift when a service changes.
//
//   node generated.mjs              compare every service whose generated manifest exists (others: skipped)
//   node generated.mjs --self-test  a generated manifest with a moved probe path must be reported
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = ['order', 'payment', 'notifier'];
const WORKLOADS = new Set(['Deployment', 'StatefulSet']);

function workload(docs, name) {
  return docs.find((d) => d && WORKLOADS.has(d.kind) && d.metadata?.name === name);
}

function contract(obj, name) {
  const pod = obj.spec.template;
  const c = pod.spec.containers.find((x) => x.name === name) ?? pod.spec.containers[0];
  const httpPort = (c.ports ?? []).find((p) => p.name === 'http')?.containerPort;
  const probe = (p) => p?.httpGet?.path;
  const ann = pod.metadata?.annotations ?? {};
  return {
    'container port http': httpPort,
    'livenessProbe path': probe(c.livenessProbe),
    'readinessProbe path': probe(c.readinessProbe),
    'startupProbe path': probe(c.startupProbe),
    'prometheus.io/path': ann['prometheus.io/path'],
    'prometheus.io/port': ann['prometheus.io/port'] === undefined ? undefined : String(ann['prometheus.io/port']),
  };
}

export function differences(generated, ours, name) {
  const g = contract(generated, name);
  const o = contract(ours, name);
  return Object.keys(g).filter((k) => g[k] !== o[k]).map((k) => `${k}: generated ${g[k]}, deploy/k8s ${o[k]}`);
}

function ourWorkload(service) {
  const dir = join(root, 'deploy', 'k8s', 'base', service);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const found = workload(yaml.loadAll(readFileSync(join(dir, file), 'utf8')), service);
    if (found) return found;
  }
  throw new Error(`no Deployment/StatefulSet named ${service} under deploy/k8s/base/${service}`);
}

function generatedWorkload(service) {
  const file = join(root, service, 'target', 'kubernetes', 'kubernetes.yml');
  return existsSync(file) ? workload(yaml.loadAll(readFileSync(file, 'utf8')), service) : null;
}

let status = 0;
if (process.argv.includes('--self-test')) {
  const ours = ourWorkload('payment');
  const moved = structuredClone(ours);
  moved.spec.template.spec.containers[0].readinessProbe.httpGet.path = '/q/health/well';
  const found = differences(moved, ours, 'payment');
  if (found.length === 1 && found[0].startsWith('readinessProbe path')) {
    console.log('ok   generated-manifest self-test: a moved readiness path is reported');
  } else {
    console.log(`FAIL generated-manifest self-test: expected one readiness difference, got ${JSON.stringify(found)}`);
    status = 1;
  }
} else {
  for (const service of SERVICES) {
    const generated = generatedWorkload(service);
    if (!generated) {
      console.log(`skip ${service}: no ${service}/target/kubernetes/kubernetes.yml (run mvn package first)`);
      continue;
    }
    const found = differences(generated, ourWorkload(service), service);
    if (found.length === 0) {
      console.log(`ok   ${service}: deploy/k8s agrees with the manifest quarkus-kubernetes generates`);
    } else {
      found.forEach((d) => console.log(`FAIL ${service}: ${d}`));
      status = 1;
    }
  }
}
process.exit(status);
