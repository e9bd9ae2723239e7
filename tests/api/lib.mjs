// API test support: starts a real `lecs serve` (SQLite or PostgreSQL) on a
// fresh seeded database and gives tests logged-in sessions over real HTTP.
//
// Env: LECS_BIN (the binary), LECS_TEST_PG_URL (admin URL of the test
// PostgreSQL that scripts/test started). Without LECS_TEST_PG_URL the
// PostgreSQL server cannot start and the tests that need it FAIL.
//
// Every client talks from its own loopback source address (127.x.y.z): the
// server limits logins to 20 a minute per IP and requests to 200/s per IP, and
// a test suite logs in more than 20 accounts. Tests that exercise those limits
// ask for a fresh address with server.anon() / freshAddress().
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHmac } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import assert from 'node:assert/strict';

export const DEMO_PASSWORD = 'Xingtai#2026demo';
export const BIN = process.env.LECS_BIN;
export const DBS = ['sqlite', 'postgres'];
export const ADMINS = ['sys', 'sec', 'aud'];
// Every demo account of `lecs seed-demo` (src/lecs/app/seed.cpp).
export const DEMO_USERS = [
  'sys', 'sec', 'aud', 'city.leader', 'city.sup1', 'city.sup2', 'city.sup3', 'gov.leader', 'agency.scjg',
  'scjg.head', 'xindu.sup1', 'xindu.agency', 'xindu.room', 'ningjin.sup1', 'ningjin.leader', 'ningjin.gov',
  'ningjin.agency', 'ningjin.agency2', 'expert1', 'social1', 'eval1',
];

// ---- source addresses --------------------------------------------------------

let addressSeq = 0;
const addressBase = 1 + (process.pid % 200);
// A loopback address no other client of this process uses.
export function freshAddress() {
  const n = ++addressSeq;
  return `127.${addressBase}.${(n >> 8) & 255}.${(n & 255) || 1}`;
}

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

// ---- TOTP (RFC 6238, HMAC-SHA1, 30 s, 6 digits) ----------------------------

export function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error('bad base32: ' + s);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpCode(secretBase32, step) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32Decode(secretBase32)).update(msg).digest();
  const off = h[h.length - 1] & 15;
  const n = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
  return String(n % 1000000).padStart(6, '0');
}

export const totpStep = () => Math.floor(Date.now() / 30000);

// ---- the server ------------------------------------------------------------

