// Attachments over real HTTP (the dispute's 公函 and, later, inspection photos and scans): upload
// of the raw bytes with the name in X-File-Name, the kind sniffed from the bytes (never the
// declared type or the extension), empty / over-the-cap / nameless / unpermitted / unauthenticated
// / CSRF-less uploads refused, Idempotency-Key, another county's attachment 404, and a download
// that is byte-identical, with the sniffed type, an RFC 5987 file name and nosniff. A blob altered
// on disk is never served.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DBS, startServer, expectError, rawRequest } from './lib.mjs';

const MAX = 20 << 20; // the default [storage] max_attachment_bytes
const sm3 = (b) => createHash('sm3').update(b).digest('hex');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f00050001ff' +
    '89993d1d0000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

// The GET body as bytes (the shared client decodes text as UTF-8).
function getBytes(client, path) {
  const url = new URL(client.base + path);
  const headers = client.cookie ? { cookie: client.cookie } : {};
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'GET', headers, agent: client.agent, localAddress: client.localAddress },
      (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// Every regular file under dir, relative.
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (d, rel) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), join(rel, e.name));
      else out.push(join(rel, e.name));
    }
  };
  walk(dir, '');
  return out.sort();
}

for (const kind of DBS) {
  describe(`attachments (${kind})`, () => {
    let server;
    let scjg; // agency.scjg: agency_liaison of 邢台市市场监督管理局 (its own organisation)
    let head; // scjg.head: agency_head of the same agency, file.read only
    let city; // city.sup1: the whole city
    let xindu; // xindu.sup1: 信都区
    let ningjin; // ningjin.sup1: 宁晋县
    let expert; // expert1: no permission at all
    let blobDir;

    const upload = (client, bytes, name, headers = {}) =>
      client.request('POST', '/api/v1/attachments', {
        raw: bytes,
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': name === undefined ? undefined : encodeURIComponent(name), ...headers },
      });

    before(async () => {
      server = await startServer(kind);
      blobDir = join(server.dir, 'attachments');
      scjg = await server.session('agency.scjg');
      head = await server.session('scjg.head');
      city = await server.session('city.sup1');
      xindu = await server.session('xindu.sup1');
      ningjin = await server.session('ningjin.sup1');
      expert = await server.session('expert1');
    });
    after(async () => {
      await server?.stop();
    });

    it('stores a PDF under its SM3 and serves it back byte for byte, with the sniffed type and an RFC 5987 name', async () => {
      const name = '关于执法争议的公函（2026）.pdf';
      const res = await upload(scjg, PDF, name);
      assert.equal(res.status, 201, res.text);
      const a = res.json;
      assert.match(a.id, /^[1-9][0-9]*$/);
      assert.equal(a.sm3_hex, sm3(PDF));
      assert.equal(a.sm3_hex, '9e49c921f800006c4c160e37bed48ae4dc370bed87c2e3ccca48e96ec1bac5ab');
      assert.equal(a.size_bytes, PDF.length);
      assert.equal(a.media_type, 'application/pdf');
      assert.equal(a.original_name, name);
      assert.equal(a.org_id, scjg.user.org.id);
      assert.equal(a.owner_kind, null);
      assert.equal(a.owner_id, null);
      assert.match(a.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // On disk: <dir>/<2 hex>/<2 hex>/<sm3>, and nothing else (no temp file left behind).
      const rel = join(a.sm3_hex.slice(0, 2), a.sm3_hex.slice(2, 4), a.sm3_hex);
      assert.ok(filesUnder(blobDir).includes(rel), filesUnder(blobDir).join(' '));
      assert.deepEqual(readFileSync(join(blobDir, rel)), PDF);
      assert.ok(filesUnder(blobDir).every((f) => !f.split('/').pop().startsWith('.')), 'no temp files');

      const meta = await scjg.get(`/api/v1/attachments/${a.id}`);
      assert.equal(meta.status, 200, meta.text);
      assert.deepEqual(meta.json, a);

      const got = await getBytes(scjg, `/api/v1/attachments/${a.id}/content`);
      assert.equal(got.status, 200);
      assert.ok(got.bytes.equals(PDF), 'byte-identical');
      assert.equal(got.headers['content-type'], 'application/pdf');
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      assert.equal(got.headers['cache-control'], 'no-store');
      assert.equal(
        got.headers['content-disposition'],
        // The ASCII fallback has one '_' per non-ASCII character; filename* the UTF-8 bytes, percent-encoded.
        `inline; filename="__________2026_.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
    });

    it('sniffs PNG and JPEG, and takes a PDF named .png and declared image/png for the PDF it is', async () => {
      const png = await upload(xindu, PNG, '现场照片.png', { 'content-type': 'image/png' });
      assert.equal(png.status, 201, png.text);
      assert.equal(png.json.media_type, 'image/png');
      assert.equal(png.json.sm3_hex, sm3(PNG));
      const jpeg = await upload(xindu, JPEG, '现场照片.jpg', { 'content-type': 'image/jpeg' });
      assert.equal(jpeg.status, 201, jpeg.text);
      assert.equal(jpeg.json.media_type, 'image/jpeg');
      const renamed = await upload(xindu, PDF, 'scan.png', { 'content-type': 'image/png' });
      assert.equal(renamed.status, 201, renamed.text);
      assert.equal(renamed.json.media_type, 'application/pdf');
      assert.equal(renamed.json.original_name, 'scan.png');
      for (const [a, type, bytes] of [[png.json, 'image/png', PNG], [jpeg.json, 'image/jpeg', JPEG], [renamed.json, 'application/pdf', PDF]]) {
        const got = await getBytes(xindu, `/api/v1/attachments/${a.id}/content`);
        assert.equal(got.status, 200);
        assert.equal(got.headers['content-type'], type);
        assert.ok(got.bytes.equals(bytes));
      }
    });

    it('refuses every other kind, whatever its name and declared type, and stores nothing', async () => {
      const before = filesUnder(blobDir);
      const cases = [
        [Buffer.from('这不是PDF，只是扩展名改成了.pdf'), '公函.pdf', 'application/pdf'],
        [Buffer.from('<html><script>alert(1)</script></html>'), '照片.png', 'image/png'],
        [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), '图.svg', 'image/svg+xml'],
        [Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), '图.gif', 'image/gif'],
        [Buffer.from('504b0304140000000800', 'hex'), '公函.ofd', 'application/ofd'],
        [Buffer.concat([Buffer.from(' '), PDF]), '公函.pdf', 'application/pdf'],
      ];
      for (const [bytes, name, type] of cases) {
        const res = await upload(scjg, bytes, name, { 'content-type': type });
        expectError(res, 400, 'file.type_not_allowed', { message: '只能上传PDF或图片（PNG、JPEG）文件', field: 'file' });
      }
      expectError(await upload(scjg, Buffer.alloc(0), '公函.pdf'), 400, 'file.empty', { message: '上传的文件为空' });
      assert.deepEqual(filesUnder(blobDir), before);
    });

    it('needs a file name in X-File-Name, percent-encoded, and keeps only its last segment', async () => {
      expectError(await upload(scjg, PDF, undefined), 400, 'file.name_required', { field: 'file_name' });
      expectError(await upload(scjg, PDF, '', {}), 400, 'file.name_required', { field: 'file_name' });
      expectError(await upload(scjg, PDF, '.', {}), 400, 'file.name_required', { field: 'file_name' });
      expectError(await upload(scjg, PDF, 'x', { 'x-file-name': '%E5%8' }), 400, 'validation.wrong_type', { field: 'file_name' });
      const traversal = await upload(scjg, PDF, '../../etc/公函.pdf');
      assert.equal(traversal.status, 201, traversal.text);
      assert.equal(traversal.json.original_name, '公函.pdf');
      const controls = await upload(scjg, PDF, '公函\u202Efdp.exe\r\n');
      assert.equal(controls.status, 201, controls.text);
      assert.equal(controls.json.original_name, '公函fdp.exe');
    });

    it('takes a file of exactly the cap and refuses one byte more with 413, from the head alone', async () => {
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(MAX - 9)]);
      assert.equal(big.length, MAX);
      const res = await upload(city, big, '卷宗扫描件.pdf');
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.size_bytes, MAX);
      assert.equal(res.json.sm3_hex, sm3(big));
      const got = await getBytes(city, `/api/v1/attachments/${res.json.id}/content`);
      assert.equal(got.status, 200);
      assert.ok(got.bytes.equals(big));

      // One byte over: the server answers from Content-Length without reading the body.
      const url = new URL(server.base);
      const answer = await rawRequest(
        server.base,
        `POST /api/v1/attachments HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${city.cookie}\r\nX-CSRF-Token: ${city.csrf}\r\n` +
          `X-File-Name: big.pdf\r\nContent-Type: application/pdf\r\nContent-Length: ${MAX + 1}\r\n\r\n%`,
      );
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.match(answer, /"code":"http\.body_too_large"/);
    });

    it('refuses an upload without the permission (403), without login (401) or without the CSRF token (403)', async () => {
      const before = filesUnder(blobDir).length;
      expectError(await upload(expert, PNG, '照片.png'), 403, 'forbidden');
      expectError(await upload(head, PNG, '照片.png'), 403, 'forbidden'); // file.read only
      expectError(await upload(server.anon(), PNG, '照片.png'), 401, 'unauthenticated');
      expectError(await upload(scjg, PNG, '照片.png', { 'x-csrf-token': 'not-the-token' }), 403, 'csrf.invalid');
      assert.equal(filesUnder(blobDir).length, before);
    });

    it('answers a repeated Idempotency-Key with the same row, and 422 for other bytes under it', async () => {
      const key = 'upload-' + randomBytes(6).toString('hex');
      const bytes = Buffer.concat([PDF, Buffer.from(`% ${key}\n`)]);
      const first = await upload(scjg, bytes, '公函.pdf', { 'idempotency-key': key });
      assert.equal(first.status, 201, first.text);
      const again = await upload(scjg, bytes, '公函.pdf', { 'idempotency-key': key });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.json, first.json);
      const other = await upload(scjg, PNG, '照片.png', { 'idempotency-key': key });
      expectError(other, 422, 'idempotency.key_reused');
      // Without the key, the same bytes make a second row (and still one blob).
      const third = await upload(scjg, bytes, '公函.pdf');
      assert.equal(third.status, 201, third.text);
      assert.notEqual(third.json.id, first.json.id);
      assert.equal(third.json.sm3_hex, first.json.sm3_hex);
      assert.equal(filesUnder(blobDir).filter((f) => f.endsWith(first.json.sm3_hex)).length, 1);
    });

    it('keeps an attachment inside its uploader\'s scope: 404 from another county, 403 without file.read', async () => {
      const res = await upload(xindu, PNG, '信都区现场照片.png');
      assert.equal(res.status, 201, res.text);
      const id = res.json.id;
      for (const path of [`/api/v1/attachments/${id}`, `/api/v1/attachments/${id}/content`]) {
        expectError(await ningjin.get(path), 404, 'not_found', { message: '对象不存在或不在您的数据权限范围内' });
        expectError(await scjg.get(path), 404, 'not_found'); // a city agency sees only its own
        expectError(await expert.get(path), 403, 'forbidden');
        expectError(await server.anon().get(path), 401, 'unauthenticated');
        assert.equal((await city.get(path)).status, 200, `city.sup1 ${path}`);
        assert.equal((await xindu.get(path)).status, 200, `xindu.sup1 ${path}`);
      }
      expectError(await city.get('/api/v1/attachments/1'), 404, 'not_found');
      // The agency head reads what the agency's liaison uploaded.
      const own = await upload(scjg, PNG, '本局照片.png');
      assert.equal((await head.get(`/api/v1/attachments/${own.json.id}`)).status, 200);
    });

    it('never serves a blob altered on disk: 500 with the request id, and the original is served again once restored', async () => {
      const bytes = Buffer.concat([PDF, Buffer.from('% tamper test\n')]);
      const res = await upload(scjg, bytes, '公函.pdf');
      assert.equal(res.status, 201, res.text);
      const h = res.json.sm3_hex;
      const path = join(blobDir, h.slice(0, 2), h.slice(2, 4), h);
      const altered = Buffer.from(bytes);
      altered[12] ^= 1;
      writeFileSync(path, altered);
      assert.equal(statSync(path).size, bytes.length);
      const got = await scjg.get(`/api/v1/attachments/${res.json.id}/content`, { headers: { 'x-request-id': 'tamper-check-1' } });
      assert.equal(got.status, 500);
      assert.equal(got.json.error.code, 'internal');
      assert.equal(got.json.error.request_id, 'tamper-check-1');
      assert.ok(!got.text.includes('%PDF'), 'no bytes leak into the error');
      writeFileSync(path, bytes);
      const again = await getBytes(scjg, `/api/v1/attachments/${res.json.id}/content`);
      assert.equal(again.status, 200);
      assert.ok(again.bytes.equals(bytes));
    });
  });
}
