// Statistical reports (Art 15; issue 7) over real HTTP, on both databases. The demo seed has ingested
// data/demo-acts.ndjson, so agency.scjg's 2026 annual report opens pre-filled from monitoring.
// - story: agency.scjg opens, changes a figure, submits; city.sup1 sees the difference against the
//   data and returns it with a reason per field; the agency finds it on its to-do list, resubmits;
//   the city accepts; the aggregate and its .xlsx carry the figures;
// - scope: an agency sees its own reports, a county its agencies, the city all;
// - lateness: the 2025 report (due 2026-01-31) is missing, then late; compliance counts it; 催报
//   gives a to-do once;
// - bad input: missing, overlong, wrong-typed fields, text and negative numbers in cells, another
//   template, a 20 MB upload, wrong state, stale version, no permission, another county's report —
//   each followed by a read showing nothing changed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { DBS, startServer, expectError, rawRequest } from './lib.mjs';

const ExcelJS = createRequire(new URL('../../web/package.json', import.meta.url))('exceljs');

const R = (id, tail = '') => `/api/v1/reports/${id}${tail ? '/' + tail : ''}`;
// Beijing's date today: the server judges due dates by it (the 2026 report is due 2027-01-31).
const TODAY = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));

// Every cell of the template, consistent with its sum rules: what the data gave stays, a blank
// addend takes up the difference, the rest is 0 (what a liaison does with the pre-filled form).
function completed(tmpl, values) {
  const v = { ...values };
  const sums = tmpl.sum_rules; // the sum rules as the template JSON states them (target, addends)
  const settle = () => {
    for (let round = 0; round < 8; round++) {
      for (const r of sums) {
        const known = r.addends.filter((a) => v[a] !== undefined);
        const unknown = r.addends.filter((a) => v[a] === undefined);
        if (v[r.target] !== undefined && unknown.length > 0) {
          v[unknown[0]] = v[r.target] - known.reduce((s, a) => s + v[a], 0);
          for (const a of unknown.slice(1)) v[a] = 0;
        } else if (v[r.target] === undefined && unknown.length === 0) {
          v[r.target] = known.reduce((s, a) => s + v[a], 0);
        }
      }
    }
  };
  settle();
  // What no rule decides is 0 (addends first, so that their totals add them up).
  const targets = new Set(sums.map((r) => r.target));
  for (const r of sums) for (const a of r.addends) if (v[a] === undefined && !targets.has(a)) v[a] = 0;
  settle();
  for (const t of tmpl.tables) for (const f of t.fields) if (v[f.code] === undefined) v[f.code] = 0;
  return v;
}

