// API test support: starts a real `lecs serve` (SQLite or PostgreSQL) on a
// fresh seeded database and gives tests logged-in sessions over real HTTP.
//
// Env: LECS_BIN (the binary), LECS_TEST_PG_URL (admin URL of the test
// PostgreSQL that scripts/test started). Without LECS_TEST_PG_URL the
// PostgreSQL server cannot start and the tests that need it FAIL.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const DEMO_PASSWORD = 'Xingtai#2026demo';
export const BIN = process.env.LECS_BIN;

function pgDatabaseUrl(adminUrl, name) {
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  return u.toString();
}

function psql(adminUrl, sql) {
  execFileSync('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'pipe' });
}

function run(args, opts = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

// Starts a server. kind: 'sqlite' | 'postgres'. Returns {base, dbUrl, configPath, stop(), session(user)}.
export async function startServer(kind, { seed = true, extraConfig = '' } = {}) {
  if (!BIN) throw new Error('LECS_BIN is not set');
  const dir = mkdtempSync(join(tmpdir(), 'lecs-api-'));
  let dbUrl;
  let pgName;
  if (kind === 'postgres') {
    const admin = process.env.LECS_TEST_PG_URL;
    if (!admin) throw new Error('LECS_TEST_PG_URL is not set: the PostgreSQL API tests cannot run');
    pgName = 'api_' + randomBytes(6).toString('hex');
    psql(admin, `CREATE DATABASE ${pgName}`);
    dbUrl = pgDatabaseUrl(admin, pgName);
  } else {
    dbUrl = `sqlite://${dir}/lecs.db`;
  }
  const configPath = join(dir, 'lecs.toml');
  writeFileSync(configPath, `[security]\nkey_file = "${dir}/keys/lecs.keys"\ncheckpoint_dir = "${dir}/audit"\npbkdf2_iterations = 1000\n${extraConfig}\n`);
  if (seed) run(['seed-demo', '--config', configPath, '--db', dbUrl]);
  const child = spawn(BIN, ['serve', '--config', configPath, '--db', dbUrl, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 30000);
    const onData = (buf) => {
      out += buf.toString();
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  child.stdout.resume();
  child.stderr.resume();
  const sessions = new Map();
  const server = {
    base,
    dbUrl,
    configPath,
    dir,
    kind,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (pgName) psql(process.env.LECS_TEST_PG_URL, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
    cli(args) {
      return run([...args, '--config', configPath, '--db', dbUrl]);
    },
    // A logged-in session, cached per user (PBKDF2 is slow by design: log in once per role).
    async session(username, password = DEMO_PASSWORD) {
      if (sessions.has(username)) return sessions.get(username);
      const s = await login(base, username, password);
      sessions.set(username, s);
      return s;
    },
    anon() {
      return new Client(base, null, null);
    },
  };
  return server;
}

export class Client {
  constructor(base, cookie, csrf) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
  }
  async request(method, path, { body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && method !== 'HEAD' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = h['content-type'] ?? 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  }
  get(p, o) { return this.request('GET', p, o); }
  post(p, body, o = {}) { return this.request('POST', p, { ...o, body }); }
  put(p, body, o = {}) { return this.request('PUT', p, { ...o, body }); }
  patch(p, body, o = {}) { return this.request('PATCH', p, { ...o, body }); }
  del(p, o) { return this.request('DELETE', p, o); }
}

export async function login(base, username, password) {
  const res = await fetch(base + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(json)}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = setCookie.match(/lecs_session=([^;]+)/);
  if (!m) throw new Error('no session cookie');
  const c = new Client(base, `lecs_session=${m[1]}`, json.csrf_token);
  c.user = json.user;
  return c;
}

// Asserts the ARCHITECTURE §API error shape and returns the error object.
export function errorOf(res) {
  if (!res.json || typeof res.json.error !== 'object') throw new Error(`not an error body (${res.status}): ${res.text}`);
  const e = res.json.error;
  for (const k of ['code', 'message']) if (typeof e[k] !== 'string' || !e[k]) throw new Error(`error.${k} missing: ${res.text}`);
  if (!/[\u4e00-\u9fff]/.test(e.message)) throw new Error(`error.message is not Chinese: ${e.message}`);
  return e;
}

export const DBS = ['sqlite', 'postgres'];
