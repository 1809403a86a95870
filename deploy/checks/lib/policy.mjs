// Our own rules for the rendered manifests. Each problem names the object and the rule, e.g.
//   Deployment/payment: [probes] container payment has no readinessProbe
//
// profile "prod": no Secret objects at all (they are created out of band) and no sandbox anywhere.
// profile "dev":  Secrets allowed only when generated with the paygate.io/dev-only annotation.

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Job', 'CronJob']);
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);
const SCALABLE = new Set(['Deployment', 'StatefulSet']);

// Public routes: each Ingress path must be one of these or lie below one of them.
export const ALLOWED_PATHS = [
  '/api/orders',
  '/api/products',
  '/api/payments',
  '/api/admin/payments',
  '/api/notifications',
  '/checkout',
  '/notify',
];

// Names that suggest a secret value. Allowed in a ConfigMap (or a literal env var) only when the value is an
// absolute file path (a mounted Secret) or the name is an identifier (..._ID, ...-id).
const SECRET_NAME = /(key|secret|passw(or)?d|pwd|token|credential|private)/i;
const IDENTIFIER_NAME = /([._-]id|_ids?)$/i;
const FILE_PATH = /^\/[^\s]*$/;
const PEM = /-----BEGIN [A-Z0-9 ]+-----/;

// Annotations that let ingress-nginx route or rewrite beyond the declared paths.
const RISKY_INGRESS_ANNOTATIONS = /nginx\.ingress\.kubernetes\.io\/(.*-snippet|rewrite-target|use-regex|app-root|default-backend|custom-http-errors)$/;

function podSpecOf(obj) {
  switch (obj.kind) {
    case 'Pod':
      return { spec: obj.spec, meta: obj.metadata };
    case 'CronJob':
      return { spec: obj.spec?.jobTemplate?.spec?.template?.spec, meta: obj.spec?.jobTemplate?.spec?.template?.metadata };
    default:
      return { spec: obj.spec?.template?.spec, meta: obj.spec?.template?.metadata };
  }
}

function containersOf(podSpec) {
  return [
    ...(podSpec?.initContainers ?? []).map((c) => ({ c, init: true })),
    ...(podSpec?.containers ?? []).map((c) => ({ c, init: false })),
  ];
}

function secretLooking(name, value) {
  if (typeof value === 'string' && PEM.test(value)) return 'holds PEM material';
  if (SECRET_NAME.test(name) && !IDENTIFIER_NAME.test(name)) {
    if (typeof value !== 'string' || !FILE_PATH.test(value.trim())) {
      return 'has a secret-looking name and a value that is not a file path';
    }
  }
  return null;
}

// A .properties / .env style value inside a ConfigMap is checked line by line as well.
function embeddedEntries(value) {
  if (typeof value !== 'string' || !value.includes('\n')) return [];
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .map((l) => l.match(/^([^=:\s]+)\s*[=:]\s*(.*)$/))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]);
}

function checkImage(image) {
  if (typeof image !== 'string' || image.length === 0) return 'has no image';
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return null;
  const lastSegment = image.split('/').pop();
  if (!lastSegment.includes(':')) return `image ${image} has no tag`;
  const tag = lastSegment.split(':').pop();
  if (tag === '' || tag.toLowerCase() === 'latest') return `image ${image} uses the latest tag`;
  return null;
}

