// 行政执法监督事项 over real HTTP (Art 3, 11–14, 18; issue 5), on both databases:
// - story 1: city.sup1 plans a 专项监督 of 邢台市市场监督管理局; the team grows; Art 13 refuses an
//   inspection of one supervisor and one whose 监督证 expired on 2026-03-01, records the one of two
//   valid certificates; a finding, the 监督通知书 drafted, issued by the leader (not the supervisor);
//   the agency reports (its head may not), the 复查 fails, the leader reports to 邢台市人民政府, whose
//   leader (not the department's) decides 撤销; the department delivers the government's 决定书, the
//   agency signs, closed;
// - story 2: 宁晋县's department on a 宁晋县 agency, up to 宁晋县人民政府's decision (the city's
//   government refused);
// - story 3: a 信都区 township room's clues: one accepted by 信都区司法局 (not by the city), one returned;
// - story 4: cross supervision and 回避 (Art 18);
// - tables of refusals: every route × no session, no permission, another region, stale version,
//   wrong state, bad fields — each followed by a read showing nothing changed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DBS, startServer, expectError } from './lib.mjs';

// Legal dates are Asia/Shanghai's.
const shanghaiDate = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
const TODAY = shanghaiDate(Date.now());
const inDays = (n) => shanghaiDate(Date.now() + n * 86400 * 1000);
const DOC_NUMBER = /〔\d{4}〕\d+号$/;
const long = (n) => '监'.repeat(n);