for (const kind of DBS) {
  describe(`statistical reports (${kind})`, () => {
    let server;
    const c = {};
    const org = {};
    const ACCOUNTS = ['agency.scjg', 'scjg.head', 'city.sup1', 'city.leader', 'xindu.sup1', 'xindu.agency', 'ningjin.sup1',
      'ningjin.agency', 'gov.leader', 'social1'];
    let tmpl; // the annual template, with its sum rules read from the embedded JSON
    let scjg; // agency.scjg's 2026 report as last seen
    let xinduLate; // xindu.agency's 2025 report

    before(async () => {
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ACCOUNTS) {
        c[u] = await server.session(u);
        const me = await c[u].get('/api/v1/me');
        assert.equal(me.status, 200, me.text);
        org[u] = me.json.user.org.id;
      }
      const t = await c['agency.scjg'].get('/api/v1/reports/templates');
      assert.equal(t.status, 200, t.text);
      tmpl = t.json.items.find((x) => x.code === 'annual');
      const { readFileSync } = await import('node:fs');
      const raw = JSON.parse(readFileSync(new URL('../../data/report-templates/annual-v1.json', import.meta.url)));
      tmpl.sum_rules = raw.rules.filter((r) => r.kind === 'sum');
    });
    after(async () => server?.stop());

    it('offers the annual template with its tables, rules, ratios and the severity order; not to a social supervisor', async () => {
      assert.equal(tmpl.version, 1);
      assert.equal(tmpl.period, 'year');
      assert.ok(tmpl.publishable);
      assert.deepEqual(tmpl.due_rule, { months_after_end: 1, day: 31 });
      assert.ok(tmpl.tables.some((x) => x.code === 'penalty' && x.fields.some((f) => f.code === 'P_AMOUNT' && f.kind === 'amount')));
      assert.ok(tmpl.rules.some((r) => r.kind === 'sum' && r.text.startsWith('合计 = ')));
      assert.equal(tmpl.penalty_order[0].type, 'detention');
      assert.ok(tmpl.ratios.some((r) => r.name === '持证率'));
      expectError(await c.social1.get('/api/v1/reports/templates'), 403, 'forbidden');
    });

    it('opens the agency\'s 2026 report pre-filled from the data; the same call again answers the same report', async () => {
      const res = await c['agency.scjg'].post('/api/v1/reports', { agency_id: org['agency.scjg'], template: 'annual', period: '2026' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.created, true);
      scjg = res.json;
      assert.equal(scjg.state, 'draft');
      assert.equal(scjg.period_label, '2026年度');
      assert.equal(scjg.due_on, '2027-01-31');
      assert.equal(scjg.timeliness, TODAY <= '2027-01-31' ? 'not_yet_due' : 'missing');
      assert.ok(scjg.prefilled, 'the demo seed holds the agency\'s 2026 acts');
      assert.deepEqual(scjg.values, scjg.prefill);
      const v = scjg.values;
      assert.equal(v.S_TOTAL, v.S_PENALTY + v.S_LICENSE + v.S_COERCION + v.S_INSPECTION + v.S_LEVY);
      // The penalty types are counted once per decision, under the heaviest type.
      const typed = ['P_WARNING', 'P_FINE', 'P_CONFISCATION', 'P_PERMIT', 'P_BUSINESS', 'P_DETENTION', 'P_OTHER'];
      assert.ok(typed.every((f) => Number.isInteger(v[f])), JSON.stringify(v));
      assert.ok(typed.reduce((s, f) => s + v[f], 0) <= v.P_TOTAL);
      assert.deepEqual(scjg.actions, ['save', 'submit']);
      assert.deepEqual(scjg.differences, [], 'a draft is not compared yet');
      const again = await c['agency.scjg'].post('/api/v1/reports', { agency_id: org['agency.scjg'], template: 'annual', period: '2026' });
      assert.equal(again.status, 200, again.text);
      assert.equal(again.json.created, false);
      assert.equal(again.json.id, scjg.id);
    });

    it('refuses to open a report with missing, overlong or wrong-typed fields, an unknown template or period, without permission or outside the scope', async () => {
      const a = c['xindu.agency'];
      const me = org['xindu.agency'];
      expectError(await a.post('/api/v1/reports', { template: 'annual', period: '2026' }), 400, 'validation.required', { field: 'agency_id' });
      expectError(await a.post('/api/v1/reports', { agency_id: me, period: '2026' }), 400, 'validation.required', { field: 'template' });
      expectError(await a.post('/api/v1/reports', { agency_id: me, template: 'a'.repeat(65), period: '2026' }), 400, 'validation.too_long', { field: 'template' });
      expectError(await a.post('/api/v1/reports', { agency_id: me, template: 'annual', period: 2026 }), 400, 'validation.wrong_type', { field: 'period' });
      expectError(await a.post('/api/v1/reports', { agency_id: true, template: 'annual', period: '2026' }), 400, 'validation.wrong_type', { field: 'agency_id' });
      expectError(await a.post('/api/v1/reports', { agency_id: me, template: 'monthly', period: '2026' }), 400, 'report.template_unknown');
      expectError(await a.post('/api/v1/reports', { agency_id: me, template: 'annual', period: '2026-13' }), 400, 'report.period', { field: 'period' });
      expectError(await a.post('/api/v1/reports', { agency_id: me, template: 'annual', period: '2026-Q1' }), 400, 'reports.period_mismatch', { field: 'period' });
      // Another county's agency: not found. A supervisor does not fill reports in: no permission.
      expectError(await a.post('/api/v1/reports', { agency_id: org['ningjin.agency'], template: 'annual', period: '2026' }), 404, 'not_found');
      expectError(await c['city.sup1'].post('/api/v1/reports', { agency_id: org['agency.scjg'], template: 'annual', period: '2025' }), 403, 'forbidden');
      // Nothing was created by any of these.
      const list = await a.get('/api/v1/reports');
      assert.equal(list.json.total, 0, list.text);
    });

    it('saves figures typed in 万元 and keeps a rule failure with the draft, naming the cell', async () => {
      const cells = completed(tmpl, scjg.values);
      cells.P_AMOUNT = '12.5'; // typed in 万元
      cells.C_SEAL = -1;
      const res = await c['agency.scjg'].put(R(scjg.id), { version: scjg.version, cells: Object.fromEntries(Object.entries(cells).map(([k, x]) => [k, String(x)])), unit: 'wan_yuan' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.values.P_AMOUNT, 12500000);
      const neg = res.json.failures.find((f) => f.field_code === 'C_SEAL');
      assert.ok(neg, JSON.stringify(res.json.failures));
      assert.equal(neg.rule, 'rule.non_negative');
      assert.match(neg.message, /查封/);
      scjg = res.json;
      // Not submittable while a rule fails; the refusal names the first failure.
      const sub = await c['agency.scjg'].post(R(scjg.id, 'submit'), { version: scjg.version });
      expectError(sub, 400, 'report.invalid', { message: '查封' });
    });

    it('refuses bad cells: text in a number cell, a fraction, an overlong cell, an unknown field, another template, a 20 MB body', async () => {
      const a = c['agency.scjg'];
      const put = (body) => a.put(R(scjg.id), { version: scjg.version, ...body });
      expectError(await put({ cells: { P_FINE: '十二' } }), 400, 'cell.not_number', { field: 'P_FINE' });
      expectError(await put({ cells: { P_FINE: 1.5 } }), 400, 'validation.wrong_type', { field: 'cells.P_FINE' });
      expectError(await put({ cells: { P_FINE: '1'.repeat(41) } }), 400, 'validation.too_long', { field: 'cells.P_FINE' });
      expectError(await put({ cells: { X_UNKNOWN: '1' } }), 400, 'cell.unknown_field', { field: 'X_UNKNOWN' });
      expectError(await put({ cells: { P_FINE: '1' }, template: 'monthly', template_version: 1 }), 400, 'report.template_mismatch');
      expectError(await put({ cells: { P_FINE: '1' }, template: 'annual', template_version: 2 }), 400, 'report.template_mismatch');
      expectError(await put({ cells: { P_FINE: '1' }, template: 'annual' }), 400, 'validation.required', { field: 'template_version' });
      expectError(await put({ cells: { P_FINE: '1' }, unit: 'yuan' }), 400, 'validation.wrong_type', { field: 'unit' });
      expectError(await put({ cells: 'P_FINE=1' }), 400, 'validation.wrong_type', { field: 'cells' });
      expectError(await put({}), 400, 'validation.required', { field: 'cells' });
      expectError(await a.put(R(scjg.id), { cells: { P_FINE: '1' } }), 400, 'validation.required', { field: 'version' });
      // A 20 MB upload: refused from its Content-Length, before the body is read (the first 64 KiB
      // are sent; the server answers without waiting for the rest).
      const huge = JSON.stringify({ version: scjg.version, cells: { P_FINE: '1' }, pad: 'x'.repeat(20 << 20) });
      const url = new URL(server.base);
      const answer = await rawRequest(server.base,
        `PUT ${R(scjg.id)} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${a.cookie}\r\nX-CSRF-Token: ${a.csrf}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(huge)}\r\n\r\n${huge.slice(0, 65536)}`);
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.match(answer, /"code":"http\.body_too_large"/);
      // A stale version.
      expectError(await a.put(R(scjg.id), { version: scjg.version - 1, cells: { P_FINE: '1' } }), 409, 'version_conflict');
      const now = await a.get(R(scjg.id));
      assert.equal(now.json.version, scjg.version);
      assert.deepEqual(now.json.values, scjg.values);
    });

    it('submits; the department sees the difference against the data and the acts behind it', async () => {
      const cells = completed(tmpl, scjg.prefill);
      cells.P_AMOUNT = scjg.prefill.P_AMOUNT + 100000000; // 100 万元 more than the data
      let res = await c['agency.scjg'].put(R(scjg.id), { version: scjg.version, cells });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.failures, []);
      res = await c['agency.scjg'].post(R(scjg.id, 'submit'), { version: res.json.version });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.state, 'submitted');
      assert.ok(res.json.submitted_at);
      assert.deepEqual(res.json.actions, []);
      // The head reads but does not file; a second submission is the wrong state.
      expectError(await c['scjg.head'].post(R(scjg.id, 'submit'), { version: res.json.version }), 403, 'forbidden');
      expectError(await c['agency.scjg'].post(R(scjg.id, 'submit'), { version: res.json.version }), 409, 'workflow.wrong_state');
      const seen = await c['city.sup1'].get(R(scjg.id));
      assert.equal(seen.status, 200, seen.text);
      assert.deepEqual(seen.json.actions, ['return', 'accept']);
      const d = seen.json.differences.find((x) => x.field_code === 'P_AMOUNT');
      assert.ok(d, JSON.stringify(seen.json.differences));
      assert.equal(d.difference, 100000000);
      assert.equal(d.computed, scjg.prefill.P_AMOUNT);
      assert.deepEqual(d.acts, { agency: org['agency.scjg'], kinds: ['penalty'], from: '2026-01', to: '2026-12' });
      assert.equal(seen.json.differences.length, 1, JSON.stringify(seen.json.differences));
      // The county department does not see a city agency's report.
      expectError(await c['xindu.sup1'].get(R(scjg.id)), 404, 'not_found');
      scjg = seen.json;
    });

    it('returns with a reason per field; refuses a return without reasons, with a bad field or an overlong reason, or by the wrong department', async () => {
      const s = c['city.sup1'];
      const ret = (body) => s.post(R(scjg.id, 'return'), { version: scjg.version, ...body });
      expectError(await ret({}), 400, 'validation.required', { field: 'reasons' });
      expectError(await ret({ reasons: 'P_AMOUNT' }), 400, 'validation.wrong_type', { field: 'reasons' });
      expectError(await ret({ reasons: [] }), 400, 'report.return_reason_missing');
      expectError(await ret({ reasons: [{ field_code: 'NOPE', reason: '不对' }] }), 400, 'report.return_field', { field: 'reasons[0].field_code' });
      expectError(await ret({ reasons: [{ field_code: 'P_AMOUNT', reason: '理'.repeat(501) }] }), 400, 'validation.too_long', { field: 'reasons[0].reason' });
      expectError(await ret({ reasons: [{ field_code: 'P_AMOUNT' }] }), 400, 'report.return_reason', { field: 'reasons[0].reason' });
      expectError(await s.post(R(scjg.id, 'return'), { version: scjg.version - 1, reasons: [{ field_code: 'P_AMOUNT', reason: '与数据不符' }] }), 409, 'version_conflict');
      expectError(await c['agency.scjg'].post(R(scjg.id, 'return'), { version: scjg.version, reasons: [{ field_code: 'P_AMOUNT', reason: 'x' }] }), 403, 'forbidden');
      const still = await s.get(R(scjg.id));
      assert.equal(still.json.state, 'submitted');
      assert.deepEqual(still.json.returns, []);
      const res = await ret({ reasons: [{ field_code: 'P_AMOUNT', reason: '罚没金额比执法数据多100万元，请核实' }] });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.state, 'returned');
      assert.deepEqual(res.json.returns.map((r) => [r.round, r.field_code, r.field_name]), [[1, 'P_AMOUNT', '罚没金额']]);
      scjg = res.json;
    });

    it('the agency finds the return on its to-do list, corrects and resubmits; the city accepts; accepted is final', async () => {
      const a = c['agency.scjg'];
      const todos = await a.get('/api/v1/todos');
      assert.equal(todos.status, 200, todos.text);
      assert.ok(todos.json.items.some((t) => t.object_kind === 'report_submission' && t.object_id === scjg.id), todos.text);
      const mine = await a.get(R(scjg.id));
      assert.equal(mine.json.returns[0].reason, '罚没金额比执法数据多100万元，请核实');
      assert.deepEqual(mine.json.actions, ['save', 'resubmit']);
      let res = await a.put(R(scjg.id), { version: mine.json.version, cells: { ...mine.json.values, P_AMOUNT: scjg.prefill.P_AMOUNT } });
      assert.equal(res.status, 200, res.text);
      res = await a.post(R(scjg.id, 'resubmit'), { version: res.json.version });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.state, 'resubmitted');
      const after = await a.get('/api/v1/todos');
      assert.ok(!after.json.items.some((t) => t.object_kind === 'report_submission' && t.object_id === scjg.id), 'the to-do is done');
      const seen = await c['city.sup1'].get(R(scjg.id));
      assert.deepEqual(seen.json.differences, []);
      expectError(await c['city.sup1'].post(R(scjg.id, 'accept'), { version: seen.json.version + 5 }), 409, 'version_conflict');
      res = await c['city.sup1'].post(R(scjg.id, 'accept'), { version: seen.json.version });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.state, 'accepted');
      assert.ok(res.json.accepted_at);
      expectError(await a.put(R(scjg.id), { version: res.json.version, cells: { P_FINE: '1' } }), 409, 'workflow.wrong_state');
      expectError(await c['city.sup1'].post(R(scjg.id, 'return'), { version: res.json.version, reasons: [{ field_code: 'P_FINE', reason: '再核' }] }), 409, 'workflow.wrong_state');
      scjg = res.json;
    });

    it('an agency sees its own reports, a county its agencies, the city all; another county\'s report is not found', async () => {
      const res = await c['xindu.agency'].post('/api/v1/reports', { agency_id: org['xindu.agency'], template: 'annual', period: '2025' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.created, true);
      xinduLate = res.json;
      const ids = async (u) => (await c[u].get('/api/v1/reports?template=annual&size=200')).json.items.map((x) => x.id).sort();
      assert.deepEqual(await ids('agency.scjg'), [scjg.id]);
      assert.deepEqual(await ids('scjg.head'), [scjg.id]);
      assert.deepEqual(await ids('xindu.agency'), [xinduLate.id]);
      assert.deepEqual(await ids('xindu.sup1'), [xinduLate.id]);
      assert.deepEqual(await ids('ningjin.sup1'), []);
      assert.deepEqual(await ids('city.sup1'), [scjg.id, xinduLate.id].sort());
      expectError(await c['ningjin.sup1'].get(R(xinduLate.id)), 404, 'not_found');
      expectError(await c['ningjin.agency'].put(R(xinduLate.id), { version: 1, cells: {} }), 404, 'not_found');
      // Filters: a state, a period; a malformed one is refused.
      const acc = await c['city.sup1'].get('/api/v1/reports?state=accepted');
      assert.deepEqual(acc.json.items.map((x) => x.id), [scjg.id]);
      expectError(await c['city.sup1'].get('/api/v1/reports?state=done'), 400, 'validation.wrong_type', { field: 'state' });
      expectError(await c['city.sup1'].get('/api/v1/reports?period=2026;DROP'), 400, 'validation.wrong_type', { field: 'period' });
      expectError(await c.social1.get('/api/v1/reports'), 403, 'forbidden');
    });

    it('a report of a period already due is missing, then late; compliance counts every agency in scope; 催报 gives each one to-do', async () => {
      assert.equal(xinduLate.timeliness, 'missing');
      assert.ok(xinduLate.days_late > 0);
      const comp = await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual&period=2025');
      assert.equal(comp.status, 200, comp.text);
      assert.equal(comp.json.due_on, '2026-01-31');
      assert.ok(comp.json.items.every((i) => i.region_code.startsWith('130503')), comp.text);
      const mine = comp.json.items.find((i) => i.agency_id === org['xindu.agency']);
      assert.equal(mine.report_id, xinduLate.id);
      assert.equal(mine.timeliness, 'missing');
      const counts = comp.json.counts;
      assert.equal(counts.expected, comp.json.items.length);
      assert.equal(counts.missing, counts.expected);
      // 催报: every agency still owing it gets one to-do, not two.
      const first = await c['xindu.sup1'].post('/api/v1/reports/compliance/remind', { template: 'annual', period: '2025' });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.reminded, counts.missing);
      const second = await c['xindu.sup1'].post('/api/v1/reports/compliance/remind', { template: 'annual', period: '2025' });
      assert.equal(second.json.reminded, 0);
      // (From 16 January the scheduler also reminds of the year just ended: look for 2025's.)
      const owing2025 = (t) => t.object_kind === 'report_due' && t.action === 'submit:annual:2025';
      const todo = (await c['xindu.agency'].get('/api/v1/todos')).json.items.find(owing2025);
      assert.ok(todo, 'the agency\'s liaison has the reminder');
      assert.match(todo.title, /2025年度行政执法统计年报.*已逾期/);
      const message = (await c['xindu.agency'].get('/api/v1/inbox')).json.items.find((m) => m.kind === 'report.remind');
      assert.ok(message, 'and a message in its inbox');
      assert.match(message.title, /^催报：请报送2025年度行政执法统计年报/);
      assert.match(message.body, /报送截止日为2026年1月31日/);
      expectError(await c['xindu.sup1'].post('/api/v1/reports/compliance/remind', { template: 'annual', period: String(YEAR + 1) }), 409, 'report.remind_too_early');
      expectError(await c['xindu.agency'].post('/api/v1/reports/compliance/remind', { template: 'annual', period: '2025' }), 403, 'forbidden');
      expectError(await c['xindu.sup1'].post('/api/v1/reports/compliance/remind', { template: 'annual' }), 400, 'validation.required', { field: 'period' });
      // The agency files it: late, by the days since 31 January; the reminder is done.
      const cells = completed(tmpl, {});
      let res = await c['xindu.agency'].put(R(xinduLate.id), { version: xinduLate.version, cells });
      assert.equal(res.status, 200, res.text);
      res = await c['xindu.agency'].post(R(xinduLate.id, 'submit'), { version: res.json.version });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.timeliness, 'late');
      assert.equal(res.json.timeliness_label, '逾期报送');
      const todos = (await c['xindu.agency'].get('/api/v1/todos')).json.items;
      assert.ok(!todos.some(owing2025), 'the reminder is done');
      const again = await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual&period=2025');
      assert.equal(again.json.counts.late, 1);
      assert.equal(again.json.counts.missing, counts.missing - 1);
      // Narrowed to one timeliness: those items only, the counts still the period's; and its export.
      const late = await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual&period=2025&timeliness=late');
      assert.deepEqual(late.json.items.map((i) => i.agency_id), [org['xindu.agency']]);
      assert.deepEqual(late.json.counts, again.json.counts);
      const lateX = await c['xindu.sup1'].get('/api/v1/reports/compliance/export.xlsx?template=annual&period=2025&timeliness=late');
      assert.equal(lateX.status, 200, lateX.text.slice(0, 200));
      const lwb = new ExcelJS.Workbook();
      await lwb.xlsx.load(lateX.body);
      const lateRows = [];
      lwb.worksheets[0].eachRow((row) => lateRows.push(row.values.slice(1)));
      assert.equal(lateRows.filter((r) => r.includes('逾期报送')).length, 1);
      assert.equal(lateRows.filter((r) => r.includes('逾期未报')).length, 0);
      expectError(await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual&period=2025&timeliness=soon'), 400, 'validation.wrong_type', { field: 'timeliness' });
      // Scope and input.
      expectError(await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual&period=2025&region=130528'), 404, 'not_found');
      expectError(await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual&period=2025&region=13'), 400, 'validation.wrong_type', { field: 'region' });
      expectError(await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual'), 400, 'validation.required', { field: 'period' });
      expectError(await c['xindu.sup1'].get('/api/v1/reports/compliance?template=annual&period=2025-Q1'), 400, 'report.period');
      // The agency: itself and the bodies under it (its data scope), not the county's other agencies.
      const own = await c['xindu.agency'].get('/api/v1/reports/compliance?template=annual&period=2025');
      assert.ok(own.json.items.some((i) => i.agency_id === org['xindu.agency']), own.text);
      assert.ok(own.json.items.length < again.json.items.length, own.text);
    });

    it('rolls up by region with the year before, and exports the same figures to an .xlsx in the template\'s layout', async () => {
      const q = 'template=annual&period=2026&level=county&include=accepted';
      const agg = await c['city.sup1'].get(`/api/v1/reports/aggregate?${q}`);
      assert.equal(agg.status, 200, agg.text);
      assert.equal(agg.json.total.reports, 1);
      assert.deepEqual(agg.json.total.values, scjg.values);
      assert.deepEqual(agg.json.rows, [], 'a city agency counts in the city\'s total only');
      const city = await c['city.sup1'].get('/api/v1/reports/aggregate?template=annual&period=2026&level=city');
      assert.equal(city.json.rows.length, 1);
      assert.equal(city.json.rows[0].region_code, '130500');
      assert.deepEqual(city.json.rows[0].values, scjg.values);
      const yoy = agg.json.year_on_year.find((y) => y.field_code === 'S_TOTAL');
      assert.equal(yoy.current, scjg.values.S_TOTAL);
      assert.equal(yoy.previous, 0);
      assert.equal(yoy.change_pct, null);
      // By 执法领域: 邢台市市场监督管理局 is 市场监管 in the directory; the filter narrows the roll-up.
      assert.deepEqual(agg.json.domains, [{ domain: 'market', domain_name: '市场监管', reports: 1, values: scjg.values }]);
      const market = await c['city.sup1'].get(`/api/v1/reports/aggregate?${q}&domain=market`);
      assert.equal(market.json.total.reports, 1);
      assert.equal(market.json.domain_name, '市场监管');
      const water = await c['city.sup1'].get(`/api/v1/reports/aggregate?${q}&domain=water`);
      assert.equal(water.json.total.reports, 0);
      assert.deepEqual(water.json.domains, []);
      const unclassified = await c['city.sup1'].get(`/api/v1/reports/aggregate?${q}&domain=none`);
      assert.equal(unclassified.json.total.reports, 0);
      assert.equal(unclassified.json.domain_name, '未分类');
      expectError(await c['city.sup1'].get(`/api/v1/reports/aggregate?${q}&domain=astrology`), 400, 'validation.wrong_type', { field: 'domain' });
      const prev = await c['city.sup1'].get('/api/v1/reports/aggregate?template=annual&period=2025&level=county');
      assert.equal(prev.json.rows.length, 1);
      assert.equal(prev.json.rows[0].region_code, '130503');
      const x = await c['city.sup1'].get(`/api/v1/reports/aggregate.xlsx?${q}`);
      assert.equal(x.status, 200, x.text.slice(0, 200));
      assert.match(x.headers.get('content-type'), /spreadsheetml/);
      assert.match(x.headers.get('content-disposition'), /attachment/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.body);
      const sheet = wb.getWorksheet('行政处罚');
      assert.ok(sheet, wb.worksheets.map((w) => w.name).join(','));
      // Title, header, then the total row (no county rows).
      const header = sheet.getRow(2).values.slice(1);
      assert.equal(header[1], '地区');
      const amountCol = header.indexOf('罚没金额（万元）') + 1;
      const totalRow = sheet.getRow(3);
      assert.equal(totalRow.getCell(2).value, '合计');
      assert.equal(totalRow.getCell(amountCol).value, scjg.values.P_AMOUNT / 1e6);
      assert.equal(totalRow.getCell(header.indexOf('处罚决定合计') + 1).value, scjg.values.P_TOTAL);
      // Below the year before: the total by 执法领域.
      const domainRow = sheet.getRow(5);
      assert.equal(domainRow.getCell(2).value, '执法领域：市场监管');
      assert.equal(domainRow.getCell(amountCol).value, scjg.values.P_AMOUNT / 1e6);
      assert.ok(wb.getWorksheet('同比'));
      // The county sees only its county; another county's region is not found; an agency may not roll up.
      const xa = await c['xindu.sup1'].get('/api/v1/reports/aggregate?template=annual&period=2025&level=county');
      assert.deepEqual(xa.json.rows.map((r) => r.region_code), ['130503']);
      expectError(await c['xindu.sup1'].get('/api/v1/reports/aggregate?template=annual&period=2025&region=130528'), 404, 'not_found');
      expectError(await c['xindu.sup1'].get('/api/v1/reports/aggregate.xlsx?template=annual&period=2025&region=130528'), 404, 'not_found');
      expectError(await c['city.sup1'].get('/api/v1/reports/aggregate?template=annual&period=2026&level=province'), 400, 'validation.wrong_type', { field: 'level' });
      expectError(await c['city.sup1'].get('/api/v1/reports/aggregate?template=annual&period=2026&include=all'), 400, 'validation.wrong_type', { field: 'include' });
      expectError(await c['city.sup1'].get('/api/v1/reports/aggregate?period=2026'), 400, 'validation.required', { field: 'template' });
      expectError(await c['agency.scjg'].get('/api/v1/reports/aggregate?template=annual&period=2026'), 403, 'forbidden');
      expectError(await c['gov.leader'].get('/api/v1/reports/aggregate.xlsx?template=annual&period=2026'), 403, 'forbidden');
    });

    it('publishes the accepted annual figures without login, and only those', async () => {
      const res = await server.anon().get('/api/v1/public/reports?template=annual&period=2026');
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((i) => i.values), [scjg.values]);
      assert.match(res.json.items[0].agency_name, /市场监督管理局/);
      const none = await server.anon().get('/api/v1/public/reports?template=annual&period=2025');
      assert.deepEqual(none.json.items, [], 'the 2025 report is submitted, not accepted');
      expectError(await server.anon().get('/api/v1/public/reports?template=annual'), 400, 'validation.required', { field: 'period' });
      expectError(await server.anon().get('/api/v1/public/reports?template=nope&period=2026'), 400, 'report.template_unknown');
    });

    it('keeps every change in the audit trail, in the same transaction', async () => {
      const aud = await server.admin('aud');
      const res = await aud.get(`/api/v1/audit?object_kind=report_submission&object_id=${scjg.id}&size=50`);
      assert.equal(res.status, 200, res.text);
      const actions = res.json.items.map((e) => e.action);
      for (const a of ['report.create', 'report.save', 'report.submit', 'report.return', 'report.resubmit', 'report.accept'])
        assert.ok(actions.includes(a), `${a} in ${actions}`);
    });
  });
}
