// Intelligent monitoring's warnings and indicators over real HTTP (issue 6 steps 5–7), on both databases.
// Acts are ingested with `lecs import acts` (the CLI path), so the rules, warnings and aggregates are
// the ingest's own:
// - story: 信都区司法局 opens the R2 (单人执法) warning of its agency's penalty, sees the evidence and the
//   legal basis, sends it to the agency; xindu.agency finds it on its to-do list (GET /api/v1/todos),
//   reads it, responds; the to-do is done;
// - a warning turned into a SupervisionMatter with source data_warning; the city's department over a
//   county's agency must say why (提级监督);
// - indicators, summary and the drill-down read the aggregates; a dismissal leaves warn.R2;
// - the refusal table: every route × missing, overlong, wrong-typed fields, wrong state, stale
//   version, no permission, another county's object (宁晋县 vs 信都区) — each followed by a read
//   showing nothing changed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DBS, startServer, expectError } from './lib.mjs';

const shanghaiDate = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
const TODAY = shanghaiDate(Date.now());
const daysAgo = (n) => shanghaiDate(Date.now() - n * 86400 * 1000);
const long = (n) => '预'.repeat(n);
const W = (id, tail = '') => `/api/v1/monitoring/warnings/${id}${tail ? '/' + tail : ''}`;