function checkContainers(where, obj, problems) {
  const { spec, meta } = podSpecOf(obj);
  if (!spec) {
    problems.push(`${where}: [workload] has no pod template`);
    return;
  }
  const podSec = spec.securityContext ?? {};
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) problems.push(`${where}: [security] uses host namespaces`);
  const emptyDirs = new Set((spec.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
  const all = containersOf(spec);
  if (all.length === 0) problems.push(`${where}: [workload] has no containers`);
  for (const { c, init } of all) {
    const cw = `container ${c.name}`;
    const imageProblem = checkImage(c.image);
    if (imageProblem) problems.push(`${where}: [image] ${cw} ${imageProblem}`);

    if (!init && LONG_RUNNING.has(obj.kind)) {
      if (!c.readinessProbe) problems.push(`${where}: [probes] ${cw} has no readinessProbe`);
      if (!c.livenessProbe) problems.push(`${where}: [probes] ${cw} has no livenessProbe`);
    }

    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] === undefined) problems.push(`${where}: [resources] ${cw} has no requests.${r}`);
      if (lim[r] === undefined) problems.push(`${where}: [resources] ${cw} has no limits.${r}`);
    }

    const sec = c.securityContext ?? {};
    const nonRoot = sec.runAsNonRoot ?? podSec.runAsNonRoot;
    if (nonRoot !== true) problems.push(`${where}: [security] ${cw} does not set runAsNonRoot: true`);
    const uid = sec.runAsUser ?? podSec.runAsUser;
    if (uid === 0) problems.push(`${where}: [security] ${cw} runs as uid 0`);
    if (sec.privileged === true) problems.push(`${where}: [security] ${cw} is privileged`);
    if (sec.allowPrivilegeEscalation !== false) {
      problems.push(`${where}: [security] ${cw} does not set allowPrivilegeEscalation: false`);
    }
    if (sec.readOnlyRootFilesystem !== true) {
      problems.push(`${where}: [security] ${cw} does not set readOnlyRootFilesystem: true`);
    } else if (!(c.volumeMounts ?? []).some((m) => m.mountPath === '/tmp' && emptyDirs.has(m.name))) {
      problems.push(`${where}: [security] ${cw} has a read-only root but no emptyDir mounted at /tmp`);
    }
    if (!(sec.capabilities?.drop ?? []).includes('ALL')) {
      problems.push(`${where}: [security] ${cw} does not drop ALL capabilities`);
    }

    for (const e of c.env ?? []) {
      if (e.value !== undefined) {
        const why = secretLooking(e.name, e.value);
        if (why) problems.push(`${where}: [secrets] ${cw} env ${e.name} ${why}: use a secretKeyRef or a mounted file`);
      }
    }
  }

  if (LONG_RUNNING.has(obj.kind) && obj.kind !== 'Pod') {
    const ann = meta?.annotations ?? {};
    if (ann['prometheus.io/scrape'] !== 'true' || ann['prometheus.io/path'] !== '/q/metrics' || !ann['prometheus.io/port']) {
      problems.push(`${where}: [metrics] pod template lacks prometheus.io/scrape, /path=/q/metrics and /port annotations`);
    }
  }
  if (SCALABLE.has(obj.kind) && !(Number.isInteger(obj.spec?.replicas) && obj.spec.replicas >= 2)) {
    problems.push(`${where}: [replicas] needs replicas >= 2 (got ${JSON.stringify(obj.spec?.replicas)})`);
  }
}

function checkConfigMap(where, obj, problems) {
  for (const [name, value] of Object.entries(obj.data ?? {})) {
    const why = secretLooking(name, value);
    if (why) problems.push(`${where}: [secrets] key ${name} ${why}: secrets belong in a Secret mounted as a file`);
    for (const [k, v] of embeddedEntries(value)) {
      const inner = secretLooking(k, v);
      if (inner) problems.push(`${where}: [secrets] key ${name} entry ${k} ${inner}: secrets belong in a Secret`);
    }
  }
  for (const name of Object.keys(obj.binaryData ?? {})) {
    problems.push(`${where}: [secrets] key ${name} is binaryData: keep binary material (keys, keystores) in Secrets`);
  }
}