for (const kind of DBS) {
  describe(`supervision casework (${kind})`, () => {
    let server;
    const c = {}; // username → Client
    const org = {}; // username → the account's organisation id
    const person = {}; // username → the account's person id
    const name = {}; // username → display name (the person's name)
    const region = {}; // username → the organisation's region code
    const ACCOUNTS = [
      'city.sup1', 'city.sup2', 'city.sup3', 'city.leader', 'gov.leader', 'agency.scjg', 'scjg.head', 'xindu.sup1',
      'xindu.room', 'xindu.agency', 'ningjin.sup1', 'ningjin.leader', 'ningjin.gov', 'ningjin.agency', 'ningjin.agency2',
      'social1',
    ];

    before(async () => {
      // The refusal tables read every matter before and after each call: many requests a second from
      // one address, more than the default per-address limit allows.
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ACCOUNTS) {
        c[u] = await server.session(u);
        const me = await c[u].get('/api/v1/me');
        assert.equal(me.status, 200, me.text);
        org[u] = me.json.user.org.id;
        person[u] = me.json.user.person_id;
        name[u] = me.json.user.display_name;
        region[u] = me.json.user.org.region_code;
      }
    });
    after(async () => {
      await server?.stop();
    });

    // ---- helpers -------------------------------------------------------------

    const M = (id, tail = '') => `/api/v1/supervision/matters/${id}${tail ? '/' + tail : ''}`;
    async function get(client, id) {
      const r = await client.get(M(id));
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    async function act(client, id, action, body) {
      const r = await client.post(M(id, action), body);
      assert.equal(r.status, 200, `${action}: ${r.text}`);
      return r.json;
    }
    async function records(client, id) {
      const r = await client.get(M(id, 'records'));
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    async function timeline(client, id) {
      const r = await client.get(M(id, 'timeline'));
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    }
    async function open(client, body, headers = {}) {
      const r = await client.post('/api/v1/supervision/matters', body, { headers });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function documentOf(client, id) {
      const r = await client.get(`/api/v1/documents/${id}`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    async function supervisionCert(u) {
      const r = await c['city.sup1'].get(`/api/v1/certificates?person_id=${person[u]}&kind=supervision`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.items.length, 1, r.text);
      return r.json.items[0];
    }
    const matterBody = (target, extra = {}) => ({
      source: 'complaint',
      mode: 'routine',
      categories: ['art11_3'],
      subject: '行政处罚案件办理情况',
      target_org_id: target,
      ...extra,
    });
    const inspection = (version, supervisors, extra = {}) => ({
      version,
      supervisors,
      inspected_on: TODAY,
      place: '被监督单位执法办案区',
      people_met: '法制科科长',
      record: '查阅执法台账，现场询问执法人员。',
      ...extra,
    });
    const finding = (version, extra = {}) => ({
      version,
      category: 'illegal',
      facts: '2026年第12号行政处罚决定未经法制审核即作出。',
      evidence: '案卷第3页至第7页',
      legal_basis: '《中华人民共和国行政处罚法》第五十八条',
      disposition: 'notice',
      ...extra,
    });
    // A matter of `handler` on `target` carried to a notice: open → finding → notice_pending.
    async function noticed(handler, target) {
      const m = await open(c[handler], matterBody(org[target]));
      const f = await act(c[handler], m.id, 'findings', finding(m.version));
      return act(c[handler], m.id, 'notice', { version: f.version, correction_due: inDays(30), requirements: ['撤销该行政处罚决定并重新审核。'] });
    }

    it('answers the vocabularies, with the checklist from the configuration', async () => {
      const r = await c['agency.scjg'].get('/api/v1/supervision/vocabularies');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.categories.map((x) => x.code), ['art11_1', 'art11_2', 'art11_3', 'art11_4', 'art11_5', 'art11_6', 'art11_7']);
      assert.deepEqual(r.json.modes, [
        { code: 'routine', label: '日常监督' }, { code: 'special', label: '专项监督' }, { code: 'patrol', label: '巡查监督' },
      ]);
      assert.deepEqual(r.json.decision_item_kinds.map((x) => x.code), ['order_performance', 'order_correction', 'revoke', 'confirm_illegal', 'confirm_invalid']);
      assert.ok(r.json.sources.some((x) => x.code === 'township_referral' && x.label.includes('乡镇')));
      assert.ok(r.json.checklist.length > 5);
      for (const i of r.json.checklist) assert.ok(i.deduction >= 1 && i.deduction <= 100 && /^[a-z0-9_]+$/.test(i.code), JSON.stringify(i));
    });

    // ---- story 1 -----------------------------------------------------------------

    it('story 1: a 专项监督 plan on 邢台市市场监督管理局, Art 13 on the certificates valid today, the notice, a failed 复查, 邢台市人民政府 decides 撤销, delivered, signed, closed', async () => {
      const sup = c['city.sup1'];
      const leader = c['city.leader'];
      const scjg = c['agency.scjg'];

      // The plan, with an Idempotency-Key: the retry answers the same plan, nothing more is written.
      const planBody = {
        kind: 'special',
        title: '2026年市场监管领域行政处罚专项监督',
        theme: '食品安全行政处罚案件',
        scope_text: '2026年以来办结的食品安全行政处罚案件',
        period_start: TODAY,
        period_end: inDays(60),
        categories: ['art11_3', 'art11_4'],
        target_org_ids: [org['agency.scjg']],
      };
      const key = { 'idempotency-key': `plan-story1-${kind}` };
      const made = await sup.post('/api/v1/supervision/plans', planBody, { headers: key });
      assert.equal(made.status, 201, made.text);
      const again = await sup.post('/api/v1/supervision/plans', planBody, { headers: key });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.json, made.json);
      const { plan, matter_ids: matterIds } = made.json;
      assert.match(plan.id, /^[1-9][0-9]*$/);
      assert.equal(plan.kind, 'special');
      assert.equal(plan.theme, '食品安全行政处罚案件');
      assert.equal(plan.org_id, org['city.sup1']);
      assert.equal(matterIds.length, 1);
      const stored = await sup.get(`/api/v1/supervision/plans/${plan.id}`);
      assert.equal(stored.status, 200, stored.text);
      assert.deepEqual(stored.json.target_org_ids, [org['agency.scjg']]);
      assert.deepEqual(stored.json.categories, ['art11_3', 'art11_4']);
      assert.equal(stored.json.period_end, inDays(60));
      const byPlan = await sup.get(`/api/v1/supervision/matters?plan=${plan.id}`);
      assert.equal(byPlan.status, 200, byPlan.text);
      assert.deepEqual(byPlan.json.items.map((x) => x.id), matterIds);
      assert.equal(byPlan.json.total, 1);
      // A plan is its department's: not another county's, not the agency's.
      for (const u of ['xindu.sup1', 'agency.scjg']) expectError(await c[u].get(`/api/v1/supervision/plans/${plan.id}`), 404, 'not_found');

      const id = matterIds[0];
      let m = await get(sup, id);
      assert.equal(m.status, 'open');
      assert.equal(m.status_label, '办理中');
      assert.equal(m.version, 1);
      assert.equal(m.plan_id, plan.id);
      assert.equal(m.source, 'special');
      assert.equal(m.mode, 'special');
      assert.deepEqual(m.categories.map((x) => x.code), ['art11_3', 'art11_4']);
      assert.equal(m.subject, planBody.title);
      assert.equal(m.target_org_id, org['agency.scjg']);
      assert.equal(m.target_org_name, '邢台市市场监督管理局');
      assert.equal(m.handling_org_id, org['city.sup1']);
      assert.equal(m.handling_org_name, '邢台市司法局');
      assert.equal(m.region_code, '130500');
      assert.equal(m.upper_reason, null);
      assert.equal(m.notice_document_id, null);
      assert.deepEqual(m.team, [{ person_id: person['city.sup1'], name: name['city.sup1'], org_id: org['city.sup1'], org_name: '邢台市司法局', role: 'lead' }]);
      for (const a of ['record_inspection', 'record_file_review', 'add_finding', 'add_member', 'propose_notice'])
        assert.ok(m.actions.includes(a), `${a} in ${m.actions}`);
      assert.deepEqual((await get(c['agency.scjg'], id)).actions, []);
      expectError(await c['xindu.sup1'].get(M(id)), 404, 'not_found');

      // The team: city.sup2 and city.sup3 join.
      m = await act(sup, id, 'members', { version: 1, person_id: person['city.sup2'] });
      m = await act(sup, id, 'members', { version: m.version, person_id: person['city.sup3'] });
      assert.equal(m.version, 3);
      assert.deepEqual(m.team.map((t) => [t.person_id, t.role]), [
        [person['city.sup1'], 'lead'], [person['city.sup2'], 'member'], [person['city.sup3'], 'member'],
      ]);

      // Art 13: one supervisor is too few; city.sup3's certificate expired on 2026-03-01. Nothing is written.
      const before = await get(sup, id);
      let e = expectError(await sup.post(M(id, 'inspections'), inspection(3, [person['city.sup1']])), 400, 'inspection.too_few_supervisors', { field: 'supervisors' });
      assert.ok(e.basis.includes('第十三条'), e.basis);
      e = expectError(await sup.post(M(id, 'inspections'), inspection(3, [person['city.sup1'], person['city.sup3']])), 400, 'inspection.certificate_invalid', { field: 'supervisors[1]' });
      assert.ok(e.message.includes(name['city.sup3']), e.message);
      assert.ok(e.message.includes('2026年3月1日'), e.message);
      assert.ok(e.basis.includes('第十三条'), e.basis);
      assert.deepEqual(await get(sup, id), before);
      assert.deepEqual((await records(sup, id)).inspections, []);

      // With city.sup2: recorded with the certificate each showed.
      m = await act(sup, id, 'inspections', inspection(3, [person['city.sup1'], person['city.sup2']]));
      assert.equal(m.status, 'open');
      assert.equal(m.version, 4);
      const [cert1, cert2] = [await supervisionCert('city.sup1'), await supervisionCert('city.sup2')];
      const rec = (await records(scjg, id)).inspections;
      assert.equal(rec.length, 1);
      assert.equal(rec[0].inspected_on, TODAY);
      assert.equal(rec[0].place, '被监督单位执法办案区');
      assert.equal(rec[0].offline, false);
      assert.deepEqual(rec[0].supervisors, [
        { person_id: person['city.sup1'], name: name['city.sup1'], certificate_id: cert1.id, certificate_number: cert1.number },
        { person_id: person['city.sup2'], name: name['city.sup2'], certificate_id: cert2.id, certificate_number: cert2.number },
      ]);
      assert.match(cert1.number, /^冀监130500-/);

      // The finding, then the 监督通知书 drafted by the supervisor.
      m = await act(sup, id, 'findings', finding(4));
      assert.equal(m.version, 5);
      const requirements = ['撤销2026年第12号行政处罚决定，重新进行法制审核。'];
      m = await act(sup, id, 'notice', { version: 5, correction_due: inDays(30), requirements });
      assert.equal(m.status, 'notice_pending');
      assert.equal(m.correction_due, inDays(30));
      assert.match(m.notice_document_id, /^[1-9][0-9]*$/);
      let notice = await documentOf(sup, m.notice_document_id);
      assert.equal(notice.status, 'draft');
      assert.equal(notice.doc_type, 'supervision_notice');
      assert.deepEqual((await get(leader, id)).actions, ['issue_notice', 'return_notice']);

      // The supervisor cannot issue it (the table's role); the leader does: 文号, delivered to the agency.
      const pending = await get(sup, id);
      expectError(await sup.post(M(id, 'notice/issue'), { version: 6 }), 403, 'workflow.role_not_allowed');
      assert.deepEqual(await get(sup, id), pending);
      m = await act(leader, id, 'notice/issue', { version: 6 });
      assert.equal(m.status, 'rectifying');
      assert.equal(m.version, 7);
      notice = await documentOf(scjg, m.notice_document_id);
      assert.equal(notice.status, 'issued');
      assert.match(notice.number_text, DOC_NUMBER);
      const noticeDeliveries = await sup.get(`/api/v1/documents/${notice.id}/deliveries`);
      assert.equal(noticeDeliveries.status, 200, noticeDeliveries.text);
      assert.deepEqual(noticeDeliveries.json.items.map((x) => x.recipient_org_id), [org['agency.scjg']]);
      assert.deepEqual((await get(scjg, id)).actions, ['submit_report']);

      // The agency's head may not report (no supervision.respond); its liaison does.
      const rectifying = await get(sup, id);
      expectError(await c['scjg.head'].post(M(id, 'rectification'), { version: 7, content: '已整改' }), 403, 'forbidden');
      assert.deepEqual(await get(sup, id), rectifying);
      m = await act(scjg, id, 'rectification', { version: 7, content: '已撤销原处罚决定，经法制审核后重新作出。' });
      assert.equal(m.status, 'verifying');
      assert.equal(m.version, 8);

      // The 复查 fails, with the reason.
      expectError(await sup.post(M(id, 'verification'), { version: 8, passed: false }), 400, 'validation.required', { field: 'reason' });
      m = await act(sup, id, 'verification', { version: 8, passed: false, reason: '重新作出的处罚决定仍未附法制审核意见。' });
      assert.equal(m.status, 'rectification_failed');
      assert.equal(m.version, 9);
      const reports = (await records(sup, id)).reports;
      assert.equal(reports.length, 1);
      assert.equal(reports[0].content, '已撤销原处罚决定，经法制审核后重新作出。');
      assert.equal(reports[0].verdict, 'failed');
      assert.equal(reports[0].verdict_reason, '重新作出的处罚决定仍未附法制审核意见。');
      assert.deepEqual((await get(leader, id)).actions, ['report_to_government']);

      // The leader reports to 邢台市人民政府 (the 呈报件).
      m = await act(leader, id, 'escalation', { version: 9, body: ['建议撤销该行政处罚决定。'] });
      assert.equal(m.status, 'awaiting_government');
      assert.equal(m.version, 10);
      const report = await documentOf(leader, m.report_document_id);
      assert.equal(report.doc_type, 'report_to_government');
      assert.equal(report.status, 'issued');
      assert.equal(report.issuer_org_id, org['city.sup1']);
      assert.deepEqual((await get(c['gov.leader'], id)).actions, ['decide']);

      // The department's leader cannot decide (no supervision.decide); the government's leader does.
      const waiting = await get(sup, id);
      const decision = { version: 10, reasons: ['经审查，该处罚决定未经法制审核。'], items: [{ kind: 'revoke', content: '撤销2026年第12号行政处罚决定。' }] };
      expectError(await leader.post(M(id, 'decision'), decision), 403, 'forbidden');
      assert.deepEqual(await get(sup, id), waiting);
      m = await act(c['gov.leader'], id, 'decision', decision);
      assert.equal(m.status, 'decided');
      assert.equal(m.version, 11);
      const items = (await records(scjg, id)).decision_items;
      assert.deepEqual(items, [{ kind: 'revoke', kind_label: '撤销', content: '撤销2026年第12号行政处罚决定。', due_on: null, deadline_id: null, fulfilled_on: null, fulfilment: '' }]);
      // The 决定书 is the government's, under its own 文号.
      const decisionDoc = await documentOf(sup, m.decision_document_id);
      assert.equal(decisionDoc.doc_type, 'supervision_decision');
      assert.equal(decisionDoc.status, 'issued');
      assert.equal(decisionDoc.issuer_org_id, org['gov.leader']);
      assert.match(decisionDoc.number_text, DOC_NUMBER);

      // Not closed before the agency signed for it; the department delivers it, the agency signs.
      expectError(await sup.post(M(id, 'close'), { version: 11 }), 409, 'matter.receipt_pending');
      const delivered = await sup.post(`/api/v1/documents/${decisionDoc.id}/deliveries`, {
        recipient_org_id: org['agency.scjg'],
        channel: 'direct',
        delivered_on: TODAY,
      });
      assert.equal(delivered.status, 201, delivered.text);
      const signed = await scjg.post(`/api/v1/deliveries/${delivered.json.id}/receipt`, { received_on: TODAY });
      assert.equal(signed.status, 200, signed.text);
      m = await act(sup, id, 'close', { version: 11 });
      assert.equal(m.status, 'closed');
      assert.equal(m.status_label, '已办结');
      assert.equal(m.version, 12);
      assert.equal(m.concluded_on, TODAY);
      assert.deepEqual(m.actions, []);

      const events = await timeline(scjg, id);
      assert.deepEqual(events.map((x) => x.kind), [
        'opened', 'member_added', 'member_added', 'inspection_recorded', 'finding_added', 'notice_proposed', 'notice_issued',
        'report_submitted', 'verified_failed', 'reported_to_government', 'decided', 'closed',
      ]);
      for (const x of events) assert.match(x.at, /^\d{4}-\d{2}-\d{2}T/);
      assert.equal(events[6].payload.number_text, notice.number_text);
      assert.equal(events[8].payload.reason, '重新作出的处罚决定仍未附法制审核意见。');
      assert.deepEqual(events[10].payload.items, ['revoke']);
      assert.ok((await sup.get('/api/v1/supervision/matters?status=closed')).json.items.some((x) => x.id === id));
    });

    // ---- story 2 -----------------------------------------------------------------

    it('story 2: 宁晋县司法局 on a 宁晋县 agency, reported to 宁晋县人民政府, which decides; the city\'s government may not', async () => {
      const sup = c['ningjin.sup1'];
      const leader = c['ningjin.leader'];
      const body = matterBody(org['ningjin.agency'], { subject: '行政许可办理情况', categories: ['art11_4'] });
      const key = { 'idempotency-key': `matter-story2-${kind}` };
      const made = await open(sup, body, key);
      const replay = await sup.post('/api/v1/supervision/matters', body, { headers: key });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.equal(replay.json.id, made.id);
      assert.equal(made.status, 'open');
      assert.equal(made.source, 'complaint');
      assert.equal(made.source_label, '投诉举报');
      assert.equal(made.region_code, '130528');
      assert.equal(made.handling_org_name, '宁晋县司法局');
      assert.equal(made.upper_reason, null);
      const id = made.id;

      // The city reads it but does not act on it; another county does not see it.
      assert.deepEqual((await get(c['city.sup1'], id)).actions, []);
      const seen = await get(sup, id);
      expectError(await c['city.sup1'].post(M(id, 'findings'), finding(1)), 403, 'forbidden');
      assert.deepEqual(await get(sup, id), seen);
      for (const u of ['xindu.sup1', 'ningjin.agency2']) expectError(await c[u].get(M(id)), 404, 'not_found');
      assert.ok(!(await c['xindu.sup1'].get('/api/v1/supervision/matters')).json.items.some((x) => x.id === id));
      assert.ok((await c['ningjin.gov'].get('/api/v1/supervision/matters')).json.items.some((x) => x.id === id));

      let m = await act(sup, id, 'findings', finding(1, { category: 'nonperformance', facts: '未在法定期限内作出许可决定。' }));
      m = await act(sup, id, 'notice', { version: m.version, correction_due: inDays(20) });
      m = await act(leader, id, 'notice/issue', { version: m.version });
      assert.equal(m.status, 'rectifying');
      assert.match((await documentOf(c['ningjin.agency'], m.notice_document_id)).number_text, DOC_NUMBER);
      m = await act(c['ningjin.agency'], id, 'rectification', { version: m.version, content: '已作出许可决定。' });
      m = await act(sup, id, 'verification', { version: m.version, passed: false, reason: '未说明逾期原因。' });
      // The city's leader is not 宁晋县's department (the guard).
      expectError(await c['city.leader'].post(M(id, 'escalation'), { version: m.version, body: ['报请'] }), 403, 'forbidden');
      m = await act(leader, id, 'escalation', { version: m.version, body: ['建议责令限期改正。'] });
      assert.equal(m.status, 'awaiting_government');
      const report = await documentOf(leader, m.report_document_id);
      assert.equal(report.status, 'issued');
      assert.deepEqual((await get(c['ningjin.gov'], id)).actions, ['decide']);
      assert.deepEqual((await get(c['gov.leader'], id)).actions, []);

      // 邢台市人民政府 is not 宁晋县司法局's own government: refused, nothing written.
      const decision = { version: m.version, items: [{ kind: 'order_correction', content: '责令宁晋县市场监督管理局改正。', due_on: inDays(45) }] };
      const waiting = await get(sup, id);
      const refused = await c['gov.leader'].post(M(id, 'decision'), decision);
      assert.ok(refused.status === 403 || refused.status === 404, refused.text);
      assert.deepEqual(await get(sup, id), waiting);
      m = await act(c['ningjin.gov'], id, 'decision', decision);
      assert.equal(m.status, 'decided');
      const decisionDoc = await documentOf(c['ningjin.gov'], m.decision_document_id);
      assert.equal(decisionDoc.issuer_org_id, org['ningjin.gov']);
      assert.equal(decisionDoc.status, 'issued');
      const items = (await records(sup, id)).decision_items;
      assert.equal(items.length, 1);
      assert.equal(items[0].kind, 'order_correction');
      assert.equal(items[0].due_on, inDays(45));
      assert.match(items[0].deadline_id, /^[1-9][0-9]*$/);
      assert.deepEqual((await timeline(c['ningjin.agency'], id)).slice(-2).map((x) => x.kind), ['reported_to_government', 'decided']);

      // The follow-up (Art 14 ¶2): the agency signs; the item's fulfilment is recorded before closing.
      const delivered = await sup.post(`/api/v1/documents/${decisionDoc.id}/deliveries`, { recipient_org_id: org['ningjin.agency'], channel: 'direct', delivered_on: TODAY });
      assert.equal(delivered.status, 201, delivered.text);
      assert.equal((await c['ningjin.agency'].post(`/api/v1/deliveries/${delivered.json.id}/receipt`, { received_on: TODAY })).status, 200);
      expectError(await sup.post(M(id, 'close'), { version: m.version }), 409, 'matter.items_pending');
      const unchanged = await get(sup, id);
      expectError(await sup.post(M(id, 'fulfilment'), { version: m.version, ordinal: 3, fulfilled_on: TODAY, note: '已改正' }), 400, 'matter.unknown_item', { field: 'ordinal' });
      expectError(await sup.post(M(id, 'fulfilment'), { version: m.version, ordinal: 0, fulfilled_on: inDays(1), note: '已改正' }), 400, 'matter.future_date', { field: 'fulfilled_on' });
      expectError(await sup.post(M(id, 'fulfilment'), { version: m.version, ordinal: 0, fulfilled_on: TODAY }), 400, 'validation.required', { field: 'note' });
      expectError(await sup.post(M(id, 'fulfilment'), { version: m.version, ordinal: '0', fulfilled_on: TODAY, note: '已改正' }), 400, 'validation.wrong_type', { field: 'ordinal' });
      expectError(await sup.post(M(id, 'fulfilment'), { version: m.version - 1, ordinal: 0, fulfilled_on: TODAY, note: '已改正' }), 409, 'version_conflict');
      expectError(await c['ningjin.agency'].post(M(id, 'fulfilment'), { version: m.version, ordinal: 0, fulfilled_on: TODAY, note: '已改正' }), 403, 'forbidden');
      expectError(await c['xindu.sup1'].post(M(id, 'fulfilment'), { version: m.version, ordinal: 0, fulfilled_on: TODAY, note: '已改正' }), 404, 'not_found');
      assert.deepEqual(await get(sup, id), unchanged);
      m = await act(sup, id, 'fulfilment', { version: m.version, ordinal: 0, fulfilled_on: TODAY, note: '已改正并报送整改报告' });
      assert.equal(m.status, 'decided');
      const followed = (await records(sup, id)).decision_items[0];
      assert.equal(followed.fulfilled_on, TODAY);
      assert.equal(followed.fulfilment, '已改正并报送整改报告');
      expectError(await sup.post(M(id, 'fulfilment'), { version: m.version, ordinal: 0, fulfilled_on: TODAY, note: '再次' }), 409, 'matter.item_recorded');
      m = await act(sup, id, 'close', { version: m.version });
      assert.equal(m.status, 'closed');
    });

    // ---- story 3 -----------------------------------------------------------------

    it('story 3: a 信都区 township room\'s clue on its township government is accepted by 信都区司法局 (not the city); another is returned', async () => {
      const room = c['xindu.room'];
      const xindu = c['xindu.sup1'];
      assert.equal(region['xindu.room'].length, 9);
      const dir = await room.get(`/api/v1/org-directory?region=${region['xindu.room']}&kind=township_gov`);
      assert.equal(dir.status, 200, dir.text);
      const township = dir.json.items.find((o) => o.region_code === region['xindu.room']);
      assert.ok(township, dir.text);

      const content = '群众反映该镇综合执法队在查处占道经营时未出示执法证件。';
      const made = await room.post('/api/v1/supervision/clues', { target_org_id: township.id, content });
      assert.equal(made.status, 201, made.text);
      const clue = made.json;
      assert.equal(clue.status, 'submitted');
      assert.equal(clue.status_label, '待处理');
      assert.equal(clue.room_org_id, org['xindu.room']);
      assert.equal(clue.county_org_id, org['xindu.sup1']);
      assert.equal(clue.county_org_name, '信都区司法局');
      assert.equal(clue.target_org_name, township.name);
      assert.equal(clue.matter_id, null);
      // Who sees it: the room, 信都区's department, the city; not 宁晋县.
      for (const u of ['xindu.room', 'xindu.sup1', 'city.sup1']) {
        const r = await c[u].get('/api/v1/supervision/clues?status=submitted');
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.items.some((x) => x.id === clue.id), u);
      }
      assert.ok(!(await c['ningjin.sup1'].get('/api/v1/supervision/clues')).json.items.some((x) => x.id === clue.id));
      expectError(await c['ningjin.sup1'].get(`/api/v1/supervision/clues/${clue.id}`), 404, 'not_found');
      // A room reports on its own township only.
      expectError(await room.post('/api/v1/supervision/clues', { target_org_id: org['xindu.agency'], content }), 400, 'clue.outside_township', { field: 'target_org_id' });

      // The city's department is not the county's: refused, nothing written.
      const accept = { version: clue.version, categories: ['art11_2'] };
      expectError(await c['city.sup1'].post(`/api/v1/supervision/clues/${clue.id}/accept`, accept), 403, 'forbidden');
      assert.deepEqual((await xindu.get(`/api/v1/supervision/clues/${clue.id}`)).json, clue);
      const accepted = await xindu.post(`/api/v1/supervision/clues/${clue.id}/accept`, accept);
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.json.clue.status, 'accepted');
      assert.equal(accepted.json.clue.version, clue.version + 1);
      const matter = accepted.json.matter;
      assert.equal(accepted.json.clue.matter_id, matter.id);
      assert.equal(matter.source, 'township_referral');
      assert.equal(matter.source_ref, clue.id);
      assert.equal(matter.target_org_id, township.id);
      assert.equal(matter.handling_org_name, '信都区司法局');
      assert.equal(matter.subject, content);
      assert.deepEqual(matter.team.map((t) => [t.person_id, t.role]), [[person['xindu.sup1'], 'lead']]);
      expectError(await xindu.post(`/api/v1/supervision/clues/${clue.id}/accept`, { ...accept, version: clue.version + 1 }), 409, 'workflow.wrong_state');

      // A second clue, returned with the reason.
      const second = await room.post('/api/v1/supervision/clues', { target_org_id: township.id, content: '反映执法人员态度生硬。' });
      assert.equal(second.status, 201, second.text);
      expectError(await xindu.post(`/api/v1/supervision/clues/${second.json.id}/return`, { version: second.json.version, reason: '  ' }), 400, 'validation.required', { field: 'reason' });
      const returned = await xindu.post(`/api/v1/supervision/clues/${second.json.id}/return`, { version: second.json.version, reason: '线索不具体，请补充时间、地点和当事人。' });
      assert.equal(returned.status, 200, returned.text);
      assert.equal(returned.json.status, 'returned');
      assert.equal(returned.json.status_label, '已退回');
      assert.equal(returned.json.return_reason, '线索不具体，请补充时间、地点和当事人。');
      assert.equal(returned.json.matter_id, null);
      const mine = (await room.get('/api/v1/supervision/clues?status=returned')).json.items;
      assert.deepEqual(mine.map((x) => x.id), [second.json.id]);
    });

    // A cut by bytes would fall inside a character: PostgreSQL refuses invalid UTF-8, SQLite stores it.
    it('a clue accepted without a subject takes its content, cut on a character boundary', async () => {
      const room = c['xindu.room'];
      const dir = await room.get(`/api/v1/org-directory?region=${region['xindu.room']}&kind=township_gov`);
      const township = dir.json.items.find((o) => o.region_code === region['xindu.room']);
      // One ASCII byte first, so that a cut by bytes would fall inside a character.
      const content = 'A' + '综'.repeat(150);
      const made = await room.post('/api/v1/supervision/clues', { target_org_id: township.id, content });
      assert.equal(made.status, 201, made.text);
      const r = await c['xindu.sup1'].post(`/api/v1/supervision/clues/${made.json.id}/accept`, { version: made.json.version, categories: ['art11_3'] });
      assert.equal(r.status, 200, r.text);
      const subject = r.json.matter.subject;
      assert.ok(!subject.includes('\uFFFD'), `the subject holds a broken character: ${JSON.stringify(subject.slice(-3))}`);
      assert.equal(subject.length, 100, `subject length ${subject.length}`);
      assert.ok(content.startsWith(subject), subject);
      assert.equal((await get(c['xindu.sup1'], r.json.matter.id)).subject, subject);
    });

    // ---- story 4 -----------------------------------------------------------------

    it('story 4: cross supervision of a 信都区 agency by the city refuses 信都区\'s own supervisor (回避, Art 18) and takes 宁晋县\'s', async () => {
      const sup = c['city.sup1'];
      const total = async () => (await sup.get('/api/v1/supervision/matters?size=1')).json.total;
      const before = await total();
      const body = matterBody(org['xindu.agency'], {
        source: 'cross_supervision',
        subject: '2026年度交叉执法监督',
        upper_reason: '市级统一组织交叉执法监督',
        member_person_ids: [person['xindu.sup1']],
      });
      // The city over a 信都区 agency is 提级监督: the reason is required.
      expectError(await sup.post('/api/v1/supervision/matters', { ...body, upper_reason: undefined }), 400, 'matter.upper_reason_required', { field: 'upper_reason' });
      const e = expectError(await sup.post('/api/v1/supervision/matters', body), 400, 'team.avoidance', { field: 'member_person_ids[0]' });
      assert.ok(e.message.includes(name['xindu.sup1']) && e.message.includes('信都区'), e.message);
      assert.ok(e.basis.includes('第十八条'), e.basis);
      assert.equal(await total(), before);

      const m = await open(sup, { ...body, member_person_ids: [person['ningjin.sup1']] });
      assert.equal(m.source, 'cross_supervision');
      assert.equal(m.source_label, '交叉监督');
      assert.equal(m.upper_reason, '市级统一组织交叉执法监督');
      assert.equal(m.region_code, '130500');
      assert.deepEqual(m.team.map((t) => [t.person_id, t.org_name, t.role]), [
        [person['city.sup1'], '邢台市司法局', 'lead'], [person['ningjin.sup1'], '宁晋县司法局', 'member'],
      ]);
      assert.equal(await total(), before + 1);
      // The target agency reads it; 信都区's department, not on the team, does not.
      assert.equal((await get(c['xindu.agency'], m.id)).id, m.id);
      expectError(await c['xindu.sup1'].get(M(m.id)), 404, 'not_found');
      // 回避 also when a member joins later.
      const e2 = expectError(await sup.post(M(m.id, 'members'), { version: m.version, person_id: person['xindu.sup1'] }), 400, 'team.avoidance');
      assert.ok(e2.message.includes('信都区'), e2.message);
      assert.deepEqual(await get(sup, m.id), m);
    });

    // A county department's scope is its region, without its organisation: its supervisor on the city's
    // team is matched by the team member's department (supervision/scope.cpp, MatterService).
    it('a cross-supervision team member from another county reads the matter he is on; his county\'s government does not', async () => {
      const m = await open(c['city.sup1'], matterBody(org['xindu.agency'], {
        source: 'cross_supervision',
        upper_reason: '市级统一组织交叉执法监督',
        member_person_ids: [person['ningjin.sup1']],
      }));
      const r = await c['ningjin.sup1'].get(M(m.id));
      assert.equal(r.status, 200, `宁晋县's supervisor on the team: ${r.status} ${r.text}`);
      assert.ok((await c['ningjin.sup1'].get('/api/v1/supervision/matters?size=100')).json.items.some((x) => x.id === m.id));
      assert.deepEqual(r.json.actions, []);
      expectError(await c['ningjin.sup1'].post(M(m.id, 'findings'), finding(m.version)), 403, 'forbidden');
      expectError(await c['ningjin.gov'].get(M(m.id)), 404, 'not_found');
      assert.ok(!(await c['ningjin.gov'].get('/api/v1/supervision/matters?size=100')).json.items.some((x) => x.id === m.id));
    });

    // ---- the refusal tables ----------------------------------------------------

    it('refuses every supervision route without a session, a permission, the region, the version, the state or valid fields, changing nothing', async () => {
      const sup = c['city.sup1'];
      const leader = c['city.leader'];
      const scjg = c['agency.scjg'];
      const gov = c['gov.leader'];
      const xindu = c['xindu.sup1'];
      const room = c['xindu.room'];

      // Matters in every state the routes act on (city: 市本级 agency.scjg; 宁晋县: ningjin.agency).
      const teamBody = matterBody(org['agency.scjg'], { member_person_ids: [person['city.sup2']] });
      const openM = await open(sup, teamBody); // open, no finding
      const fOpen = await open(sup, matterBody(org['agency.scjg']));
      const findM = await act(sup, fOpen.id, 'findings', finding(fOpen.version)); // open, a finding for a notice
      const pendM = await noticed('city.sup1', 'agency.scjg'); // notice_pending
      const r0 = await noticed('city.sup1', 'agency.scjg');
      const rectM = await act(leader, r0.id, 'notice/issue', { version: r0.version }); // rectifying
      const v0 = await noticed('city.sup1', 'agency.scjg');
      const v1 = await act(leader, v0.id, 'notice/issue', { version: v0.version });
      const verM = await act(scjg, v0.id, 'rectification', { version: v1.version, content: '已整改' }); // verifying
      const f0 = await noticed('city.sup1', 'agency.scjg');
      const f1 = await act(leader, f0.id, 'notice/issue', { version: f0.version });
      const f2 = await act(scjg, f0.id, 'rectification', { version: f1.version, content: '已整改' });
      const failM = await act(sup, f0.id, 'verification', { version: f2.version, passed: false, reason: '未整改到位' }); // rectification_failed
      const a0 = await noticed('city.sup1', 'agency.scjg');
      const a1 = await act(leader, a0.id, 'notice/issue', { version: a0.version });
      const a2 = await act(scjg, a0.id, 'rectification', { version: a1.version, content: '已整改' });
      const a3 = await act(sup, a0.id, 'verification', { version: a2.version, passed: false, reason: '未整改到位' });
      const awaitM = await act(leader, a0.id, 'escalation', { version: a3.version, body: ['报请决定'] }); // awaiting_government
      const njOpen = await open(c['ningjin.sup1'], matterBody(org['ningjin.agency'])); // open, 宁晋县
      const njPend = await noticed('ningjin.sup1', 'ningjin.agency'); // notice_pending, 宁晋县
      const planMade = await sup.post('/api/v1/supervision/plans', {
        kind: 'routine', title: '日常监督计划', period_start: TODAY, period_end: inDays(30), categories: ['art11_1'], target_org_ids: [org['agency.scjg']],
      });
      assert.equal(planMade.status, 201, planMade.text);
      const plan = planMade.json.plan;
      const dir = await room.get(`/api/v1/org-directory?region=${region['xindu.room']}&kind=township_gov`);
      const township = dir.json.items.find((o) => o.region_code === region['xindu.room']);
      const newClue = async () => {
        const r = await room.post('/api/v1/supervision/clues', { target_org_id: township.id, content: '线索内容' });
        assert.equal(r.status, 201, r.text);
        return r.json;
      };
      const clueS = await newClue(); // submitted
      const clueA0 = await newClue();
      const acc = await xindu.post(`/api/v1/supervision/clues/${clueA0.id}/accept`, { version: clueA0.version, categories: ['art11_1'] });
      assert.equal(acc.status, 200, acc.text);
      const clueA = acc.json.clue; // accepted
      const clueR0 = await newClue();
      const ret = await xindu.post(`/api/v1/supervision/clues/${clueR0.id}/return`, { version: clueR0.version, reason: '不具体' });
      assert.equal(ret.status, 200, ret.text);
      const clueR = ret.json; // returned
      const checklist = (await sup.get('/api/v1/supervision/vocabularies')).json.checklist;

      // What a refused call must leave as it was: the object, its records and timeline, and the counts.
      const reader = (o) => (o.handling_org_id === org['ningjin.sup1'] ? c['ningjin.sup1'] : sup);
      const state = async (o) => {
        if (o.kind === 'clue') return { clue: (await xindu.get(`/api/v1/supervision/clues/${o.id}`)).json };
        if (o.kind === 'plan') return { plan: (await sup.get(`/api/v1/supervision/plans/${o.id}`)).json };
        const who = reader(o);
        return {
          matter: await get(who, o.id),
          records: await records(who, o.id),
          events: (await timeline(who, o.id)).length,
        };
      };
      const counts = async () => ({
        matters: (await sup.get('/api/v1/supervision/matters?size=1')).json.total,
        clues: (await sup.get('/api/v1/supervision/clues')).json.items.length,
        documents: (await sup.get('/api/v1/documents?size=200')).json.items.length,
      });

      const v = (d) => d.version;
      const stale = (d) => d.version - 1;
      const P = (tail) => ['POST', (o) => M(o.id, tail)];
      const ROUTES = {
        vocab: ['GET', () => '/api/v1/supervision/vocabularies'],
        planCreate: ['POST', () => '/api/v1/supervision/plans'],
        planGet: ['GET', (o) => `/api/v1/supervision/plans/${o.id}`],
        list: ['GET', () => '/api/v1/supervision/matters'],
        create: ['POST', () => '/api/v1/supervision/matters'],
        get: ['GET', (o) => M(o.id)],
        records: ['GET', (o) => M(o.id, 'records')],
        timeline: ['GET', (o) => M(o.id, 'timeline')],
        members: P('members'),
        takeOver: P('take-over'),
        inspection: P('inspections'),
        review: P('file-reviews'),
        finding: P('findings'),
        notice: P('notice'),
        issue: P('notice/issue'),
        ret: P('notice/return'),
        rect: P('rectification'),
        verify: P('verification'),
        escalate: P('escalation'),
        decide: P('decision'),
        close: P('close'),
        clueCreate: ['POST', () => '/api/v1/supervision/clues'],
        clueList: ['GET', () => '/api/v1/supervision/clues'],
        clueGet: ['GET', (o) => `/api/v1/supervision/clues/${o.id}`],
        accept: ['POST', (o) => `/api/v1/supervision/clues/${o.id}/accept`],
        clueReturn: ['POST', (o) => `/api/v1/supervision/clues/${o.id}/return`],
      };
      const VALID = {
        planCreate: () => ({ kind: 'routine', title: '计划', period_start: TODAY, period_end: inDays(10), categories: ['art11_1'], target_org_ids: [org['agency.scjg']] }),
        create: () => matterBody(org['agency.scjg']),
        members: (d) => ({ version: v(d), person_id: person['city.sup3'] }),
        takeOver: (d) => ({ version: v(d), reason: '案情重大，市级提级办理' }),
        inspection: (d) => inspection(v(d), [person['city.sup1'], person['city.sup2']]),
        review: (d) => ({ version: v(d), case_no: '邢市监罚〔2026〕12号', found: [{ code: checklist[0].code, times: 1 }] }),
        finding: (d) => finding(v(d)),
        notice: (d) => ({ version: v(d), correction_due: inDays(30), requirements: ['改正'] }),
        issue: (d) => ({ version: v(d) }),
        ret: (d) => ({ version: v(d), reason: '请修改' }),
        rect: (d) => ({ version: v(d), content: '已整改' }),
        verify: (d) => ({ version: v(d), passed: true }),
        escalate: (d) => ({ version: v(d), body: ['报请决定'] }),
        decide: (d) => ({ version: v(d), items: [{ kind: 'confirm_illegal', content: '确认该行政行为违法。' }] }),
        close: (d) => ({ version: v(d) }),
        clueCreate: () => ({ target_org_id: township.id, content: '线索' }),
        accept: (d) => ({ version: v(d), categories: ['art11_1'] }),
        clueReturn: (d) => ({ version: v(d), reason: '不具体' }),
      };
      const with_ = (route, d, extra) => ({ ...VALID[route](d), ...extra });
      const without = (route, d, field) => {
        const b = VALID[route](d);
        delete b[field];
        return b;
      };
      // The object each route is tried on by default (where it would pass).
      const AT = {
        vocab: openM, planCreate: openM, planGet: { ...plan, kind: 'plan' }, list: openM, create: openM, get: openM, records: openM,
        timeline: openM, members: openM, takeOver: njOpen, inspection: openM, review: openM, finding: openM, notice: findM,
        issue: pendM, ret: pendM, rect: rectM, verify: verM, escalate: failM, decide: awaitM, close: openM,
        clueCreate: { ...clueS, kind: 'clue' }, clueList: { ...clueS, kind: 'clue' }, clueGet: { ...clueS, kind: 'clue' },
        accept: { ...clueS, kind: 'clue' }, clueReturn: { ...clueS, kind: 'clue' },
      };
      const clue = (x) => ({ ...x, kind: 'clue' });
      const ACTOR = {
        planCreate: sup, create: sup, members: sup, takeOver: leader, inspection: sup, review: sup, finding: sup, notice: sup,
        issue: leader, ret: leader, rect: scjg, verify: sup, escalate: leader, decide: gov, close: sup, clueCreate: room,
        accept: xindu, clueReturn: xindu,
      };

      // [who, route, object, body (null: VALID), status, code, field?]
      const cases = [];
      const anon = server.anon();
      for (const r of Object.keys(ROUTES)) cases.push([anon, r, AT[r], null, 401, 'unauthenticated']);
      for (const r of Object.keys(ROUTES)) cases.push([c['social1'], r, AT[r], null, 403, 'forbidden']);
      // No permission: the agency neither plans nor handles; the department neither reports nor decides
      // nor submits clues; the agency head does not report; the department leader does not decide.
      for (const r of ['planCreate', 'create', 'members', 'takeOver', 'inspection', 'review', 'finding', 'notice', 'issue', 'ret', 'verify', 'escalate', 'close', 'accept', 'clueReturn', 'decide', 'clueCreate'])
        cases.push([scjg, r, AT[r], null, 403, 'forbidden']);
      for (const r of ['planCreate', 'create', 'members', 'inspection', 'finding', 'notice', 'issue', 'escalate', 'close', 'rect', 'clueCreate', 'accept'])
        cases.push([gov, r, AT[r], null, 403, 'forbidden']);
      for (const r of ['rect', 'decide', 'clueCreate']) cases.push([sup, r, AT[r], null, 403, 'forbidden']);
      cases.push([leader, 'decide', awaitM, null, 403, 'forbidden']);
      cases.push([c['scjg.head'], 'rect', rectM, null, 403, 'forbidden']);
      for (const r of ['create', 'planCreate', 'accept', 'clueReturn', 'inspection']) cases.push([room, r, AT[r], null, 403, 'forbidden']);
      // The table's role: the leader does not inspect, record or verify; the supervisor does not issue,
      // return, take over or report.
      for (const r of ['inspection', 'review', 'finding', 'notice']) cases.push([leader, r, AT[r], null, 403, 'workflow.role_not_allowed']);
      cases.push([leader, 'verify', verM, null, 403, 'workflow.role_not_allowed']);
      for (const r of ['issue', 'ret', 'escalate']) cases.push([sup, r, AT[r], null, 403, 'workflow.role_not_allowed']);
      cases.push([sup, 'takeOver', njOpen, null, 403, 'workflow.role_not_allowed']);
      // The guards: the city does not handle 宁晋县's matter; only an upper department takes over; the
      // city is not the clue's county; another government does not decide.
      for (const r of ['inspection', 'finding', 'members', 'close']) cases.push([sup, r, njOpen, with_(r, njOpen, r === 'members' ? { person_id: person['city.sup2'] } : {}), 403, 'forbidden']);
      cases.push([leader, 'issue', njPend, null, 403, 'forbidden']);
      cases.push([leader, 'takeOver', openM, null, 403, 'forbidden']);
      cases.push([c['ningjin.leader'], 'takeOver', njOpen, null, 403, 'forbidden']);
      for (const r of ['accept', 'clueReturn']) cases.push([sup, r, clue(clueS), null, 403, 'forbidden']);
      // Another region's object: 404 for whoever holds the permission.
      for (const r of ['get', 'records', 'timeline', 'members', 'inspection', 'review', 'finding', 'notice', 'issue', 'ret', 'verify', 'escalate', 'close'])
        cases.push([xindu, r, AT[r], null, 404, 'not_found']);
      for (const r of ['get', 'records', 'timeline', 'takeOver', 'finding']) cases.push([xindu, r, njOpen, null, 404, 'not_found']);
      cases.push([xindu, 'planGet', AT.planGet, null, 404, 'not_found']);
      cases.push([scjg, 'planGet', AT.planGet, null, 404, 'not_found']);
      for (const u of ['ningjin.agency', 'xindu.agency']) cases.push([c[u], 'rect', rectM, null, 404, 'not_found']);
      cases.push([c['ningjin.gov'], 'decide', awaitM, null, 404, 'not_found']);
      cases.push([c['ningjin.leader'], 'escalate', failM, null, 404, 'not_found']);
      for (const r of ['clueGet', 'accept', 'clueReturn']) cases.push([c['ningjin.sup1'], r, clue(clueS), null, 404, 'not_found']);
      cases.push([c['xindu.agency'], 'clueGet', clue(clueS), null, 404, 'not_found']);
      // Stale versions, each in a state where the route would pass.
      for (const r of ['members', 'inspection', 'review', 'finding', 'close']) cases.push([sup, r, openM, with_(r, openM, { version: stale(openM) }), 409, 'version_conflict']);
      cases.push([c['city.leader'], 'takeOver', njOpen, with_('takeOver', njOpen, { version: stale(njOpen) }), 409, 'version_conflict']);
      cases.push([sup, 'notice', findM, with_('notice', findM, { version: stale(findM) }), 409, 'version_conflict']);
      for (const r of ['issue', 'ret']) cases.push([leader, r, pendM, with_(r, pendM, { version: stale(pendM) }), 409, 'version_conflict']);
      cases.push([scjg, 'rect', rectM, with_('rect', rectM, { version: stale(rectM) }), 409, 'version_conflict']);
      cases.push([sup, 'verify', verM, with_('verify', verM, { version: stale(verM) }), 409, 'version_conflict']);
      cases.push([leader, 'escalate', failM, with_('escalate', failM, { version: stale(failM) }), 409, 'version_conflict']);
      cases.push([gov, 'decide', awaitM, with_('decide', awaitM, { version: stale(awaitM) }), 409, 'version_conflict']);
      cases.push([gov, 'decide', awaitM, with_('decide', awaitM, { version: v(awaitM) + 1 }), 409, 'version_conflict']);
      for (const r of ['accept', 'clueReturn']) cases.push([xindu, r, clue(clueS), with_(r, clueS, { version: clueS.version + 1 }), 409, 'version_conflict']);
      // Wrong states.
      for (const r of ['members', 'inspection', 'review', 'finding', 'notice', 'close']) cases.push([sup, r, pendM, null, 409, 'workflow.wrong_state']);
      cases.push([sup, 'finding', rectM, null, 409, 'workflow.wrong_state']);
      cases.push([c['city.leader'], 'takeOver', njPend, null, 409, 'workflow.wrong_state']);
      cases.push([leader, 'issue', findM, null, 409, 'workflow.wrong_state']);
      cases.push([leader, 'ret', rectM, null, 409, 'workflow.wrong_state']);
      cases.push([scjg, 'rect', verM, null, 409, 'workflow.wrong_state']);
      cases.push([scjg, 'rect', pendM, null, 409, 'workflow.wrong_state']);
      cases.push([sup, 'verify', rectM, null, 409, 'workflow.wrong_state']);
      cases.push([leader, 'escalate', verM, null, 409, 'workflow.wrong_state']);
      cases.push([gov, 'decide', failM, null, 409, 'workflow.wrong_state']);
      cases.push([sup, 'close', rectM, null, 409, 'workflow.wrong_state']);
      for (const [r, d] of [['accept', clueA], ['clueReturn', clueA], ['accept', clueR], ['clueReturn', clueR]])
        cases.push([xindu, r, clue(d), null, 409, 'workflow.wrong_state']);
      // The guards' conflicts: nothing for a notice, a finding waiting for one, not yet overdue.
      cases.push([sup, 'notice', openM, null, 409, 'matter.no_notice_findings']);
      cases.push([sup, 'close', findM, null, 409, 'matter.findings_pending']);
      cases.push([leader, 'escalate', rectM, null, 409, 'matter.not_overdue']);
      cases.push([sup, 'members', openM, with_('members', openM, { person_id: person['city.sup2'] }), 409, 'team.already_member']);

      // Fields: missing, too long, wrong type, unknown codes and organisations.
      const bad = [
        ['planCreate', without('planCreate', null, 'kind'), 'validation.required', 'kind'],
        ['planCreate', with_('planCreate', null, { kind: 'yearly' }), 'validation.wrong_value', 'kind'],
        ['planCreate', with_('planCreate', null, { kind: 3 }), 'validation.wrong_type', 'kind'],
        ['planCreate', without('planCreate', null, 'title'), 'validation.required', 'title'],
        ['planCreate', with_('planCreate', null, { title: long(201) }), 'validation.too_long', 'title'],
        ['planCreate', with_('planCreate', null, { theme: long(201) }), 'validation.too_long', 'theme'],
        ['planCreate', with_('planCreate', null, { kind: 'special' }), 'validation.required', 'theme'],
        ['planCreate', with_('planCreate', null, { scope_text: long(4001) }), 'validation.too_long', 'scope_text'],
        ['planCreate', without('planCreate', null, 'period_start'), 'validation.required', 'period_start'],
        ['planCreate', with_('planCreate', null, { period_start: '2026-13-01' }), 'validation.wrong_type', 'period_start'],
        ['planCreate', with_('planCreate', null, { period_end: inDays(-400) }), 'plan.period_invalid', 'period_end'],
        ['planCreate', without('planCreate', null, 'categories'), 'validation.required', 'categories'],
        ['planCreate', with_('planCreate', null, { categories: [] }), 'validation.required', 'categories'],
        ['planCreate', with_('planCreate', null, { categories: 'art11_1' }), 'validation.wrong_type', 'categories'],
        ['planCreate', with_('planCreate', null, { categories: [11] }), 'validation.wrong_type', 'categories[0]'],
        ['planCreate', with_('planCreate', null, { categories: ['art11_1', 'art11_9'] }), 'validation.wrong_value', 'categories[1]'],
        ['planCreate', without('planCreate', null, 'target_org_ids'), 'validation.required', 'target_org_ids'],
        ['planCreate', with_('planCreate', null, { target_org_ids: [] }), 'validation.required', 'target_org_ids'],
        ['planCreate', with_('planCreate', null, { target_org_ids: ['abc'] }), 'validation.wrong_type', 'target_org_ids[0]'],
        ['planCreate', with_('planCreate', null, { target_org_ids: [org['agency.scjg'], '999999999'] }), 'matter.unknown_target', 'target_org_ids[1]'],
        ['planCreate', with_('planCreate', null, { target_org_ids: [org['agency.scjg'], org['agency.scjg']] }), 'plan.duplicate_target', 'target_org_ids[1]'],
        ['planCreate', with_('planCreate', null, { target_org_ids: [org['xindu.agency']] }), 'matter.upper_reason_required', 'upper_reason'],
        ['planCreate', with_('planCreate', null, { upper_reason: long(4001) }), 'validation.too_long', 'upper_reason'],
        ['create', without('create', null, 'source'), 'validation.required', 'source'],
        ['create', with_('create', null, { source: 7 }), 'validation.wrong_type', 'source'],
        ['create', with_('create', null, { source: 'rumour' }), 'validation.wrong_value', 'source'],
        ['create', without('create', null, 'target_org_id'), 'validation.required', 'target_org_id'],
        ['create', with_('create', null, { target_org_id: 'abc' }), 'validation.wrong_type', 'target_org_id'],
        ['create', with_('create', null, { target_org_id: '999999999' }), 'matter.unknown_target', 'target_org_id'],
        ['create', with_('create', null, { target_org_id: org['city.sup1'] }), 'matter.target_not_agency', 'target_org_id'],
        ['create', without('create', null, 'subject'), 'validation.required', 'subject'],
        ['create', with_('create', null, { subject: long(201) }), 'validation.too_long', 'subject'],
        ['create', without('create', null, 'categories'), 'validation.required', 'categories'],
        ['create', with_('create', null, { categories: ['art11_1', 'art11_1'] }), 'validation.wrong_value', 'categories[1]'],
        ['create', with_('create', null, { mode: 'secret' }), 'validation.wrong_value', 'mode'],
        ['create', with_('create', null, { member_person_ids: 'x' }), 'validation.wrong_type', 'member_person_ids'],
        ['create', with_('create', null, { member_person_ids: [true] }), 'validation.wrong_type', 'member_person_ids[0]'],
        ['create', with_('create', null, { member_person_ids: [person['agency.scjg']] }), 'team.not_supervisor', 'member_person_ids[0]'],
        ['create', with_('create', null, { upper_reason: long(4001) }), 'validation.too_long', 'upper_reason'],
        ['create', with_('create', null, { tracked: 'yes' }), 'validation.wrong_type', 'tracked'],
        ['create', with_('create', null, { tracked: true }), 'validation.required', 'tracked_due'],
        ['create', with_('create', null, { tracked_label: long(101) }), 'validation.too_long', 'tracked_label'],
        ['create', with_('create', null, { tracked_due: '2026-02-30' }), 'validation.wrong_type', 'tracked_due'],
        ['members', without('members', openM, 'person_id'), 'validation.required', 'person_id'],
        ['members', with_('members', openM, { person_id: 'abc' }), 'validation.wrong_type', 'person_id'],
        ['members', with_('members', openM, { person_id: '999999999' }), 'team.unknown_person', 'person_id'],
        ['members', with_('members', openM, { person_id: person['agency.scjg'] }), 'team.not_supervisor', 'person_id'],
        ['members', without('members', openM, 'version'), 'validation.required', 'version'],
        ['members', with_('members', openM, { version: '1' }), 'validation.wrong_type', 'version'],
        ['takeOver', without('takeOver', njOpen, 'reason'), 'validation.required', 'reason'],
        ['takeOver', with_('takeOver', njOpen, { reason: long(4001) }), 'validation.too_long', 'reason'],
        ['takeOver', with_('takeOver', njOpen, { reason: 5 }), 'validation.wrong_type', 'reason'],
        ['inspection', without('inspection', openM, 'supervisors'), 'validation.required', 'supervisors'],
        ['inspection', with_('inspection', openM, { supervisors: 'x' }), 'validation.wrong_type', 'supervisors'],
        ['inspection', with_('inspection', openM, { supervisors: [person['city.sup1'], true] }), 'validation.wrong_type', 'supervisors[1]'],
        ['inspection', with_('inspection', openM, { supervisors: [person['city.sup1']] }), 'inspection.too_few_supervisors', 'supervisors'],
        ['inspection', with_('inspection', openM, { supervisors: [person['city.sup1'], person['city.sup1']] }), 'inspection.duplicate_supervisor', 'supervisors[1]'],
        ['inspection', with_('inspection', openM, { supervisors: [person['city.sup1'], person['city.sup3']] }), 'inspection.not_on_team', 'supervisors[1]'],
        ['inspection', without('inspection', openM, 'inspected_on'), 'validation.required', 'inspected_on'],
        ['inspection', with_('inspection', openM, { inspected_on: '2026/11/01' }), 'validation.wrong_type', 'inspected_on'],
        ['inspection', with_('inspection', openM, { inspected_on: inDays(1) }), 'inspection.future_date', 'inspected_on'],
        ['inspection', without('inspection', openM, 'place'), 'validation.required', 'place'],
        ['inspection', with_('inspection', openM, { place: long(201) }), 'validation.too_long', 'place'],
        ['inspection', with_('inspection', openM, { people_met: long(4001) }), 'validation.too_long', 'people_met'],
        ['inspection', without('inspection', openM, 'record'), 'validation.required', 'record'],
        ['inspection', with_('inspection', openM, { record: long(8001) }), 'validation.too_long', 'record'],
        ['inspection', with_('inspection', openM, { record: ['x'] }), 'validation.wrong_type', 'record'],
        ['inspection', with_('inspection', openM, { attachment_id: true }), 'validation.wrong_type', 'attachment_id'],
        ['inspection', with_('inspection', openM, { offline: 'no' }), 'validation.wrong_type', 'offline'],
        ['review', without('review', openM, 'case_no'), 'validation.required', 'case_no'],
        ['review', with_('review', openM, { case_no: long(101) }), 'validation.too_long', 'case_no'],
        ['review', with_('review', openM, { legality_failures: 'x' }), 'validation.wrong_type', 'legality_failures'],
        ['review', with_('review', openM, { legality_failures: ['wrong_colour'] }), 'review.legality_unknown', 'legality_failures[0]'],
        ['review', with_('review', openM, { found: 'x' }), 'validation.wrong_type', 'found'],
        ['review', with_('review', openM, { found: [{}] }), 'validation.wrong_type', 'found[0].code'],
        ['review', with_('review', openM, { found: [{ code: checklist[0].code, times: 0 }] }), 'validation.wrong_type', 'found[0].times'],
        ['review', with_('review', openM, { found: [{ code: 'no_such_item' }] }), 'review.item_unknown', 'found[0]'],
        ['finding', without('finding', openM, 'category'), 'validation.required', 'category'],
        ['finding', with_('finding', openM, { category: 'rude' }), 'validation.wrong_value', 'category'],
        ['finding', without('finding', openM, 'facts'), 'validation.required', 'facts'],
        ['finding', with_('finding', openM, { facts: long(8001) }), 'validation.too_long', 'facts'],
        ['finding', with_('finding', openM, { facts: 5 }), 'validation.wrong_type', 'facts'],
        ['finding', with_('finding', openM, { evidence: long(8001) }), 'validation.too_long', 'evidence'],
        ['finding', without('finding', openM, 'legal_basis'), 'validation.required', 'legal_basis'],
        ['finding', with_('finding', openM, { legal_basis: long(4001) }), 'validation.too_long', 'legal_basis'],
        ['finding', without('finding', openM, 'disposition'), 'validation.required', 'disposition'],
        ['finding', with_('finding', openM, { disposition: 'later' }), 'validation.wrong_value', 'disposition'],
        ['finding', with_('finding', openM, { disposition: 'on_spot' }), 'validation.required', 'on_spot_record'],
        ['finding', with_('finding', openM, { disposition: 'on_spot', on_spot_record: long(4001) }), 'validation.too_long', 'on_spot_record'],
        ['notice', without('notice', findM, 'correction_due'), 'validation.required', 'correction_due'],
        ['notice', with_('notice', findM, { correction_due: '30天' }), 'validation.wrong_type', 'correction_due'],
        ['notice', with_('notice', findM, { correction_due: TODAY }), 'notice.deadline_past', 'correction_due'],
        ['notice', with_('notice', findM, { correction_due: inDays(200) }), 'notice.deadline_too_far', 'correction_due'],
        ['notice', with_('notice', findM, { requirements: 'x' }), 'validation.wrong_type', 'requirements'],
        ['notice', with_('notice', findM, { requirements: [long(4001)] }), 'validation.too_long', 'requirements[0]'],
        ['issue', {}, 'validation.required', 'version'],
        ['issue', { version: 'x' }, 'validation.wrong_type', 'version'],
        ['ret', without('ret', pendM, 'reason'), 'validation.required', 'reason'],
        ['ret', with_('ret', pendM, { reason: long(4001) }), 'validation.too_long', 'reason'],
        ['ret', with_('ret', pendM, { reason: false }), 'validation.wrong_type', 'reason'],
        ['rect', without('rect', rectM, 'content'), 'validation.required', 'content'],
        ['rect', with_('rect', rectM, { content: long(8001) }), 'validation.too_long', 'content'],
        ['rect', with_('rect', rectM, { content: 9 }), 'validation.wrong_type', 'content'],
        ['rect', with_('rect', rectM, { attachment_id: 'abc' }), 'validation.wrong_type', 'attachment_id'],
        ['verify', without('verify', verM, 'passed'), 'validation.required', 'passed'],
        ['verify', with_('verify', verM, { passed: 'no' }), 'validation.wrong_type', 'passed'],
        ['verify', with_('verify', verM, { passed: false }), 'validation.required', 'reason'],
        ['verify', with_('verify', verM, { passed: false, reason: long(4001) }), 'validation.too_long', 'reason'],
        ['escalate', without('escalate', failM, 'body'), 'validation.required', 'body'],
        ['escalate', with_('escalate', failM, { body: [] }), 'validation.required', 'body'],
        ['escalate', with_('escalate', failM, { body: ['  '] }), 'validation.required', 'body'],
        ['escalate', with_('escalate', failM, { body: 'x' }), 'validation.wrong_type', 'body'],
        ['escalate', with_('escalate', failM, { body: [3] }), 'validation.wrong_type', 'body[0]'],
        ['escalate', with_('escalate', failM, { body: [long(4001)] }), 'validation.too_long', 'body[0]'],
        ['decide', without('decide', awaitM, 'items'), 'validation.required', 'items'],
        ['decide', with_('decide', awaitM, { items: [] }), 'validation.required', 'items'],
        ['decide', with_('decide', awaitM, { items: 'x' }), 'validation.wrong_type', 'items'],
        ['decide', with_('decide', awaitM, { items: [3] }), 'validation.wrong_type', 'items[0]'],
        ['decide', with_('decide', awaitM, { items: [{ content: '内容' }] }), 'validation.required', 'items[0].kind'],
        ['decide', with_('decide', awaitM, { items: [{ kind: 'fine', content: '内容' }] }), 'validation.wrong_value', 'items[0].kind'],
        ['decide', with_('decide', awaitM, { items: [{ kind: 'revoke' }] }), 'validation.required', 'items[0].content'],
        ['decide', with_('decide', awaitM, { items: [{ kind: 'revoke', content: long(4001) }] }), 'validation.too_long', 'items[0].content'],
        ['decide', with_('decide', awaitM, { items: [{ kind: 'revoke', content: '撤销' }, { kind: 'order_correction', content: '改正' }] }), 'validation.required', 'items[1].due_on'],
        ['decide', with_('decide', awaitM, { items: [{ kind: 'order_performance', content: '履行', due_on: TODAY }] }), 'decision.deadline_past', 'items[0].due_on'],
        ['decide', with_('decide', awaitM, { items: [{ kind: 'order_performance', content: '履行', due_on: '2026-02-30' }] }), 'validation.wrong_type', 'items[0].due_on'],
        ['decide', with_('decide', awaitM, { items: Array.from({ length: 21 }, () => ({ kind: 'revoke', content: '撤销' })) }), 'validation.too_many', 'items'],
        ['decide', with_('decide', awaitM, { reasons: 'x' }), 'validation.wrong_type', 'reasons'],
        ['decide', with_('decide', awaitM, { reasons: [long(4001)] }), 'validation.too_long', 'reasons[0]'],
        ['close', {}, 'validation.required', 'version'],
        ['close', { version: null }, 'validation.required', 'version'],
        ['close', { version: 'x' }, 'validation.wrong_type', 'version'],
        ['clueCreate', without('clueCreate', null, 'target_org_id'), 'validation.required', 'target_org_id'],
        ['clueCreate', with_('clueCreate', null, { target_org_id: 'abc' }), 'validation.wrong_type', 'target_org_id'],
        ['clueCreate', with_('clueCreate', null, { target_org_id: '999999999' }), 'matter.unknown_target', 'target_org_id'],
        ['clueCreate', with_('clueCreate', null, { target_org_id: org['xindu.agency'] }), 'clue.outside_township', 'target_org_id'],
        ['clueCreate', without('clueCreate', null, 'content'), 'validation.required', 'content'],
        ['clueCreate', with_('clueCreate', null, { content: long(8001) }), 'validation.too_long', 'content'],
        ['clueCreate', with_('clueCreate', null, { content: {} }), 'validation.wrong_type', 'content'],
        ['clueCreate', with_('clueCreate', null, { attachment_id: true }), 'validation.wrong_type', 'attachment_id'],
        ['accept', without('accept', clueS, 'version'), 'validation.required', 'version'],
        ['accept', without('accept', clueS, 'categories'), 'validation.required', 'categories'],
        ['accept', with_('accept', clueS, { categories: [] }), 'validation.required', 'categories'],
        ['accept', with_('accept', clueS, { categories: ['art12'] }), 'validation.wrong_value', 'categories[0]'],
        ['accept', with_('accept', clueS, { subject: long(201) }), 'validation.too_long', 'subject'],
        ['accept', with_('accept', clueS, { member_person_ids: 'x' }), 'validation.wrong_type', 'member_person_ids'],
        ['accept', with_('accept', clueS, { mode: 'secret' }), 'validation.wrong_value', 'mode'],
        ['clueReturn', without('clueReturn', clueS, 'reason'), 'validation.required', 'reason'],
        ['clueReturn', with_('clueReturn', clueS, { reason: long(4001) }), 'validation.too_long', 'reason'],
        ['clueReturn', with_('clueReturn', clueS, { reason: [] }), 'validation.wrong_type', 'reason'],
      ];
      for (const [route, body, code, field] of bad) cases.push([ACTOR[route], route, AT[route], body, 400, code, field]);

      const failures = [];
      const snapshots = new Map();
      for (const [who, route, o, body, status, code, field] of cases) {
        const [method, path] = ROUTES[route];
        const url = path(o);
        const payload = method === 'GET' ? undefined : body ?? (VALID[route] ? VALID[route](o) : {});
        const target = o.kind === 'clue' || o.kind === 'plan' ? o : { ...o, kind: 'matter' };
        // The state after a refused call is the state before the next one on the same object.
        const beforeO = snapshots.get(o.id) ?? { object: await state(target), counts: await counts() };
        const res = await who.request(method, url, payload === undefined ? {} : { body: payload });
        const label = `${who.user?.username ?? 'anonymous'} ${method} ${url} ${JSON.stringify(payload ?? '').slice(0, 100)}`;
        const afterO = { object: await state(target), counts: await counts() };
        snapshots.set(o.id, afterO);
        try {
          expectError(res, status, code, field === undefined ? {} : { field });
        } catch (e) {
          failures.push(`${label}: ${e.message}`);
          continue;
        }
        try {
          assert.deepEqual(afterO, beforeO);
        } catch {
          failures.push(`${label}: something changed`);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(cases.length > 250, `cases: ${cases.length}`);

      // A body that is no JSON object; bad filters of the lists.
      const raw = await sup.request('POST', M(openM.id, 'close'), { raw: 'not json', headers: { 'content-type': 'application/json' } });
      expectError(raw, 400, 'http.bad_json');
      for (const q of ['status=lost', 'source=rumour', 'plan=abc'])
        expectError(await sup.get(`/api/v1/supervision/matters?${q}`), 400, 'validation.wrong_type', { field: q.split('=')[0] });
      expectError(await sup.get('/api/v1/supervision/clues?status=lost'), 400, 'validation.wrong_type', { field: 'status' });

      // Every refused call left each object as it was: the valid calls now pass.
      assert.equal((await act(sup, openM.id, 'close', VALID.close(openM))).status, 'closed');
      assert.equal((await act(leader, pendM.id, 'notice/return', VALID.ret(pendM))).status, 'open');
      assert.equal((await act(sup, verM.id, 'verification', VALID.verify(verM))).status, 'closed');
      assert.equal((await act(gov, awaitM.id, 'decision', VALID.decide(awaitM))).status, 'decided');
      const takenOver = await act(leader, njOpen.id, 'take-over', VALID.takeOver(njOpen));
      assert.equal(takenOver.handling_org_id, org['city.leader']);
      assert.equal(takenOver.region_code, '130500');
      assert.equal(takenOver.upper_reason, '案情重大，市级提级办理');
      const accepted = await xindu.post(`/api/v1/supervision/clues/${clueS.id}/accept`, VALID.accept(clueS));
      assert.equal(accepted.status, 200, accepted.text);
    });
  });
}
