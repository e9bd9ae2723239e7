// docs/openapi.yaml against the route table of the binary (`lecs routes`) and
// against what GET /api/docs serves: the description fails the suite as soon
// as it drifts from the routes the server registers.
//
// The file is read with the small parser below, for the YAML subset the file
// header declares (block mappings and sequences, one-line scalars, flow lists
// of scalars, {} and []). Anything outside the subset is an error, so the file
// cannot silently mean something else than this test reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, startServer } from './lib.mjs';

const SPEC_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'openapi.yaml');
const SPEC_TEXT = readFileSync(SPEC_PATH, 'utf8');
// Served by the HTTP layer itself (src/lecs/http/detail/pipeline.cpp), not in the route table.
const BUILTINS = new Set(['GET /healthz', 'GET /readyz', 'GET /metrics']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// ---- a parser for the YAML subset of docs/openapi.yaml ----------------------

export function parseYamlSubset(text) {
  const lines = [];
  text.split('\n').forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/\r$/, '');
    if (/^\s*(#.*)?$/.test(line)) return;
    const m = line.match(/^( *)(.*)$/);
    if (m[2].startsWith('\t')) throw new Error(`line ${lineNo}: tab in indentation`);
    lines.push({ indent: m[1].length, text: stripComment(m[2], lineNo), lineNo });
  });
  let pos = 0;

  function fail(l, why) {
    throw new Error(`line ${l.lineNo}: ${why}: ${l.text}`);
  }

  function parseBlock(indent) {
    const first = lines[pos];
    if (first.indent !== indent) fail(first, `expected indent ${indent}`);
    return first.text === '-' || first.text.startsWith('- ') ? parseSeq(indent) : parseMap(indent);
  }

  // The value after "key:" or "- ": an inline scalar, or a nested block.
  function valueAfter(l, rest, indent) {
    if (rest !== '') return scalar(rest, l);
    const next = lines[pos];
    if (next && next.indent > indent) return parseBlock(next.indent);
    if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- ')))
      fail(next, 'a sequence must be indented under its key');
    return null;
  }

  function parseMap(indent) {
    const out = {};
    while (pos < lines.length && lines[pos].indent === indent) {
      const l = lines[pos];
      if (l.text.startsWith('- ')) fail(l, 'sequence item inside a mapping');
      const { key, rest } = splitKey(l);
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(l, `duplicate key "${key}"`);
      pos++;
      out[key] = valueAfter(l, rest, indent);
    }
    if (pos < lines.length && lines[pos].indent > indent) fail(lines[pos], 'unexpected indent');
    return out;
  }

  function parseSeq(indent) {
    const out = [];
    while (pos < lines.length && lines[pos].indent === indent) {
      const l = lines[pos];
      if (!(l.text === '-' || l.text.startsWith('- '))) fail(l, 'mapping entry inside a sequence');
      const rest = l.text.slice(1).trimStart();
      if (rest !== '' && keyMatch(rest)) {
        // "- key: value" opens a mapping whose entries sit two columns in.
        lines[pos] = { indent: indent + 2, text: rest, lineNo: l.lineNo };
        out.push(parseMap(indent + 2));
      } else {
        pos++;
        out.push(valueAfter(l, rest, indent));
      }
    }
    if (pos < lines.length && lines[pos].indent > indent) fail(lines[pos], 'unexpected indent');
    return out;
  }

  if (lines.length === 0) return null;
  const doc = parseBlock(0);
  if (pos !== lines.length) fail(lines[pos], 'unexpected dedent below the top level');
  return doc;
}

// A plain scalar ends at " #"; quoted ones may contain "#".
function stripComment(s, lineNo) {
  let quote = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      if (i === 0 || /[\s:[,-]/.test(s[i - 1])) quote = c;
    } else if (c === '#' && i > 0 && s[i - 1] === ' ') {
      return s.slice(0, i).trimEnd();
    }
  }
  if (quote) throw new Error(`line ${lineNo}: unterminated quote`);
  return s.trimEnd();
}