function pathAllowed(path) {
  if (typeof path !== 'string') return false;
  return ALLOWED_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

function checkIngress(where, obj, problems) {
  const ann = obj.metadata?.annotations ?? {};
  for (const a of Object.keys(ann)) {
    if (RISKY_INGRESS_ANNOTATIONS.test(a)) problems.push(`${where}: [ingress] annotation ${a} is not allowed`);
  }
  if (obj.spec?.defaultBackend) problems.push(`${where}: [ingress] defaultBackend exposes every unmatched path`);
  const tlsHosts = new Set((obj.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
  let routesNotify = false;
  for (const rule of obj.spec?.rules ?? []) {
    if (!rule.host) problems.push(`${where}: [ingress] a rule has no host`);
    else if (!tlsHosts.has(rule.host)) problems.push(`${where}: [ingress] host ${rule.host} is not covered by tls`);
    const paths = rule.http?.paths ?? [];
    if (paths.length === 0) problems.push(`${where}: [ingress] a rule has no paths`);
    for (const p of paths) {
      if (typeof p.path === 'string' && (p.path === '/q' || p.path.startsWith('/q/'))) {
        problems.push(`${where}: [ingress] path ${p.path} exposes /q (health, metrics, OpenAPI)`);
      } else if (!pathAllowed(p.path)) {
        problems.push(`${where}: [ingress] path ${JSON.stringify(p.path)} is not an allowed public path (${ALLOWED_PATHS.join(', ')})`);
      }
      if (p.pathType !== 'Prefix' && p.pathType !== 'Exact') {
        problems.push(`${where}: [ingress] path ${p.path} must use pathType Prefix or Exact`);
      }
      if (p.path === '/notify' || String(p.path).startsWith('/notify/')) routesNotify = true;
    }
  }
  if (routesNotify && !ann['nginx.ingress.kubernetes.io/proxy-body-size']) {
    problems.push(`${where}: [ingress] routes /notify without a proxy-body-size limit`);
  }
}

function checkSecret(where, obj, profile, problems) {
  const hasData = Object.keys(obj.data ?? {}).length > 0 || Object.keys(obj.stringData ?? {}).length > 0;
  if (profile === 'prod') {
    problems.push(`${where}: [secrets] prod renders no Secrets: create them out of band (deploy/README.md)`);
  } else if (hasData && obj.metadata?.annotations?.['paygate.io/dev-only'] !== 'true') {
    problems.push(`${where}: [secrets] a rendered Secret must be a generated dev-only one (paygate.io/dev-only)`);
  }
}

function labelsMatch(selector, labels) {
  const ml = selector?.matchLabels ?? {};
  return Object.entries(ml).every(([k, v]) => labels?.[k] === v);
}

/** Cross-object rules: autoscalers, budgets and services must point at something that exists. */
function checkReferences(objects, problems) {
  const workloads = objects.filter((o) => WORKLOADS.has(o?.kind));
  const podLabels = workloads.map((w) => podSpecOf(w).meta?.labels ?? {});
  for (const o of objects) {
    const where = `${o?.kind}/${o?.metadata?.name}`;
    if (o?.kind === 'HorizontalPodAutoscaler') {
      const t = o.spec?.scaleTargetRef ?? {};
      if (!workloads.some((w) => w.kind === t.kind && w.metadata?.name === t.name)) {
        problems.push(`${where}: [references] scaleTargetRef ${t.kind}/${t.name} does not exist`);
      }
      if (!(o.spec?.minReplicas >= 2)) problems.push(`${where}: [replicas] minReplicas must be >= 2`);
    }
    if (o?.kind === 'PodDisruptionBudget' && !podLabels.some((l) => labelsMatch(o.spec?.selector, l))) {
      problems.push(`${where}: [references] selector matches no pod template`);
    }
    if (o?.kind === 'Service' && o.spec?.type !== 'ExternalName' && o.spec?.selector) {
      if (!podLabels.some((l) => labelsMatch({ matchLabels: o.spec.selector }, l))) {
        problems.push(`${where}: [references] selector matches no pod template`);
      }
    }
  }
}

// Every pod must be isolated by a default-deny NetworkPolicy (both directions, no allow rules); the allowed flows
// are separate policies. Deleting or narrowing the deny policy would silently open everything.
function checkDefaultDeny(objects, problems) {
  const denies = objects.filter(
    (o) =>
      o?.kind === 'NetworkPolicy' &&
      ['Ingress', 'Egress'].every((t) => (o.spec?.policyTypes ?? []).includes(t)) &&
      !(o.spec?.ingress ?? []).length &&
      !(o.spec?.egress ?? []).length,
  );
  for (const w of objects.filter((o) => LONG_RUNNING.has(o?.kind))) {
    const labels = podSpecOf(w).meta?.labels ?? {};
    if (!denies.some((np) => !np.spec?.podSelector?.matchExpressions && labelsMatch(np.spec?.podSelector, labels))) {
      problems.push(`${w.kind}/${w.metadata?.name}: [network] no default-deny NetworkPolicy (Ingress and Egress) selects its pods`);
    }
  }
}

/** Returns the policy problems of a list of rendered objects. */
export function checkPolicy(objects, { profile }) {
  const problems = [];
  for (const obj of objects) {
    if (!obj || typeof obj !== 'object') continue;
    const where = `${obj.kind}/${obj.metadata?.name}`;
    if (WORKLOADS.has(obj.kind)) checkContainers(where, obj, problems);
    if (obj.kind === 'ConfigMap') checkConfigMap(where, obj, problems);
    if (obj.kind === 'Ingress') checkIngress(where, obj, problems);
    if (obj.kind === 'Secret') checkSecret(where, obj, profile, problems);
    if (profile === 'prod' && JSON.stringify(obj).toLowerCase().includes('sandbox')) {
      problems.push(`${where}: [sandbox] the sandbox (dev and tests only) must not reach production manifests`);
    }
  }
  checkReferences(objects, problems);
  checkDefaultDeny(objects, problems);
  return problems;
}