// Starts a server. kind: 'sqlite' | 'postgres'. Returns {base, dbUrl, configPath, stop(), session(user), admin(user), anon(), routes()}.
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
  // Attachments go to the server's temp dir too, never to the default ./data/attachments of the checkout.
  // extraConfig is appended after [storage]: a table it opens ends that one.
  writeFileSync(
    configPath,
    `[security]\nkey_file = "${dir}/keys/lecs.keys"\ncheckpoint_dir = "${dir}/audit"\npbkdf2_iterations = 1000\n` +
      `[storage]\nattachments_dir = "${dir}/attachments"\n${extraConfig}\n`,
  );
  if (seed) run(['seed-demo', '--config', configPath, '--db', dbUrl]);
  let child;
  let exited = false;
  let stderr = '';
  // Starts `lecs serve`; resolves with its base URL once it listens.
  const launch = (listen) =>
    new Promise((resolve, reject) => {
      exited = false;
      child = spawn(BIN, ['serve', '--config', configPath, '--db', dbUrl, '--listen', listen], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 60000);
      const onData = (buf) => {
        out += buf.toString();
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) {
          clearTimeout(timer);
          // Keep the server's stderr (ASan reports, errors); drop the access log.
          child.stdout.removeAllListeners('data');
          child.stderr.removeAllListeners('data');
          child.stdout.resume();
          child.stderr.on('data', (b) => {
            stderr += b.toString();
            if (stderr.length > 200000) stderr = stderr.slice(-100000);
          });
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        exited = true;
        clearTimeout(timer);
        reject(new Error(`server exited ${code}: ${out}`));
      });
    });
  const halt = async () => {
    if (exited) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await done;
  };
  const base = await launch('127.0.0.1:0');
  const sessions = new Map();
  const clients = [];
  const track = (c) => {
    clients.push(c);
    return c;
  };
  const totpSecrets = new Map();
  const server = {
    base,
    dbUrl,
    configPath,
    dir,
    kind,
    totpSecrets,
    get stderr() {
      return stderr;
    },
    async stop() {
      for (const c of clients) c.close();
      await halt();
      if (pgName) psql(process.env.LECS_TEST_PG_URL, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
      // A sanitizer report or a logged server error fails the suite that caused it.
      const bad = stderr.split('\n').filter((l) => /AddressSanitizer|LeakSanitizer|runtime error:|upkeep failed/.test(l));
      if (bad.length) throw new Error(`server (${kind}) reported errors:\n${bad.slice(0, 20).join('\n')}`);
    },
    // Stops the server (a clean SIGTERM: the shutdown upkeep runs) and starts it
    // again on the same port and database; sessions live in the database.
    async restart() {
      await halt();
      for (const c of clients) c.reset();
      const again = await launch(base.replace('http://', ''));
      if (again !== base) throw new Error(`restarted on ${again}, not ${base}`);
    },
    cli(args) {
      return run([...args, '--config', configPath, '--db', dbUrl]);
    },
    // The route table of this binary (`lecs routes`).
    routes() {
      return JSON.parse(run(['routes', '--config', configPath, '--db', dbUrl]));
    },
    // A fresh login (not cached), from its own source address.
    async login(username, password = DEMO_PASSWORD, extra = {}) {
      return track(await login(base, username, password, { localAddress: freshAddress(), ...extra }));
    },
    // A logged-in session, cached per user (PBKDF2 is slow by design: log in once per role).
    // Administrators come back as logged in BEFORE enrolling TOTP (no permissions); use admin().
    async session(username, password = DEMO_PASSWORD) {
      if (sessions.has(username)) return sessions.get(username);
      const s = await server.login(username, password);
      sessions.set(username, s);
      return s;
    },
    // An administrator with TOTP enrolled and a fresh login with a code, so the
    // role's permissions apply. Cached; also replaces session(username).
    async admin(username) {
      const key = 'admin:' + username;
      if (sessions.has(key)) return sessions.get(key);
      let secret = totpSecrets.get(username);
      let confirmedStep;
      if (!secret) {
        const first = await server.login(username);
        const enrol = await first.post('/api/v1/auth/totp/enroll', {});
        if (enrol.status !== 200) throw new Error(`totp enroll ${username}: ${enrol.status} ${enrol.text}`);
        secret = enrol.json.secret;
        confirmedStep = totpStep();
        const conf = await first.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, confirmedStep) });
        if (conf.status !== 204) throw new Error(`totp confirm ${username}: ${conf.status} ${conf.text}`);
        totpSecrets.set(username, secret);
        server.lastTotpStep.set(username, confirmedStep);
      }
      // A step not used yet (the server refuses a replayed one): the window allows one step ahead.
      const step = Math.max(totpStep(), (server.lastTotpStep.get(username) ?? -1) + 1);
      const c = await server.login(username, DEMO_PASSWORD, { totp: totpCode(secret, step) });
      server.lastTotpStep.set(username, step);
      sessions.set(key, c);
      sessions.set(username, c);
      return c;
    },
    lastTotpStep: new Map(),
    anon(localAddress = freshAddress()) {
      return track(new Client(base, null, null, localAddress));
    },
  };
  return server;
}

// ---- HTTP clients -----------------------------------------------------------

class Headers {
  constructor(raw) {
    this.raw = raw;
  }
  get(name) {
    const v = this.raw[name.toLowerCase()];
    if (v === undefined) return null;
    return Array.isArray(v) ? v.join(', ') : String(v);
  }
  has(name) {
    return this.raw[name.toLowerCase()] !== undefined;
  }
}

