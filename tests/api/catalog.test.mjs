// The minimal enforcement-item catalog over real HTTP (Art 5(2); issue 6 step 3), on both databases:
// create within the caller's scope, list with its filters, load a CSV all or nothing (API and CLI),
// and the refusal table — missing, overlong and wrong-typed fields, another county's agency, no
// permission, a duplicate — each followed by a read showing nothing changed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DBS, startServer, expectError, fetchAll } from './lib.mjs';

for (const kind of DBS) {
  describe(`catalog (${kind})`, () => {
    let server;
    const c = {};
    const org = {};
    const uscc = {};
    const ACCOUNTS = ['city.sup1', 'xindu.sup1', 'xindu.agency', 'ningjin.sup1', 'ningjin.agency', 'gov.leader', 'social1'];

    before(async () => {
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ACCOUNTS) {
        c[u] = await server.session(u);
        const me = await c[u].get('/api/v1/me');
        assert.equal(me.status, 200, me.text);
        org[u] = me.json.user.org.id;
      }
      for (const u of ['xindu.agency', 'ningjin.agency']) {
        const r = await c['city.sup1'].get(`/api/v1/orgs/${org[u]}`);
        uscc[u] = r.json.uscc;
        assert.ok(uscc[u], r.text);
      }
    });
    after(async () => {
      await server?.stop();
    });

    const item = (agency, extra = {}) => ({
      agency_id: agency, item_code: 'API-C-001', name: '对未按规定使用农药的处罚', kind: 'penalty',
      effective_from: '2026-01-01', min_amount_fen: 500000, max_amount_fen: 3000000, basis: '《农药管理条例》第六十条', ...extra,
    });
    const all = async (u = 'city.sup1') => (await fetchAll(c[u], '/api/v1/catalog/items', 100)).items;
    const snapshot = async () => JSON.stringify((await all()).map((i) => [i.id, i.version, i.name, i.effective_to]));

    it('creates an item of an agency in the caller\'s scope and lists it with its filters', async () => {
      const r = await c['xindu.sup1'].post('/api/v1/catalog/items', item(org['xindu.agency']));
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.agency_id, org['xindu.agency']);
      assert.equal(r.json.item_code, 'API-C-001');
      assert.equal(r.json.effective_to, null);
      assert.equal(r.json.min_amount_fen, 500000);
      assert.ok(r.json.agency_name.length > 0);
      const later = await c['xindu.sup1'].post('/api/v1/catalog/items', item(org['xindu.agency'], { effective_from: '2027-01-01', item_code: 'API-C-002', kind: 'inspection', min_amount_fen: null, max_amount_fen: null }));
      assert.equal(later.status, 201, later.text);
      const mine = await c['xindu.sup1'].get(`/api/v1/catalog/items?agency=${org['xindu.agency']}`);
      assert.equal(mine.status, 200, mine.text);
      assert.ok(mine.json.items.some((i) => i.id === r.json.id));
      const inForce = await c['xindu.sup1'].get(`/api/v1/catalog/items?agency=${org['xindu.agency']}&on=2026-06-01`);
      assert.ok(inForce.json.items.some((i) => i.item_code === 'API-C-001'));
      assert.ok(!inForce.json.items.some((i) => i.item_code === 'API-C-002'), 'not in force yet');
      const byCode = await c['xindu.agency'].get('/api/v1/catalog/items?item_code=API-C-002');
      assert.equal(byCode.json.total, 1);
      const ningjin = await c['ningjin.sup1'].get(`/api/v1/catalog/items?agency=${org['xindu.agency']}`);
      assert.equal(ningjin.json.total, 0, 'another county\'s agency is not in its scope');
      const gov = await c['gov.leader'].get('/api/v1/catalog/items');
      assert.equal(gov.status, 200, gov.text);
    });

    it('loads a CSV all or nothing, by API and by CLI', async () => {
      const head = 'agency_uscc,item_code,name,kind,effective_from,effective_to,min_amount_fen,max_amount_fen,basis\n';
      const good = head + `${uscc['xindu.agency']},API-L-1,行政检查事项,inspection,2026-01-01,,,,\n` +
        `${uscc['xindu.agency']},API-L-2,"罚款事项, 含逗号",penalty,2026-01-01,2026-12-31,100,200,"《行政处罚法》第二十八条"\n`;
      const raw = (u, text) => c[u].request('POST', '/api/v1/catalog/items:load', { raw: text, headers: { 'content-type': 'text/csv' } });
      const loaded = await raw('xindu.sup1', good);
      assert.equal(loaded.status, 200, loaded.text);
      assert.deepEqual(loaded.json, { created: 2, updated: 0 });
      const again = await raw('xindu.sup1', good);
      assert.deepEqual(again.json, { created: 0, updated: 2 });

      const before = await snapshot();
      const bad = head + `${uscc['xindu.agency']},API-L-3,好的行,inspection,2026-01-01,,,,\n` +
        `${uscc['xindu.agency']},API-L-4,类别错,fine,2026-01-01,,,,\n` +
        `${uscc['ningjin.agency']},API-L-5,外县机关,inspection,2026-01-01,,,,\n` +
        `${uscc['xindu.agency']},API-L-6,日期错,inspection,2026-02-30,,,,\n`;
      const refused = await raw('xindu.sup1', bad);
      const e = expectError(refused, 400, 'catalog.invalid_rows');
      assert.deepEqual(e.rows.map((r) => [r.line, r.field]), [[3, 'kind'], [4, 'agency_uscc'], [5, 'effective_from']]);
      assert.ok(e.rows.every((r) => /[\u4e00-\u9fff]/.test(r.reason)));
      assert.equal(await snapshot(), before, 'nothing of the file was written');
      expectError(await raw('xindu.sup1', 'agency_uscc,colour\n'), 400, 'catalog.invalid_rows', { field: 'colour' });
      expectError(await raw('xindu.agency', good), 403, 'forbidden');
      assert.equal(await snapshot(), before);

      const file = join(server.dir, 'catalog.csv');
      writeFileSync(file, head + `${uscc['ningjin.agency']},API-CLI-1,宁晋事项,license,2026-03-01,,,,\n`);
      const out = JSON.parse(server.cli(['catalog', 'load', file]).trim());
      assert.deepEqual(out, { created: 1, updated: 0 });
      const ningjin = await c['ningjin.sup1'].get('/api/v1/catalog/items?item_code=API-CLI-1');
      assert.equal(ningjin.json.total, 1);
      writeFileSync(file, head + `${uscc['ningjin.agency']},API-CLI-2,坏行,license,2026-13-01,,,,\n`);
      assert.throws(() => server.cli(['catalog', 'load', file]), /effective_from/);
    });

    it('refuses bad fields, another county\'s agency, a duplicate and a missing permission, changing nothing', async () => {
      const x = org['xindu.agency'];
      const cases = [
        ['xindu.sup1', item(x, { item_code: undefined }), 400, 'validation.required', 'item_code'],
        ['xindu.sup1', item(x, { item_code: 'A'.repeat(65) }), 400, 'validation.too_long', 'item_code'],
        ['xindu.sup1', item(x, { name: '' }), 400, 'validation.required', 'name'],
        ['xindu.sup1', item(x, { name: '事'.repeat(201) }), 400, 'validation.too_long', 'name'],
        ['xindu.sup1', item(x, { name: 7 }), 400, 'validation.wrong_type', 'name'],
        ['xindu.sup1', item(x, { kind: 'fine' }), 400, 'validation.wrong_value', 'kind'],
        ['xindu.sup1', item(x, { effective_from: '2026/01/01' }), 400, 'validation.wrong_type', 'effective_from'],
        ['xindu.sup1', item(x, { effective_to: '2025-12-31' }), 400, 'validation.wrong_value', 'effective_to'],
        ['xindu.sup1', item(x, { min_amount_fen: '500' }), 400, 'validation.wrong_type', 'min_amount_fen'],
        ['xindu.sup1', item(x, { max_amount_fen: -1 }), 400, 'validation.wrong_type', 'max_amount_fen'],
        ['xindu.sup1', item(x, { max_amount_fen: 100 }), 400, 'validation.wrong_value', 'max_amount_fen'],
        ['xindu.sup1', item(x, { basis: '依'.repeat(501) }), 400, 'validation.too_long', 'basis'],
        ['xindu.sup1', item('abc'), 400, 'validation.wrong_type', 'agency_id'],
        ['xindu.sup1', item(org['ningjin.agency']), 400, 'catalog.unknown_agency', 'agency_id'],
        ['xindu.sup1', item(org['xindu.sup1']), 400, 'catalog.not_agency', 'agency_id'],
        ['xindu.sup1', item(x), 409, 'catalog.duplicate', 'item_code'],
        ['xindu.agency', item(x, { item_code: 'NEW' }), 403, 'forbidden', ''],
        ['gov.leader', item(x, { item_code: 'NEW' }), 403, 'forbidden', ''],
      ];
      for (const [u, body, status, code, field] of cases) {
        const before = await snapshot();
        expectError(await c[u].post('/api/v1/catalog/items', body), status, code, field ? { field } : {});
        assert.equal(await snapshot(), before, `${u} ${code} ${field}: nothing changed`);
      }
      expectError(await c['social1'].get('/api/v1/catalog/items'), 403, 'forbidden');
      expectError(await c['xindu.sup1'].get('/api/v1/catalog/items?on=2026-02-30'), 400, 'validation.wrong_type', { field: 'on' });
      expectError(await c['xindu.sup1'].get('/api/v1/catalog/items?agency=x'), 400, 'validation.wrong_type', { field: 'agency' });
      expectError(await server.anon().get('/api/v1/catalog/items'), 401, 'unauthenticated');
    });
  });
}