// "key:" or "key: value"; the key plain, 'single' or "double" quoted, without ":".
const KEY_FORMS = [
  /^'((?:[^']|'')*)':(?: (.*))?$/,
  /^"((?:[^"\\]|\\.)*)":(?: (.*))?$/,
  /^([^\s'"[\]{}#&*!|>%@`-][^:]*?|-[^\s:][^:]*?):(?: (.*))?$/,
];
function keyMatch(s) {
  for (const re of KEY_FORMS) {
    const m = s.match(re);
    if (m) return m;
  }
  return null;
}

function splitKey(l) {
  const m = keyMatch(l.text);
  if (!m) throw new Error(`line ${l.lineNo}: not a "key: value" line: ${l.text}`);
  let key = m[1];
  if (l.text.startsWith("'")) key = key.replace(/''/g, "'");
  else if (l.text.startsWith('"')) key = JSON.parse(`"${key}"`);
  return { key, rest: (m[2] ?? '').trim() };
}

function scalar(s, l) {
  if (s.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(s)) throw new Error(`line ${l.lineNo}: bad single-quoted scalar: ${s}`);
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('"')) return JSON.parse(s);
  if (s === '{}') return {};
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new Error(`line ${l.lineNo}: unterminated flow list: ${s}`);
    const inner = s.slice(1, -1).trim();
    if (inner === '') return [];
    return inner.split(',').map((x) => {
      const v = x.trim();
      if (v === '' || /^[[{]/.test(v)) throw new Error(`line ${l.lineNo}: unsupported flow item: ${s}`);
      return scalar(v, l);
    });
  }
  if (/^[&*!|>{%@`]/.test(s)) throw new Error(`line ${l.lineNo}: unsupported YAML: ${s}`);
  if (/:( |$)/.test(s)) throw new Error(`line ${l.lineNo}: ": " in a plain scalar: ${s}`);
  if (s === 'null' || s === '~') return null;
  if (s === 'true') return true;
  if (s === 'false') return false;
  // YAML 1.1 readers take these as booleans: the file must quote them.
  if (/^(y|n|yes|no|on|off)$/i.test(s)) throw new Error(`line ${l.lineNo}: ambiguous plain scalar ${s}, quote it`);
  if (/^-?(0|[1-9][0-9]*)$/.test(s)) return Number(s);
  // Floats, and numbers YAML readers disagree on (+1, 012, .inf), are outside the subset.
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(s) || /^[-+]?\.(inf|nan)$/i.test(s))
    throw new Error(`line ${l.lineNo}: a number outside the subset: ${s}`);
  return s;
}

// ---- the parser on its own ----------------------------------------------------

test('the subset parser reads mappings, sequences and scalars as YAML does', () => {
  const doc = parseYamlSubset(
    [
      '# comment',
      'a: 1',
      "b: 'x: #y'",
      'c: plain text # trailing comment',
      'd:',
      '  - one',
      '  - k: v',
      '    k2: [p, "q", \'r\']',
      '  - []',
      'e: {}',
      "'200':",
      '  $ref: \'#/x\'',
      'f: true',
      'g:',
      'h: -3',
    ].join('\n'),
  );
  assert.deepEqual(doc, {
    a: 1,
    b: 'x: #y',
    c: 'plain text',
    d: ['one', { k: 'v', k2: ['p', 'q', 'r'] }, []],
    e: {},
    200: { $ref: '#/x' },
    f: true,
    g: null,
    h: -3,
  });
  assert.throws(() => parseYamlSubset('a: 1\na: 2'), /duplicate key/);
  assert.throws(() => parseYamlSubset('a:\n  b: 1\n   c: 2'), /unexpected indent/);
  assert.throws(() => parseYamlSubset('a: |\n  text'), /unsupported YAML/);
  assert.throws(() => parseYamlSubset('a: [off, on]'), /ambiguous plain scalar/);
  assert.throws(() => parseYamlSubset('a:\n- x'), /indented under its key/);
});

// ---- the route table ---------------------------------------------------------

function routeTable() {
  if (!BIN) throw new Error('LECS_BIN is not set');
  const dir = mkdtempSync(join(tmpdir(), 'lecs-openapi-'));
  try {
    const config = join(dir, 'lecs.toml');
    writeFileSync(
      config,
      `[security]\nkey_file = "${dir}/keys/lecs.keys"\ncheckpoint_dir = "${dir}/audit"\npbkdf2_iterations = 1000\n`,
    );
    const out = execFileSync(BIN, ['routes', '--config', config, '--db', `sqlite://${dir}/x.db`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const spec = parseYamlSubset(SPEC_TEXT);
const routes = routeTable();

function operations() {
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      ops.push({ key: `${method.toUpperCase()} ${path}`, path, method, op, item });
    }
  }
  return ops;
}

function resolve(node) {
  let n = node;
  for (let hops = 0; n && typeof n === 'object' && typeof n.$ref === 'string'; hops++) {
    if (hops > 10) throw new Error('$ref cycle');
    assert.match(n.$ref, /^#\//, `only local $ref: ${n.$ref}`);
    n = n.$ref
      .slice(2)
      .split('/')
      .reduce((o, k) => (o == null ? undefined : o[k.replace(/~1/g, '/').replace(/~0/g, '~')]), spec);
    assert.ok(n !== undefined, `unresolved $ref ${node.$ref}`);
  }
  return n;
}

test('docs/openapi.yaml is an OpenAPI 3.0.3 document with the shared parts', () => {
  assert.equal(spec.openapi, '3.0.3');
  assert.equal(typeof spec.info.title, 'string');
  assert.equal(typeof spec.info.version, 'string');
  const schemes = spec.components.securitySchemes;
  assert.deepEqual(schemes.session, { ...schemes.session, type: 'apiKey', in: 'cookie', name: 'lecs_session' });
  assert.deepEqual(schemes.csrf, { ...schemes.csrf, type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
  assert.deepEqual(spec.security, [{ session: [] }]);
  const err = spec.components.schemas.Error;
  assert.deepEqual(err.required, ['error']);
  assert.deepEqual(err.properties.error.required, ['code', 'message', 'field', 'basis']);
  for (const f of ['code', 'message', 'field', 'basis'])
    assert.equal(err.properties.error.properties[f].type, 'string', `error.${f}`);
  const idem = spec.components.parameters.IdempotencyKey;
  assert.equal(idem.name, 'Idempotency-Key');
  assert.equal(idem.in, 'header');
  assert.equal(idem.schema.maxLength, 128);
});

test('every $ref in the document resolves', () => {
  let count = 0;
  const walk = (n) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (typeof n.$ref === 'string') {
        resolve(n);
        count++;
      }
      Object.values(n).forEach(walk);
    }
  };
  walk(spec);
  assert.ok(count > 100, `only ${count} $refs`);
});

test('every route of the route table is in the spec with its method, path, permission and scope', () => {
  assert.ok(routes.length >= 40, `route table has only ${routes.length} routes`);
  const ops = new Map(operations().map((o) => [o.key, o]));
  const missing = [];
  for (const r of routes) {
    const key = `${r.method} ${r.pattern}`;
    const o = ops.get(key);
    if (!o) {
      missing.push(key);
      continue;
    }
    assert.equal(o.op['x-permission'], r.permission, `${key}: x-permission`);
    assert.equal(o.op['x-scope'], r.scope, `${key}: x-scope`);
    assert.equal(typeof o.op.summary, 'string', `${key}: summary`);
    assert.match(o.op.summary, /[\u4e00-\u9fff]/, `${key}: the summary is in Chinese`);
  }
  assert.deepEqual(missing, [], 'routes missing from docs/openapi.yaml');
});

test('every operation of the spec is a route of the table or a server built-in', () => {
  const table = new Set(routes.map((r) => `${r.method} ${r.pattern}`));
  const extra = operations()
    .map((o) => o.key)
    .filter((k) => !table.has(k) && !BUILTINS.has(k));
  assert.deepEqual(extra, [], 'operations in docs/openapi.yaml that the server does not register');
  for (const b of BUILTINS) assert.ok(operations().some((o) => o.key === b), `${b} is described`);
});

test('Idempotency-Key is offered exactly on the creating POSTs', () => {
  const ops = new Map(operations().map((o) => [o.key, o]));
  let creating = 0;
  for (const r of routes) {
    const o = ops.get(`${r.method} ${r.pattern}`);
    if (!o) continue; // reported by the coverage test
    const params = (o.op.parameters ?? []).map(resolve);
    const has = params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    assert.equal(has, r.idempotent_create, `${r.method} ${r.pattern}: Idempotency-Key`);
    if (r.idempotent_create) {
      creating++;
      assert.ok(o.op.responses['201'], `${r.method} ${r.pattern}: a creating POST answers 201`);
      assert.ok(o.op.responses['422'], `${r.method} ${r.pattern}: 422 for idempotency-key misuse`);
    }
  }
  assert.ok(creating >= 5, `only ${creating} creating POSTs`);
});

test('security follows the permission: public needs nothing, changes need the CSRF header', () => {
  for (const r of routes) {
    const o = operations().find((x) => x.key === `${r.method} ${r.pattern}`);
    if (!o) continue;
    const security = o.op.security ?? spec.security;
    const key = `${r.method} ${r.pattern}`;
    if (r.permission === 'public') {
      assert.deepEqual(security, [], `${key}: public routes need no login`);
      continue;
    }
    assert.ok(security.length > 0 && security.every((s) => 'session' in s), `${key}: needs the session cookie`);
    const changes = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method);
    assert.equal(security.every((s) => 'csrf' in s), changes, `${key}: X-CSRF-Token exactly on state changes`);
    assert.ok(o.op.responses['401'], `${key}: 401 when not logged in`);
    // 403: no permission, a bad CSRF token, or a password that must be changed
    // first (only the caller's own account routes stay open for that).
    if (r.permission !== 'authenticated' || r.scope !== 'self' || changes)
      assert.ok(o.op.responses['403'], `${key}: 403`);
    if (r.scope.startsWith('object:')) assert.ok(o.op.responses['404'], `${key}: 404 out of scope`);
  }
});

test('path parameters are declared, and every error response is the shared Error', () => {
  for (const o of operations()) {
    const params = [...(o.item.parameters ?? []), ...(o.op.parameters ?? [])].map(resolve);
    const inPath = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = params.filter((p) => p.in === 'path').map((p) => p.name).sort();
    assert.deepEqual(declared, inPath, `${o.key}: path parameters`);
    for (const p of params.filter((x) => x.in === 'path'))
      assert.equal(p.required, true, `${o.key}: path parameter ${p.name} is required`);
    for (const p of params) assert.ok(p.schema, `${o.key}: parameter ${p.name} has a schema`);

    assert.ok(o.op.responses && Object.keys(o.op.responses).length > 0, `${o.key}: responses`);
    const ok = Object.keys(o.op.responses).filter((c) => /^2\d\d$/.test(c));
    assert.equal(ok.length, 1, `${o.key}: one success status`);
    for (const [code, res] of Object.entries(o.op.responses)) {
      if (!/^4\d\d$/.test(code)) continue;
      assert.ok([400, 401, 403, 404, 409, 413, 422, 429].includes(Number(code)), `${o.key}: status ${code}`);
      const schema = resolve(res).content['application/json'].schema;
      assert.equal(schema.$ref, '#/components/schemas/Error', `${o.key} ${code}: the Error schema`);
    }
    if (o.op.requestBody) {
      const content = resolve(o.op.requestBody).content;
      if (content['application/json']) {
        const body = content['application/json'].schema;
        assert.equal(body.type, 'object', `${o.key}: JSON object body`);
        for (const f of body.required ?? []) assert.ok(body.properties[f], `${o.key}: required field ${f} is described`);
      } else {
        // A raw upload: the file's bytes (POST /api/v1/attachments), or the rows of a bulk import
        // as NDJSON or CSV text (…:bulk, items:load); nothing else.
        const RAW = ['application/octet-stream', 'application/x-ndjson', 'text/csv'];
        for (const [type, c] of Object.entries(content)) {
          assert.ok(RAW.includes(type), `${o.key}: JSON or raw bytes, not ${type}`);
          assert.equal(c.schema.type, 'string', `${o.key}: raw body`);
          assert.equal(c.schema.format, 'binary', `${o.key}: raw body`);
        }
      }
      assert.ok(o.op.responses['400'] && o.op.responses['413'], `${o.key}: a body can be invalid or too large`);
    }
  }
});

test('GET /api/docs serves this file, without login', async () => {
  const server = await startServer('sqlite', { seed: false });
  try {
    const res = await server.anon().get('/api/docs');
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type'), /^application\/yaml/);
    // Compared by digest: a diff of the whole file would bury the message.
    const digest = (t) => createHash('sha256').update(t).digest('hex');
    assert.equal(digest(res.text), digest(SPEC_TEXT), 'the binary serves the current docs/openapi.yaml (rebuild it)');
    assert.equal(parseYamlSubset(res.text).paths['/api/docs'].get['x-permission'], 'public');
  } finally {
    await server.stop();
  }
});
