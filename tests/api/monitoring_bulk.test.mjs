// POST /api/v1/monitoring/acts:bulk and …/cases:bulk (issue 6 step 2) over real HTTP, on both
// databases: a good file (NDJSON and CSV), a re-send (updated, never duplicated), bad rows with
// line/field/reason in Chinese beside good rows that are still committed, the wrong content type,
// no permission, another agency's rows sent by an agency's liaison, an empty body; and the cases
// format.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DBS, startServer, expectError, errorOf, rawRequest } from './lib.mjs';

const NDJSON = { 'content-type': 'application/x-ndjson' };
const CSV = { 'content-type': 'text/csv; charset=utf-8' };
const ACTS = '/api/v1/monitoring/acts:bulk';
const CASES = '/api/v1/monitoring/cases:bulk';

const hasChinese = (s) => /[\u4e00-\u9fff]/.test(s);

for (const kind of DBS) {
  describe(`monitoring bulk ingest (${kind})`, () => {
    let server;
    const c = {};
    const org = {};  // username → {id, uscc, region_code}
    const run = Date.now().toString(36);

    before(async () => {
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ['xindu.agency', 'ningjin.agency', 'city.sup1']) c[u] = await server.session(u);
      c.sys = await server.admin('sys');
      for (const u of ['xindu.agency', 'ningjin.agency']) {
        const me = await c[u].get('/api/v1/me');
        assert.equal(me.status, 200, me.text);
        const o = await c[u].get(`/api/v1/orgs/${me.json.user.org.id}`);
        assert.equal(o.status, 200, o.text);
        assert.match(o.json.uscc ?? '', /^[0-9A-Z]{18}$/, o.text);
        org[u] = o.json;
      }
    });
    after(async () => {
      await server?.stop();
    });

    // One act of the given agency; a single-officer penalty (R2 fires).
    const act = (uscc, ext, extra = {}) => ({
      agency: uscc,
      external_id: `${run}-${ext}`,
      kind: 'penalty',
      case_no: `冀信罚〔2026〕${ext}号`,
      item_code: 'BULK-TEST-01',
      officers: ['冀执BULK-0001'],
      party_type: 'org',
      party_key: createHash('md5').update(`party-${ext}`).digest('hex'),
      filed_on: '2026-03-02',
      decided_on: '2026-03-20',
      penalty_types: ['fine'],
      amount_fen: 500000,
      procedure: 'general',
      legal_review: true,
      major: false,
      publish_required: false,
      ...extra,
    });
    // An inspection: one date, no penalty.
    const inspection = (uscc, ext) =>
      act(uscc, ext, { kind: 'inspection', filed_on: undefined, decided_on: undefined, closed_on: '2026-03-05', penalty_types: [], amount_fen: 0 });
    const ndjson = (rows) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
    // The drill-down of the agency's March 2026 acts, read by the city's supervisor.
    const marchActs = async (agencyId) => {
      const r = await c['city.sup1'].get(`/api/v1/monitoring/acts?agency=${agencyId}&month=2026-03&size=100`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    };

    it('a good NDJSON file is accepted and committed, and its rules ran', async () => {
      const me = org['xindu.agency'];
      const rows = [act(me.uscc, 'g1'), act(me.uscc, 'g2'), inspection(me.uscc, 'g3')];
      const r = await c['xindu.agency'].post(ACTS, undefined, { raw: ndjson(rows), headers: NDJSON });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.accepted, 3, r.text);
      assert.equal(r.json.updated, 0);
      assert.equal(r.json.rejected, 0);
      assert.deepEqual(r.json.rejected_rows, []);
      assert.equal(r.json.rejected_rows_truncated, false);
      assert.deepEqual(Object.keys(r.json.warnings).sort(), ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
      assert.ok(r.json.warnings.R2 >= 3, r.text);  // one officer on every row
      // Committed before the answer: the drill-down sees them at once.
      const acts = await marchActs(me.id);
      const mine = acts.items.filter((a) => String(a.external_id).startsWith(`${run}-g`));
      assert.equal(mine.length, 3, JSON.stringify(acts));
    });

    it('a re-sent file updates the acts and never duplicates them', async () => {
      const me = org['xindu.agency'];
      const before = (await marchActs(me.id)).total;
      const rows = [act(me.uscc, 'g1', { amount_fen: 600000 }), act(me.uscc, 'g2'), inspection(me.uscc, 'g3')];
      const r = await c['xindu.agency'].post(ACTS, undefined, { raw: ndjson(rows), headers: NDJSON });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.accepted, 0, r.text);
      assert.equal(r.json.updated, 3, r.text);
      assert.equal(r.json.rejected, 0);
      const after = await marchActs(me.id);
      assert.equal(after.total, before);
      const g1 = after.items.find((a) => a.external_id === `${run}-g1`);
      assert.ok(g1, JSON.stringify(after));
      assert.equal(Number(g1.amount_fen), 600000, JSON.stringify(g1));
    });

    it('a CSV file is accepted too', async () => {
      const me = org['ningjin.agency'];
      const csv =
        'agency,external_id,kind,item_code,officers,party_type,party_key,filed_on,decided_on,penalty_types,amount_fen,procedure\n' +
        `${me.uscc},${run}-c1,penalty,BULK-TEST-02,冀执BULK-0002;冀执BULK-0003,person,0c1a0c1a0c1a0c1a0c1a0c1a0c1a0c1a,2026-03-01,2026-03-10,warning;fine,20000,general\n` +
        `${me.uscc},${run}-c2,inspection,BULK-TEST-03,"冀执BULK-0002;冀执BULK-0003",org,0c2a0c2a0c2a0c2a0c2a0c2a0c2a0c2a,,,,0,general\n`;
      // c2 has no date at all: rejected, c1 committed.
      const r = await c.sys.post(ACTS, undefined, { raw: csv, headers: CSV });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.accepted, 1, r.text);
      assert.equal(r.json.rejected, 1, r.text);
      assert.equal(r.json.rejected_rows[0].line, 3, r.text);
      assert.ok(hasChinese(r.json.rejected_rows[0].reason), r.text);
      const acts = await marchActs(me.id);
      assert.ok(acts.items.some((a) => a.external_id === `${run}-c1`), JSON.stringify(acts));
    });

    it('bad rows are listed with line, field and a Chinese reason; the good rows are committed', async () => {
      const me = org['xindu.agency'];
      const body = ndjson([
        act(me.uscc, 'b1'),
        act(me.uscc, 'b2', { decided_on: '2026-02-30' }),  // no such date
        act(me.uscc, 'b3', { kind: 'parking' }),           // unknown kind
        '{"agency": "broken',                              // not JSON
        act('91130500MA0CXXXX0X', 'b5'),                   // an agency nobody registered
        act(me.uscc, 'b6', { filed_on: '2026-04-01' }),    // decided before it was filed
        act(me.uscc, 'b7'),
        act(me.uscc, 'b8', { party_key: '130503198001011234' }),  // an ID card number, not its digest
      ]);
      const r = await c['xindu.agency'].post(ACTS, undefined, { raw: body, headers: NDJSON });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.accepted, 2, r.text);
      assert.equal(r.json.rejected, 6, r.text);
      const byLine = Object.fromEntries(r.json.rejected_rows.map((e) => [e.line, e]));
      assert.deepEqual(Object.keys(byLine).map(Number).sort((a, b) => a - b), [2, 3, 4, 5, 6, 8], r.text);
      assert.equal(byLine[2].field, 'decided_on', r.text);
      assert.equal(byLine[3].field, 'kind', r.text);
      assert.equal(byLine[5].field, 'agency', r.text);
      assert.equal(byLine[6].field, 'decided_on', r.text);
      assert.equal(byLine[8].field, 'party_key', r.text);
      assert.ok(!byLine[8].reason.includes('130503198001011234'), 'the refusal does not echo the identifier');
      for (const e of r.json.rejected_rows) assert.ok(hasChinese(e.reason), JSON.stringify(e));
      assert.equal(r.json.rejected_rows_truncated, false);
      // A rejected row never half-writes.
      const acts = await marchActs(me.id);
      const ids = acts.items.map((a) => a.external_id);
      assert.ok(ids.includes(`${run}-b1`) && ids.includes(`${run}-b7`), JSON.stringify(ids));
      for (const bad of ['b2', 'b3', 'b5', 'b6', 'b8']) assert.ok(!ids.includes(`${run}-${bad}`), bad);
    });

    it('an agency liaison may send only its own agency’s rows', async () => {
      const mine = org['xindu.agency'];
      const theirs = org['ningjin.agency'];
      const body = ndjson([act(mine.uscc, 'o1'), act(theirs.uscc, 'o2')]);
      const r = await c['xindu.agency'].post(ACTS, undefined, { raw: body, headers: NDJSON });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.accepted, 1, r.text);
      assert.equal(r.json.rejected, 1, r.text);
      assert.deepEqual(r.json.rejected_rows.map((e) => [e.line, e.field]), [[2, 'agency']]);
      assert.ok(hasChinese(r.json.rejected_rows[0].reason));
      const acts = await marchActs(theirs.id);
      assert.ok(!acts.items.some((a) => a.external_id === `${run}-o2`), JSON.stringify(acts));
    });

    it('the wrong content type, or a body that contradicts it, is 400 and writes nothing', async () => {
      const me = org['xindu.agency'];
      const body = ndjson([act(me.uscc, 'w1')]);
      expectError(await c['xindu.agency'].post(ACTS, undefined, { raw: body, headers: { 'content-type': 'application/json' } }), 400, 'http.content_type');
      expectError(await c['xindu.agency'].post(ACTS, undefined, { raw: body, headers: { 'content-type': 'text/plain' } }), 400, 'http.content_type');
      expectError(await c['xindu.agency'].post(ACTS, undefined, { raw: body, headers: CSV }), 400, 'http.content_type');
      const acts = await marchActs(me.id);
      assert.ok(!acts.items.some((a) => a.external_id === `${run}-w1`));
    });

    it('an empty body is 400', async () => {
      expectError(await c['xindu.agency'].post(ACTS, undefined, { raw: '', headers: NDJSON }), 400, 'monitoring.empty_body');
      expectError(await c['xindu.agency'].post(ACTS, undefined, { raw: '\n  \n', headers: CSV }), 400, 'monitoring.empty_body');
    });

    it('a body over 2 GiB is refused with 413 from its head, before a byte of it is read', async () => {
      const url = new URL(server.base);
      const sys = c.sys;
      for (const path of [ACTS, CASES]) {
        const answer = await rawRequest(
          server.base,
          `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-ndjson\r\n` +
            `Cookie: ${sys.cookie}\r\nX-CSRF-Token: ${sys.csrf}\r\nContent-Length: ${2 * 1024 ** 3 + 1}\r\n\r\n{`,
        );
        assert.match(answer, /^HTTP\/1\.1 413 /, answer.slice(0, 200));
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        assert.equal(errorOf({ json: body, text: answer, status: 413 }).code, 'http.body_too_large');
      }
    });

    it('a body of the wrong content type is refused from its head, before a byte of it is read', async () => {
      const url = new URL(server.base);
      const sys = c.sys;
      for (const path of [ACTS, CASES]) {
        // 1 GiB declared and one byte sent: only a refusal from the head can answer at once.
        const answer = await rawRequest(
          server.base,
          `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
            `Cookie: ${sys.cookie}\r\nX-CSRF-Token: ${sys.csrf}\r\nContent-Length: ${1024 ** 3}\r\n\r\n{`,
        );
        assert.match(answer, /^HTTP\/1\.1 400 /, answer.slice(0, 200));
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        assert.equal(errorOf({ json: body, text: answer, status: 400 }).code, 'http.content_type');
      }
    });

    it('without monitoring.import, or without a session, nothing is read', async () => {
      const body = ndjson([act(org['xindu.agency'].uscc, 'n1')]);
      expectError(await c['city.sup1'].post(ACTS, undefined, { raw: body, headers: NDJSON }), 403, 'forbidden');
      expectError(await c['city.sup1'].post(CASES, undefined, { raw: body, headers: NDJSON }), 403, 'forbidden');
      const anon = await server.anon();
      expectError(await anon.post(ACTS, undefined, { raw: body, headers: NDJSON }), 401, 'unauthenticated');
      // A state-changing call without the CSRF token.
      expectError(await c['xindu.agency'].post(ACTS, undefined, { raw: body, headers: { ...NDJSON, 'x-csrf-token': 'wrong' } }), 403, 'csrf.invalid');
    });

    it('reconsideration and litigation cases come in through cases:bulk', async () => {
      const me = org['xindu.agency'];
      const rows = [
        { agency: me.uscc, external_id: `${run}-k1`, kind: 'reconsideration', received_on: '2026-02-01', concluded_on: '2026-04-01', outcome: '撤销' },
        { agency: me.uscc, external_id: `${run}-k2`, kind: 'litigation', received_on: '2026-02-01' },
        { agency: me.uscc, external_id: `${run}-k3`, kind: 'litigation', received_on: '2026-02-01', concluded_on: '2026-03-01', outcome: '不知道' },
      ];
      const r = await c['xindu.agency'].post(CASES, undefined, { raw: ndjson(rows), headers: NDJSON });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.accepted, 2, r.text);
      assert.equal(r.json.rejected, 1, r.text);
      assert.equal(r.json.rejected_rows[0].line, 3);
      assert.equal(r.json.rejected_rows[0].field, 'outcome');
      const again = await c['xindu.agency'].post(CASES, undefined, { raw: ndjson(rows.slice(0, 2)), headers: NDJSON });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.json.accepted, 0, again.text);
      assert.equal(again.json.updated, 2, again.text);
    });
  });
}