export class Client {
  constructor(base, cookie, csrf, localAddress = freshAddress()) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
    this.localAddress = localAddress;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress });
  }
  close() {
    this.agent.destroy();
  }
  // Drops kept-alive connections (after a server restart).
  reset() {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress: this.localAddress });
  }
  // {status, headers (get(name)), text, json, body (the bytes, for downloads)}. raw: a string/Buffer body sent as is.
  request(method, path, { body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookie && !('cookie' in h)) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET' && method !== 'HEAD' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = h['content-type'] ?? 'application/json';
    }
    if (payload !== undefined) h['content-length'] = Buffer.byteLength(payload);
    const url = new URL(this.base + path);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          headers: h,
          agent: this.agent,
          localAddress: this.localAddress,
        },
        (res) => {
          const chunks = [];
          res.on('data', (d) => chunks.push(d));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            const text = body.toString('utf8');
            let json = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = null;
            }
            resolve({ status: res.statusCode, headers: new Headers(res.headers), text, json, body });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
  get(p, o) { return this.request('GET', p, o); }
  post(p, body, o = {}) { return this.request('POST', p, { ...o, body }); }
  put(p, body, o = {}) { return this.request('PUT', p, { ...o, body }); }
  patch(p, body, o = {}) { return this.request('PATCH', p, { ...o, body }); }
  del(p, o) { return this.request('DELETE', p, o); }
}

// Logs in; throws unless 200. opts: {totp, localAddress}.
export async function login(base, username, password, opts = {}) {
  const anon = new Client(base, null, null, opts.localAddress ?? freshAddress());
  const body = { username, password };
  if (opts.totp) body.totp = opts.totp;
  const res = await anon.post('/api/v1/auth/login', body);
  if (res.status !== 200) {
    anon.close();
    throw new Error(`login ${username}: ${res.status} ${res.text}`);
  }
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = setCookie.match(/lecs_session=([^;]+)/);
  if (!m) throw new Error('no session cookie');
  anon.cookie = `lecs_session=${m[1]}`;
  anon.csrf = res.json.csrf_token;
  anon.user = res.json.user;
  anon.permissions = res.json.permissions;
  anon.loginResponse = res;
  return anon;
}

// Sends bytes on a fresh TCP connection and returns everything the server wrote before closing (or timeout).
export function rawRequest(base, text, { localAddress = freshAddress(), timeoutMs = 10000 } = {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sock = net.connect({ host: url.hostname, port: Number(url.port), localAddress });
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    }, timeoutMs);
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (e) => {
      // A server that answers and closes while we still write gives EPIPE/ECONNRESET: the answer counts.
      clearTimeout(timer);
      if (chunks.length) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(e);
    });
    sock.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
      sock.destroy();
    });
    sock.write(text);
  });
}

// ---- assertions ----------------------------------------------------------------

// Asserts the ARCHITECTURE §API error shape and returns the error object.
export function errorOf(res) {
  if (!res.json || typeof res.json.error !== 'object' || res.json.error === null)
    throw new Error(`not an error body (${res.status}): ${res.text}`);
  const e = res.json.error;
  for (const k of ['code', 'message']) if (typeof e[k] !== 'string' || !e[k]) throw new Error(`error.${k} missing: ${res.text}`);
  for (const k of ['field', 'basis']) if (typeof e[k] !== 'string') throw new Error(`error.${k} missing: ${res.text}`);
  if (!/[\u4e00-\u9fff]/.test(e.message)) throw new Error(`error.message is not Chinese: ${e.message}`);
  return e;
}

// Asserts status, error code and (optionally) a Chinese message substring and the field.
export function expectError(res, status, code, { message, field } = {}) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`);
  const e = errorOf(res);
  assert.equal(e.code, code, `error code: ${res.text}`);
  if (message !== undefined) assert.ok(e.message.includes(message), `message "${e.message}" lacks "${message}"`);
  if (field !== undefined) assert.equal(e.field, field, `error field: ${res.text}`);
  return e;
}

export function expectStatus(res, status) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  return res.json;
}

// True when a region code lies in the county/district `county` (6 digits).
export const inCounty = (regionCode, county) => typeof regionCode === 'string' && regionCode.startsWith(county);

// Every item of a paged list ({items,total}), page size 200 (the maximum of most lists).
export async function fetchAll(client, path, size = 200) {
  const items = [];
  for (let page = 1; ; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client.get(`${path}${sep}page=${page}&size=${size}`);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
    items.push(...res.json.items);
    if (items.length >= res.json.total || res.json.items.length === 0) return { items, total: res.json.total };
  }
}

// Replaces {name} path parameters from an object of values.
export const fillPath = (pattern, values) =>
  pattern.replace(/\{([^}]+)\}/g, (_, name) => {
    if (values[name] === undefined) throw new Error(`no value for {${name}} in ${pattern}`);
    return encodeURIComponent(values[name]);
  });