for (const kind of DBS) {
  describe(`monitoring warnings and indicators (${kind})`, () => {
    let server;
    const c = {};
    const org = {};
    const ACCOUNTS = ['city.sup1', 'xindu.sup1', 'xindu.agency', 'ningjin.sup1', 'ningjin.agency', 'gov.leader', 'scjg.head', 'social1'];
    const warnings = {}; // external id → the R2 warning's id
    // A penalty of one officer (R2: 《行政处罚法》第四十二条), decided 20 days ago.
    const DECIDED = daysAgo(20);
    const MONTH = DECIDED.slice(0, 7);
    const act = (uscc, externalId) => ({
      agency: uscc, external_id: externalId, kind: 'penalty', case_no: `罚〔2026〕${externalId}号`, item_code: 'API-ITEM',
      officers: ['冀执API-0001'], party_type: 'org', party_key: createHash('md5').update(`party-${externalId}`).digest('hex'), filed_on: daysAgo(40),
      decided_on: DECIDED, penalty_types: ['fine'], amount_fen: 200000, procedure: 'general', legal_review: true,
      major: false, publish_required: false,
    });

    before(async () => {
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ACCOUNTS) {
        c[u] = await server.session(u);
        const me = await c[u].get('/api/v1/me');
        assert.equal(me.status, 200, me.text);
        org[u] = me.json.user.org.id;
      }
      const uscc = async (u) => {
        const r = await c['city.sup1'].get(`/api/v1/orgs/${org[u]}`);
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.uscc, `${u}'s organisation has a 统一社会信用代码`);
        return r.json.uscc;
      };
      const xindu = await uscc('xindu.agency');
      const ningjin = await uscc('ningjin.agency');
      const rows = [act(xindu, 'API-X-1'), act(xindu, 'API-X-2'), act(xindu, 'API-X-3'), act(ningjin, 'API-N-1'), act(ningjin, 'API-N-2')];
      const file = join(server.dir, 'acts.ndjson');
      writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const out = server.cli(['import', 'acts', file, '--today', TODAY]).trim().split('\n').pop();
      const counts = JSON.parse(out);
      assert.equal(counts.rejected, 0, out);
      assert.equal(counts.accepted + counts.updated, 5, out);
      for (const [u, county] of [['xindu.sup1', 'xindu.agency'], ['ningjin.sup1', 'ningjin.agency']]) {
        const r = await c[u].get(`/api/v1/monitoring/warnings?agency=${org[county]}&rule=R2&size=100`);
        assert.equal(r.status, 200, r.text);
        for (const w of r.json.items) if (w.external_id.startsWith('API-')) warnings[w.external_id] = w.id;
      }
      assert.deepEqual(Object.keys(warnings).sort(), ['API-N-1', 'API-N-2', 'API-X-1', 'API-X-2', 'API-X-3']);
    });
    after(async () => {
      await server?.stop();
    });

    const detail = async (id, u = 'city.sup1') => {
      const r = await c[u].get(W(id));
      assert.equal(r.status, 200, r.text);
      return r.json;
    };
    const todosOf = async (u) => {
      const r = await c[u].get('/api/v1/todos');
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };

    it('lists the warnings inside the caller\'s scope, with their filters', async () => {
      const xindu = await c['xindu.sup1'].get('/api/v1/monitoring/warnings?size=100');
      assert.equal(xindu.status, 200, xindu.text);
      assert.ok(xindu.json.items.every((w) => w.region_code.startsWith('130503')), xindu.text);
      assert.ok(!xindu.json.items.some((w) => w.external_id.startsWith('API-N-')));
      const city = await c['city.sup1'].get('/api/v1/monitoring/warnings?rule=R2&state=open&size=100');
      assert.ok(['API-X-1', 'API-N-1'].every((e) => city.json.items.some((w) => w.external_id === e)));
      assert.ok(city.json.items.every((w) => w.rule === 'R2' && w.state === 'open'));
      const w = city.json.items.find((x) => x.external_id === 'API-X-1');
      assert.equal(w.rule_name, '单人执法');
      assert.equal(w.agency_id, org['xindu.agency']);
      assert.equal(w.act_date, DECIDED);
      assert.equal(typeof w.version, 'number');
      const region = await c['city.sup1'].get('/api/v1/monitoring/warnings?region=130528&rule=R2&size=100');
      assert.ok(region.json.items.every((x) => x.region_code.startsWith('130528')));
      const paged = await c['city.sup1'].get('/api/v1/monitoring/warnings?size=1&page=2');
      assert.equal(paged.json.items.length, 1);
      assert.ok(paged.json.total >= 5);
      const dated = await c['xindu.sup1'].get(`/api/v1/monitoring/warnings?from=${daysAgo(19)}`);
      assert.ok(!dated.json.items.some((x) => x.external_id.startsWith('API-')));
      const gov = await c['gov.leader'].get('/api/v1/monitoring/warnings');
      assert.equal(gov.status, 200, gov.text);
    });

    it('story: the R2 warning sent to 信都区\'s agency reaches its to-do list and its response completes it', async () => {
      const id = warnings['API-X-1'];
      const d = await detail(id, 'xindu.sup1');
      assert.equal(d.rule, 'R2');
      assert.match(d.basis, /第四十二条/);
      assert.equal(typeof d.evidence, 'object');
      assert.equal(d.act.external_id, 'API-X-1');
      assert.deepEqual(d.act.officers, ['冀执API-0001']);
      assert.ok(d.act.rules_firing.includes('R2'));
      assert.deepEqual(d.actions.sort(), ['dismiss', 'matter', 'send']);
      assert.equal(d.history[0].action, 'opened');
      // Not sent yet: the agency does not see it.
      expectError(await c['xindu.agency'].get(W(id)), 404, 'not_found');

      const sent = await c['xindu.sup1'].post(W(id, 'send'), { version: d.version, note: '请核实现场执法人员' });
      assert.equal(sent.status, 200, sent.text);
      assert.equal(sent.json.state, 'sent');
      assert.equal(sent.json.version, d.version + 1);
      const todo = (await todosOf('xindu.agency')).find((t) => t.object_kind === 'warning' && t.object_id === id);
      assert.ok(todo, 'the agency has the to-do');
      assert.equal(todo.action, 'respond');
      assert.match(todo.title, /单人执法/);
      assert.ok(!(await todosOf('ningjin.agency')).some((t) => t.object_id === id));

      const seen = await detail(id, 'xindu.agency');
      assert.deepEqual(seen.actions, ['respond']);
      assert.equal(seen.history[1].action, 'sent');
      assert.equal(seen.history[1].detail, '请核实现场执法人员');
      const done = await c['xindu.agency'].post(W(id, 'respond'), { version: seen.version, response: '经核实另一名执法人员漏录，已补录' });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.json.state, 'responded');
      assert.equal(done.json.response, '经核实另一名执法人员漏录，已补录');
      assert.ok(!(await todosOf('xindu.agency')).some((t) => t.object_id === id), 'the to-do is done');
      const after = await detail(id);
      assert.deepEqual(after.history.map((h) => h.action), ['opened', 'sent', 'responded']);
    });

    it('turns a warning into a SupervisionMatter with source data_warning; the city over a county says why', async () => {
      const id = warnings['API-N-1'];
      const d = await detail(id);
      const upper = await c['city.sup1'].post(W(id, 'matter'), { version: d.version });
      expectError(upper, 400, 'matter.upper_reason_required', { field: 'upper_reason' });
      assert.equal((await detail(id)).version, d.version);
      const made = await c['ningjin.sup1'].post(W(id, 'matter'), { version: d.version });
      assert.equal(made.status, 200, made.text);
      assert.equal(made.json.state, 'matter');
      assert.match(String(made.json.matter_id), /^\d+$/, made.text);
      assert.equal((await detail(id)).matter_id, made.json.matter_id);
      const m = await c['ningjin.sup1'].get(`/api/v1/supervision/matters/${made.json.matter_id}`);
      assert.equal(m.status, 200, m.text);
      assert.equal(m.json.source, 'data_warning');
      assert.equal(m.json.source_ref, id);
      assert.equal(m.json.target_org_id, org['ningjin.agency']);
      assert.match(m.json.subject, /单人执法/);
    });

    it('reads indicators, the summary and the drill-down from the aggregates; a dismissal leaves warn.R2', async () => {
      const q = `region=130503&from=${MONTH}&to=${MONTH}`;
      const before = await c['xindu.sup1'].get(`/api/v1/monitoring/indicators?${q}`);
      assert.equal(before.status, 200, before.text);
      assert.ok(before.json.acts_by_kind.penalty >= 3, before.text);
      assert.ok(before.json.warnings_by_rule.R2 >= 3, before.text);
      assert.equal(before.json.series.length, 1);
      assert.equal(before.json.series[0].month, MONTH);
      for (const k of ['reconsideration_correction_rate', 'litigation_loss_rate', 'publication_on_time_rate', 'certification_rate'])
        assert.deepEqual(Object.keys(before.json[k]).sort(), ['denominator', 'numerator', 'rate'], k);
      const agency = await c['xindu.sup1'].get(`/api/v1/monitoring/indicators?agency=${org['xindu.agency']}&from=${MONTH}&to=${MONTH}`);
      assert.equal(agency.status, 200, agency.text);
      assert.ok(agency.json.amount_by_kind.penalty >= 600000, agency.text);

      const id = warnings['API-X-2'];
      const d = await detail(id, 'xindu.sup1');
      const dismissed = await c['xindu.sup1'].post(W(id, 'dismiss'), { version: d.version, reason: '现场执法记录显示两人在场' });
      assert.equal(dismissed.status, 200, dismissed.text);
      assert.equal(dismissed.json.state, 'dismissed');
      assert.equal(dismissed.json.dismiss_reason, '现场执法记录显示两人在场');
      const afterDismiss = await c['xindu.sup1'].get(`/api/v1/monitoring/indicators?${q}`);
      assert.equal(afterDismiss.json.warnings_by_rule.R2, before.json.warnings_by_rule.R2 - 1);

      const summary = await c['city.sup1'].get(`/api/v1/monitoring/warnings/summary?from=${MONTH}&to=${MONTH}`);
      assert.equal(summary.status, 200, summary.text);
      const cell = summary.json.by_rule_region.find((x) => x.region_code === '130503' && x.rule === 'R2');
      assert.equal(cell.count, afterDismiss.json.warnings_by_rule.R2);
      assert.ok(cell.region_name.includes('信都'));
      assert.equal(summary.json.by_month.length, 1);

      const drill = await c['xindu.sup1'].get(`/api/v1/monitoring/acts?agency=${org['xindu.agency']}&month=${MONTH}&rule=R2&size=100`);
      assert.equal(drill.status, 200, drill.text);
      const ext = drill.json.items.map((a) => a.external_id);
      assert.ok(ext.includes('API-X-1') && ext.includes('API-X-3'), drill.text);
      assert.ok(!ext.includes('API-X-2'), 'a dismissed warning leaves the figure and its drill-down');
      const x1 = drill.json.items.find((a) => a.external_id === 'API-X-1');
      assert.ok(x1.warnings.some((w) => w.rule === 'R2' && w.id === warnings['API-X-1']));
      const rules = await c['gov.leader'].get('/api/v1/monitoring/rules');
      assert.equal(rules.status, 200, rules.text);
      assert.deepEqual(rules.json.items.map((r) => r.code), ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
      assert.equal(rules.json.items[1].params.min_officers, 2);
      assert.equal(rules.json.items[3].params.limit_days, 90);
    });

    it('refuses the read routes\' bad parameters, another county and a missing permission', async () => {
      const x = c['xindu.sup1'];
      const cases = [
        [x, '/api/v1/monitoring/warnings?rule=R9', 400, 'validation.wrong_type', 'rule'],
        [x, '/api/v1/monitoring/warnings?severity=orange', 400, 'validation.wrong_type', 'severity'],
        [x, '/api/v1/monitoring/warnings?state=closed', 400, 'validation.wrong_type', 'state'],
        [x, '/api/v1/monitoring/warnings?region=1305', 400, 'validation.wrong_type', 'region'],
        [x, '/api/v1/monitoring/warnings?from=2026-13-01', 400, 'validation.wrong_type', 'from'],
        [x, '/api/v1/monitoring/warnings?agency=abc', 400, 'validation.wrong_type', 'agency'],
        // Another county's region or agency is not found: an empty page would read as "no warnings there".
        [x, '/api/v1/monitoring/warnings?region=130528', 404, 'not_found', ''],
        [x, `/api/v1/monitoring/warnings?agency=${org['ningjin.agency']}`, 404, 'not_found', ''],
        [x, '/api/v1/monitoring/indicators?from=2026-13', 400, 'validation.wrong_type', 'from'],
        [x, '/api/v1/monitoring/indicators?from=2026-10&to=2026-09', 400, 'validation.wrong_value', 'from'],
        [x, '/api/v1/monitoring/indicators?from=2010-01&to=2026-09', 400, 'validation.wrong_value', 'to'],
        [x, '/api/v1/monitoring/indicators?region=130528', 404, 'not_found', ''],
        [x, '/api/v1/monitoring/indicators?region=130500', 404, 'not_found', ''],
        [x, `/api/v1/monitoring/indicators?agency=${org['ningjin.agency']}`, 404, 'not_found', ''],
        [x, '/api/v1/monitoring/warnings/summary?region=130528', 404, 'not_found', ''],
        [x, `/api/v1/monitoring/acts?month=${MONTH}`, 400, 'validation.required', 'agency'],
        [x, `/api/v1/monitoring/acts?agency=${org['xindu.agency']}`, 400, 'validation.required', 'month'],
        [x, `/api/v1/monitoring/acts?agency=${org['xindu.agency']}&month=202610`, 400, 'validation.wrong_type', 'month'],
        [x, `/api/v1/monitoring/acts?agency=${org['xindu.agency']}&month=${MONTH}&kind=fine`, 400, 'validation.wrong_type', 'kind'],
        [x, `/api/v1/monitoring/acts?agency=${org['ningjin.agency']}&month=${MONTH}`, 404, 'not_found', ''],
        [x, W(warnings['API-N-2']), 404, 'not_found', ''],
        [c['xindu.agency'], '/api/v1/monitoring/warnings', 403, 'forbidden', ''],
        [c['xindu.agency'], '/api/v1/monitoring/indicators', 403, 'forbidden', ''],
        [c['scjg.head'], '/api/v1/monitoring/rules', 403, 'forbidden', ''],
        [c['social1'], '/api/v1/monitoring/acts', 403, 'forbidden', ''],
        [c['ningjin.agency'], W(warnings['API-X-3']), 404, 'not_found', ''],
      ];
      for (const [client, path, status, code, field] of cases) expectError(await client.get(path), status, code, { field });
      const anon = server.anon();
      expectError(await anon.get('/api/v1/monitoring/warnings'), 401, 'unauthenticated');
    });

    it('refuses every change without a permission, the county, the version, the state or valid fields, changing nothing', async () => {
      const x3 = warnings['API-X-3'];
      const n2 = warnings['API-N-2'];
      const x1 = warnings['API-X-1']; // responded by now
      const snapshot = async (id) => {
        const d = await detail(id);
        const todos = (await todosOf('xindu.agency')).filter((t) => t.object_id === id).length;
        return JSON.stringify({ state: d.state, version: d.version, reason: d.dismiss_reason, response: d.response, matter: d.matter_id, history: d.history.length, todos });
      };
      const v = async (id) => (await detail(id)).version;
      const cases = [
        // [who, id, action, body(version), status, code, field]
        ['xindu.sup1', x3, 'dismiss', (ver) => ({ version: ver }), 400, 'validation.required', 'reason'],
        ['xindu.sup1', x3, 'dismiss', (ver) => ({ version: ver, reason: long(501) }), 400, 'validation.too_long', 'reason'],
        ['xindu.sup1', x3, 'dismiss', (ver) => ({ version: ver, reason: 42 }), 400, 'validation.wrong_type', 'reason'],
        ['xindu.sup1', x3, 'dismiss', () => ({ reason: '误报' }), 400, 'validation.required', 'version'],
        ['xindu.sup1', x3, 'dismiss', (ver) => ({ version: String(ver), reason: '误报' }), 400, 'validation.wrong_type', 'version'],
        ['xindu.sup1', x3, 'dismiss', (ver) => ({ version: ver + 5, reason: '误报' }), 409, 'version_conflict', 'version'],
        ['xindu.agency', x3, 'dismiss', (ver) => ({ version: ver, reason: '误报' }), 403, 'forbidden', ''],
        ['ningjin.sup1', x3, 'dismiss', (ver) => ({ version: ver, reason: '误报' }), 404, 'not_found', ''],
        ['xindu.sup1', x1, 'dismiss', (ver) => ({ version: ver + 1, reason: '误报' }), 409, 'version_conflict', 'version'],
        ['xindu.sup1', x3, 'send', (ver) => ({ version: ver, note: long(501) }), 400, 'validation.too_long', 'note'],
        ['xindu.sup1', x3, 'send', (ver) => ({ version: ver, note: ['x'] }), 400, 'validation.wrong_type', 'note'],
        ['xindu.sup1', x3, 'send', (ver) => ({ version: ver - 1 }), 409, 'version_conflict', 'version'],
        ['xindu.sup1', x1, 'send', (ver) => ({ version: ver }), 409, 'workflow.wrong_state', 'state'],
        ['xindu.agency', x3, 'send', (ver) => ({ version: ver }), 403, 'forbidden', ''],
        ['gov.leader', x3, 'send', (ver) => ({ version: ver }), 403, 'forbidden', ''],
        ['ningjin.sup1', x3, 'send', (ver) => ({ version: ver }), 404, 'not_found', ''],
        ['city.sup1', n2, 'send', () => 'not json', 400, 'http.bad_json', ''],
        ['xindu.agency', x3, 'respond', (ver) => ({ version: ver, response: '已核实' }), 404, 'not_found', ''],
        ['xindu.agency', x1, 'respond', (ver) => ({ version: ver, response: '再次反馈' }), 409, 'workflow.wrong_state', 'state'],
        // The state comes before the body: an answered warning is 409 whether or not an answer was sent.
        ['xindu.agency', x1, 'respond', (ver) => ({ version: ver }), 409, 'workflow.wrong_state', 'state'],
        ['xindu.agency', x1, 'respond', (ver) => ({ version: ver, response: 42 }), 400, 'validation.wrong_type', 'response'],
        ['xindu.agency', x1, 'respond', (ver) => ({ version: ver, response: long(4001) }), 400, 'validation.too_long', 'response'],
        ['xindu.sup1', x1, 'respond', (ver) => ({ version: ver, response: '已核实' }), 403, 'forbidden', ''],
        ['ningjin.agency', x1, 'respond', (ver) => ({ version: ver, response: '已核实' }), 404, 'not_found', ''],
        ['xindu.sup1', x3, 'matter', (ver) => ({ version: ver, categories: 'art11_3' }), 400, 'validation.wrong_type', 'categories'],
        ['xindu.sup1', x3, 'matter', (ver) => ({ version: ver, categories: ['art99'] }), 400, 'validation.wrong_value', 'categories[0]'],
        ['xindu.sup1', x3, 'matter', (ver) => ({ version: ver, subject: long(201) }), 400, 'validation.too_long', 'subject'],
        ['xindu.sup1', x3, 'matter', (ver) => ({ version: ver + 1 }), 409, 'version_conflict', 'version'],
        ['xindu.agency', x3, 'matter', (ver) => ({ version: ver }), 403, 'forbidden', ''],
        ['ningjin.sup1', x3, 'matter', (ver) => ({ version: ver }), 404, 'not_found', ''],
        ['xindu.sup1', warnings['API-X-2'], 'matter', (ver) => ({ version: ver }), 409, 'workflow.wrong_state', 'state'],
        ['ningjin.sup1', warnings['API-N-1'], 'dismiss', (ver) => ({ version: ver, reason: '误报' }), 409, 'workflow.wrong_state', 'state'],
        ['ningjin.sup1', warnings['API-N-1'], 'dismiss', (ver) => ({ version: ver }), 409, 'workflow.wrong_state', 'state'],
      ];
      for (const [u, id, action, body, status, code, field] of cases) {
        const before = await snapshot(id);
        const b = body(await v(id));
        const res = typeof b === 'string'
          ? await c[u].request('POST', W(id, action), { raw: b, headers: { 'content-type': 'application/json' } })
          : await c[u].post(W(id, action), b);
        expectError(res, status, code, field === '' ? {} : { field });
        assert.equal(await snapshot(id), before, `${u} ${action} ${code}: nothing changed`);
      }
      // The valid calls pass afterwards.
      const ok = await c['xindu.sup1'].post(W(x3, 'dismiss'), { version: await v(x3), reason: '数据录入错误，已更正' });
      assert.equal(ok.status, 200, ok.text);
      expectError(await server.anon().post(W(n2, 'send'), { version: 1 }), 401, 'unauthenticated');
    });
  });
}
