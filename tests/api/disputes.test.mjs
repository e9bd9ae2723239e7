// 行政执法职责争议 over real HTTP (Art 6–8, issue 4), on both databases:
// - the first story up to acceptance: agency.scjg (市本级) files against a 信都区 agency with its
//   公函; the dispute routes to the city with the Art 7 reason; city.sup1 asks for a 补正 (the
//   review deadline pauses), the agency supplements (it resumes), city.sup1 accepts;
// - the second story up to acceptance: ningjin.agency files against ningjin.agency2's agency; it
//   routes to 宁晋县, where ningjin.sup1 accepts; the city reads it but cannot act on it;
// - what each caller may do ("actions") and who sees what (drafts, parties, regions);
// - a vertical-management party, a party that is no enforcement agency, a letter that is not the
//   applicant's, an incomplete application, a refusal;
// - a table of refusals: every route × no session, no permission, another region, stale version,
//   wrong state, bad fields — each followed by a read showing nothing changed.
// A party outside 邢台市 cannot be registered (the region table holds 邢台市 only), so
// dispute.out_of_scope is covered by coordination/service_test.cpp
// (APartyOutsideTheCityIsRefusedWithTheReasonAndNothingIsWritten) and the routing unit tests.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { DBS, startServer, expectError } from './lib.mjs';

// exceljs reads the exported workbook back (the web UI's dependency: web/node_modules).
const ExcelJS = createRequire(new URL('../../web/package.json', import.meta.url))('exceljs');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);
// Legal dates are Asia/Shanghai's.
const shanghaiDate = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
const TODAY = shanghaiDate(Date.now());
const NEGOTIATED = shanghaiDate(Date.now() - 7 * 86400 * 1000);
const ART7 = /^依据《[^》]+》第七条/;

// A complete application between the parties [[orgId, position], …].
function application(letter, parties, extra = {}) {
  return {
    letter_attachment_id: letter,
    focus: '对农贸市场内活禽屠宰环节的监管职责存在争议',
    parties: parties.map(([org, position]) => ({
      org_id: org,
      position,
      legal_basis: [{ law: '《中华人民共和国食品安全法》', article: '第六条' }],
    })),
    negotiation: { date: NEGOTIATED, participants: '双方分管负责同志及法制科负责人', outcome: '未能达成一致意见' },
    other_info: '',
    ...extra,
  };
}

for (const kind of DBS) {
  describe(`jurisdiction disputes (${kind})`, () => {
    let server;
    const c = {}; // username → Client
    const org = {}; // username → the account's organisation id
    const user = {}; // username → user id
    const ACCOUNTS = [
      'agency.scjg', 'scjg.head', 'xindu.agency', 'xindu.sup1', 'city.sup1', 'city.leader', 'gov.leader',
      'ningjin.agency', 'ningjin.agency2', 'ningjin.sup1', 'ningjin.leader', 'ningjin.gov', 'social1',
    ];

    before(async () => {
      // The refusal tables read every dispute before and after each call: many requests a second from
      // one address, more than the default per-address limit (200/s) allows on a fast SQLite run.
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ACCOUNTS) {
        c[u] = await server.session(u);
        const me = await c[u].get('/api/v1/me');
        assert.equal(me.status, 200, me.text);
        org[u] = me.json.user.org.id;
        user[u] = me.json.user.id;
      }
    });
    after(async () => {
      await server?.stop();
    });

    // ---- helpers -------------------------------------------------------------

    async function upload(client, name = '提请协调的公函.pdf', bytes = PDF) {
      const r = await client.request('POST', '/api/v1/attachments', {
        raw: bytes,
        headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
      });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    }
    async function orgNamed(name) {
      const r = await c['city.sup1'].get(`/api/v1/orgs?q=${encodeURIComponent(name)}&size=5`);
      assert.equal(r.status, 200, r.text);
      const o = r.json.items.find((x) => x.name === name);
      assert.ok(o, `no organisation ${name}`);
      return o.id;
    }
    async function draft(client, body, headers = {}) {
      const r = await client.post('/api/v1/disputes', body, { headers });
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    async function get(client, id) {
      const r = await client.get(`/api/v1/disputes/${id}`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    }
    async function act(client, id, action, body) {
      const r = await client.post(`/api/v1/disputes/${id}/${action}`, body);
      assert.equal(r.status, 200, `${action}: ${r.text}`);
      return r.json;
    }
    async function timeline(client, id) {
      const r = await client.get(`/api/v1/disputes/${id}/timeline`);
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    }
    // A submitted dispute of `applicant` against the organisation `against`.
    async function filed(applicant, against) {
      const letter = await upload(c[applicant]);
      const d = await draft(c[applicant], application(letter, [[org[applicant], '本机关观点'], [against, '对方观点']]));
      return act(c[applicant], d.id, 'submit', { version: d.version });
    }
    const names = (deadlines) => deadlines.map((x) => x.name).sort();
    const deadline = (d, name) => d.deadlines.find((x) => x.name === name);

    // ---- the first story -----------------------------------------------------

    it('story 1: agency.scjg files against a 信都区 agency, it goes to the city (Art 7), 补正 pauses the review, city.sup1 accepts, meets, the leader issues the opinion, both sign, closed', async () => {
      const scjg = c['agency.scjg'];
      const city = c['city.sup1'];
      const letter = await upload(scjg);
      const body = application(letter, [
        [org['agency.scjg'], '活禽屠宰环节属畜禽屠宰监管范畴，应由农业农村部门负责'],
        [org['xindu.agency'], '屠宰后进入市场销售环节方属市场监管职责'],
      ]);

      // Drafting, with an Idempotency-Key: the retry answers the same draft, nothing more is written.
      const key = { 'idempotency-key': `story1-${kind}` };
      const d = await draft(scjg, body, key);
      const again = await scjg.post('/api/v1/disputes', body, { headers: key });
      assert.equal(again.status, 201, again.text);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.json.id, d.id);
      assert.equal((await scjg.get('/api/v1/disputes?status=draft')).json.total, 1);

      assert.equal(d.status, 'draft');
      assert.equal(d.status_label, '草稿');
      assert.equal(d.version, 1);
      assert.match(d.id, /^[1-9][0-9]*$/);
      assert.equal(d.applicant_org_id, org['agency.scjg']);
      assert.equal(d.applicant_org_name, '邢台市市场监督管理局');
      assert.equal(d.letter_attachment_id, letter);
      assert.equal(d.negotiation.date, NEGOTIATED);
      assert.deepEqual(
        d.parties.map((p) => [p.org_id, p.role]),
        [[org['agency.scjg'], 'applicant'], [org['xindu.agency'], 'respondent']],
      );
      assert.ok(d.parties[1].org_name.includes('信都区'), d.parties[1].org_name);
      assert.deepEqual(d.parties[0].legal_basis, [{ law: '《中华人民共和国食品安全法》', article: '第六条' }]);
      assert.equal(d.routing, null);
      assert.deepEqual(d.actions, ['update', 'submit']);
      assert.deepEqual(d.deadlines, []);

      // A draft is the applicant agency's alone: not the city's, not the other party's.
      for (const u of ['city.sup1', 'xindu.agency', 'gov.leader'])
        expectError(await c[u].get(`/api/v1/disputes/${d.id}`), 404, 'not_found');
      assert.deepEqual((await get(c['scjg.head'], d.id)).actions, []);

      // Complete per Art 8; the routing the submission will store, with the rule quoted.
      const check = await scjg.get(`/api/v1/disputes/${d.id}/check`);
      assert.equal(check.status, 200, check.text);
      assert.deepEqual(check.json.problems, []);
      const preview = await scjg.get(`/api/v1/disputes/${d.id}/routing`);
      assert.equal(preview.status, 200, preview.text);
      assert.equal(preview.json.outcome, 'competent');
      assert.equal(preview.json.rule_code, 'art7.city_party');
      assert.equal(preview.json.competent_level, 'city');
      assert.equal(preview.json.competent_region_code, '130500');
      assert.match(preview.json.reason, ART7);
      assert.ok(preview.json.reason.includes('第七条第一款'), preview.json.reason);
      assert.ok(preview.json.reason.includes('邢台市市场监督管理局属市本级'), preview.json.reason);
      assert.equal(preview.json.vertical_flag, false);

      // The draft is edited once, then submitted.
      const edited = await scjg.put(`/api/v1/disputes/${d.id}`, { ...body, other_info: '已附协商会议记录', version: 1 });
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.json.version, 2);
      assert.equal(edited.json.other_info, '已附协商会议记录');
      const s = await act(scjg, d.id, 'submit', { version: 2 });
      assert.equal(s.status, 'under_review');
      assert.equal(s.status_label, '受理审核');
      assert.equal(s.version, 3);
      assert.equal(s.filed_on, TODAY);
      assert.equal(s.region_code, '130500');
      assert.equal(s.competent_level, 'city');
      assert.equal(s.competent_org_id, org['city.sup1']);
      assert.equal(s.competent_org_name, '邢台市司法局');
      assert.equal(s.routing.rule_code, 'art7.city_party');
      assert.equal(s.routing.reason, preview.json.reason);
      assert.equal(s.routing.basis, preview.json.basis);
      assert.equal(s.routing.competent_region_code, '130500');
      assert.equal(s.routing.competent_org_id, org['city.sup1']);
      assert.equal(s.routing.vertical_flag, false);
      assert.equal(s.routing.confirmed_by, null);
      // The review clock runs from the filing; the other party is invited to state its position.
      assert.deepEqual(names(s.deadlines), ['completeness_review', 'party_position']);
      const review = deadline(s, 'completeness_review');
      assert.equal(review.label, '受理审核期限');
      assert.equal(review.start_date, TODAY);
      assert.ok(review.due_date > TODAY, review.due_date);
      assert.equal(review.paused, false);
      assert.equal(review.overdue, false);
      const position = deadline(s, 'party_position');
      assert.equal(position.party_org_id, org['xindu.agency']);
      assert.equal(s.parties[1].position_due_on, position.due_date);
      assert.deepEqual(s.actions, ['withdraw', 'file_position']);

      // The 公函 is now the dispute's.
      const att = await scjg.get(`/api/v1/attachments/${letter}`);
      assert.equal(att.status, 200, att.text);
      assert.equal(att.json.owner_kind, 'dispute');
      assert.equal(att.json.owner_id, d.id);

      // Who sees it, and what each may do now.
      assert.deepEqual((await get(city, d.id)).actions, ['accept', 'ask_supplement', 'refuse']);
      assert.deepEqual((await get(c['city.leader'], d.id)).actions, []);
      assert.deepEqual((await get(c['xindu.agency'], d.id)).actions, ['file_position']);
      assert.deepEqual((await get(c['scjg.head'], d.id)).actions, []);
      assert.deepEqual((await get(c['gov.leader'], d.id)).actions, []);
      for (const u of ['xindu.sup1', 'ningjin.sup1', 'ningjin.agency', 'ningjin.gov'])
        expectError(await c[u].get(`/api/v1/disputes/${d.id}`), 404, 'not_found');
      const listed = await city.get('/api/v1/disputes?status=under_review&level=city');
      assert.equal(listed.status, 200, listed.text);
      assert.ok(listed.json.items.some((x) => x.id === d.id));
      const item = listed.json.items.find((x) => x.id === d.id);
      assert.equal(item.applicant_org_name, '邢台市市场监督管理局');
      assert.equal(item.parties, undefined);
      assert.ok((await c['xindu.agency'].get('/api/v1/disputes')).json.items.some((x) => x.id === d.id));
      assert.ok(!(await c['xindu.sup1'].get('/api/v1/disputes')).json.items.some((x) => x.id === d.id));
      assert.equal((await city.get('/api/v1/disputes?level=county')).json.items.filter((x) => x.id === d.id).length, 0);

      // 补正: the review deadline pauses (from the next day: asked on the filing day) and the
      // applicant gets its 补正 deadline.
      const asked = await act(city, d.id, 'supplement-request', { version: 3, reason: '请补充双方协商会议纪要' });
      assert.equal(asked.status, 'awaiting_supplement');
      assert.equal(asked.version, 4);
      assert.deepEqual(names(asked.deadlines), ['completeness_review', 'party_position', 'supplement']);
      const paused = deadline(asked, 'completeness_review');
      assert.equal(paused.paused, true);
      assert.ok(paused.pause_reason.includes('请补充双方协商会议纪要'), paused.pause_reason);
      assert.ok(paused.paused_from > TODAY, paused.paused_from);
      assert.equal(deadline(asked, 'supplement').label, '补正期限');
      assert.deepEqual(asked.actions, ['supplement_lapsed']);
      assert.deepEqual((await get(scjg, d.id)).actions, ['supplement', 'withdraw']);

      // The supplement: the review clock resumes, the 补正 deadline is met.
      const supplied = await act(scjg, d.id, 'supplement', {
        ...body,
        other_info: '已补充协商会议纪要（附件）',
        note: '按要求补充协商会议纪要',
        version: 4,
      });
      assert.equal(supplied.status, 'under_review');
      assert.equal(supplied.version, 5);
      assert.equal(supplied.other_info, '已补充协商会议纪要（附件）');
      assert.deepEqual(names(supplied.deadlines), ['completeness_review', 'party_position']);
      assert.equal(deadline(supplied, 'completeness_review').paused, false);

      // Acceptance: the review is over, the coordination clock starts.
      const accepted = await act(city, d.id, 'accept', { version: 5 });
      assert.equal(accepted.status, 'coordinating');
      assert.equal(accepted.accepted_on, TODAY);
      assert.equal(accepted.version, 6);
      assert.deepEqual(names(accepted.deadlines), ['coordination', 'party_position']);
      assert.ok(deadline(accepted, 'coordination').due_date > TODAY);
      assert.ok(accepted.actions.includes('record_meeting') && accepted.actions.includes('propose_opinion'), accepted.actions);
      assert.deepEqual((await get(c['city.leader'], d.id)).actions, ['report_to_government']);

      const events = await timeline(scjg, d.id);
      assert.deepEqual(events.map((e) => e.kind), ['drafted', 'updated', 'filed', 'supplement_requested', 'supplemented', 'accepted']);
      const filedEvent = events[2];
      assert.equal(filedEvent.payload.rule_code, 'art7.city_party');
      assert.equal(filedEvent.payload.reason, preview.json.reason);
      assert.equal(filedEvent.by_user, user['agency.scjg']);
      assert.equal(filedEvent.by_org, org['agency.scjg']);
      assert.equal(events[3].payload.reason, '请补充双方协商会议纪要');
      assert.equal(events[5].by_org, org['city.sup1']);
      for (const e of events) assert.match(e.at, /^\d{4}-\d{2}-\d{2}T/);
      // The timeline is the dispute's: the other party reads it, another county does not.
      assert.equal((await timeline(c['xindu.agency'], d.id)).length, 6);
      expectError(await c['xindu.sup1'].get(`/api/v1/disputes/${d.id}/timeline`), 404, 'not_found');

      // ---- coordination: a meeting, the opinion, its approval, delivery, receipts, closing ----
      const heldAt = new Date(Date.UTC(2026, 10, 20, 2, 30)).toISOString(); // 10:30 in 邢台
      const met = await act(city, d.id, 'meetings', {
        version: 6,
        held_at: heldAt,
        place: '市司法局三楼会议室',
        attendees: '市市场监管局、信都区农业农村局分管负责同志',
        minutes: '双方陈述了各自观点，未达成一致。',
      });
      assert.equal(met.status, 'coordinating');
      assert.equal(met.version, 7);
      const recs = await c['xindu.agency'].get(`/api/v1/disputes/${d.id}/records`);
      assert.equal(recs.status, 200, recs.text);
      assert.equal(recs.json.items.length, 1);
      const meeting = recs.json.items[0];
      assert.equal(meeting.kind, 'meeting');
      assert.equal(meeting.held_at, heldAt);
      assert.equal(meeting.place, '市司法局三楼会议室');
      assert.equal(meeting.attendees, '市市场监管局、信都区农业农村局分管负责同志');
      assert.equal(meeting.minutes, '双方陈述了各自观点，未达成一致。');
      assert.equal(meeting.by_user, user['city.sup1']);
      assert.match(meeting.at, /^\d{4}-\d{2}-\d{2}T/);
      assert.equal(meeting.attachment_id, null);
      expectError(await c['xindu.sup1'].get(`/api/v1/disputes/${d.id}/records`), 404, 'not_found');
      assert.equal((await timeline(scjg, d.id)).at(-1).kind, 'meeting_recorded');

      const proposed = await act(city, d.id, 'opinion', {
        version: 7,
        body: ['经协调，活禽屠宰环节由农业农村部门负责监管。', '进入市场销售环节由市场监管部门负责。'],
      });
      assert.equal(proposed.status, 'opinion_pending');
      assert.equal(proposed.version, 8);
      const leaderSees = await get(c['city.leader'], d.id);
      assert.ok(leaderSees.actions.includes('approve_opinion') && leaderSees.actions.includes('return_opinion'), leaderSees.actions);
      let docsList = (await city.get(`/api/v1/disputes/${d.id}/documents`)).json.items;
      assert.deepEqual(docsList.map((x) => x.purpose), ['supplement_notice', 'acceptance_notice', 'opinion']);
      let opinion = docsList.at(-1);
      assert.equal(opinion.doc_type, 'dispute_opinion');
      assert.equal(opinion.type_name, '行政执法争议协调处理意见书');
      assert.equal(opinion.status, 'draft');
      assert.equal(opinion.number_text, null);

      // The supervisor cannot approve (the table's role); the leader does: issued with a 文号 and delivered.
      expectError(await city.post(`/api/v1/disputes/${d.id}/opinion/approve`, { version: 8 }), 403, 'workflow.role_not_allowed');
      const approved = await act(c['city.leader'], d.id, 'opinion/approve', { version: 8 });
      assert.equal(approved.status, 'opinion_issued');
      assert.equal(approved.version, 9);
      assert.deepEqual(names(approved.deadlines), ['party_position']);
      docsList = (await c['xindu.agency'].get(`/api/v1/disputes/${d.id}/documents`)).json.items;
      opinion = docsList.find((x) => x.purpose === 'opinion');
      assert.equal(opinion.status, 'issued');
      assert.match(opinion.number_text, /〔\d{4}〕\d+号$/);
      const deliveries = await city.get(`/api/v1/documents/${opinion.document_id}/deliveries`);
      assert.equal(deliveries.status, 200, deliveries.text);
      assert.deepEqual(
        deliveries.json.items.map((x) => x.recipient_org_id).sort(),
        [org['agency.scjg'], org['xindu.agency']].sort(),
      );

      // Not closed before every party has signed for it.
      expectError(await city.post(`/api/v1/disputes/${d.id}/close`, { version: 9 }), 409, 'dispute.receipts_pending');
      assert.equal((await get(city, d.id)).status, 'opinion_issued');
      for (const u of ['agency.scjg', 'xindu.agency']) {
        const mine = deliveries.json.items.find((x) => x.recipient_org_id === org[u]);
        const rec = await c[u].post(`/api/v1/deliveries/${mine.id}/receipt`, { received_on: TODAY });
        assert.equal(rec.status, 200, rec.text);
      }
      const closed = await act(city, d.id, 'close', { version: 9 });
      assert.equal(closed.status, 'closed');
      assert.equal(closed.version, 10);
      assert.deepEqual(closed.actions, []);
      assert.deepEqual(
        (await timeline(c['xindu.agency'], d.id)).slice(-4).map((e) => e.kind),
        ['meeting_recorded', 'opinion_proposed', 'opinion_issued', 'closed'],
      );
    });

    // ---- the second story ----------------------------------------------------

    it('story 2: two 宁晋县 agencies go to 宁晋县 (Art 7 ¶2); ningjin.sup1 accepts; the city reads it without acting; reported, 宁晋县人民政府 decides', async () => {
      const s = await filed('ningjin.agency', org['ningjin.agency2']);
      assert.equal(s.status, 'under_review');
      assert.equal(s.routing.rule_code, 'art7.same_county');
      assert.equal(s.competent_level, 'county');
      assert.equal(s.region_code, '130528');
      assert.equal(s.competent_org_id, org['ningjin.sup1']);
      assert.equal(s.competent_org_name, '宁晋县司法局');
      assert.match(s.routing.reason, ART7);
      assert.ok(s.routing.reason.includes('第七条第二款'), s.routing.reason);
      assert.ok(s.routing.reason.includes('均属同一县'), s.routing.reason);

      // The city department may read it (its scope covers 宁晋县) but is not the competent one.
      const seenByCity = await get(c['city.sup1'], s.id);
      assert.deepEqual(seenByCity.actions, []);
      const e = expectError(await c['city.sup1'].post(`/api/v1/disputes/${s.id}/accept`, { version: s.version }), 403, 'forbidden');
      assert.ok(e.basis.includes('第七条'), e.basis);
      assert.deepEqual(await get(c['city.sup1'], s.id), seenByCity);

      assert.deepEqual((await get(c['ningjin.sup1'], s.id)).actions, ['accept', 'ask_supplement', 'refuse']);
      const accepted = await act(c['ningjin.sup1'], s.id, 'accept', { version: s.version });
      assert.equal(accepted.status, 'coordinating');
      assert.deepEqual(names(accepted.deadlines), ['coordination', 'party_position']);

      // Only 宁晋县's leader may report it to the government, and no government decides yet.
      assert.deepEqual((await get(c['ningjin.leader'], s.id)).actions, ['report_to_government']);
      assert.deepEqual((await get(c['city.leader'], s.id)).actions, []);
      assert.deepEqual((await get(c['gov.leader'], s.id)).actions, []);
      assert.deepEqual((await get(c['ningjin.gov'], s.id)).actions, []);
      assert.deepEqual((await get(c['ningjin.agency2'], s.id)).actions, ['file_position']);
      for (const u of ['xindu.sup1', 'agency.scjg', 'xindu.agency'])
        expectError(await c[u].get(`/api/v1/disputes/${s.id}`), 404, 'not_found');
      assert.ok((await c['ningjin.gov'].get('/api/v1/disputes?region=130528')).json.items.some((x) => x.id === s.id));
      assert.ok(!(await c['xindu.sup1'].get('/api/v1/disputes?region=130528')).json.items.some((x) => x.id === s.id));

      // No agreement: 宁晋县's leader reports to 宁晋县人民政府 (Art 6).
      const reported = await act(c['ningjin.leader'], s.id, 'report', {
        version: accepted.version,
        body: ['经协调，双方未能达成一致。', '建议由宁晋县市场监督管理局负责。'],
      });
      assert.equal(reported.status, 'awaiting_government_decision');
      assert.equal(reported.version, accepted.version + 1);
      expectError(await c['ningjin.agency'].get(`/api/v1/disputes/${s.id}/decision`), 404, 'dispute.no_decision');
      const report = (await c['ningjin.sup1'].get(`/api/v1/disputes/${s.id}/documents`)).json.items.find((x) => x.purpose === 'report');
      assert.equal(report.doc_type, 'report_to_government');
      assert.equal(report.status, 'issued');
      assert.deepEqual((await get(c['ningjin.gov'], s.id)).actions, ['decide']);
      assert.deepEqual((await get(c['gov.leader'], s.id)).actions, []);

      // The city's government leader is not 宁晋县's government: refused, nothing written.
      const decision = {
        version: reported.version,
        decision: ['该事项的监督检查由宁晋县市场监督管理局负责。'],
        responsible_org_id: org['ningjin.agency2'],
      };
      const waiting = await get(c['ningjin.sup1'], s.id);
      const refused = await c['gov.leader'].post(`/api/v1/disputes/${s.id}/decision`, decision);
      assert.ok(refused.status === 403 || refused.status === 404, refused.text);
      assert.deepEqual(await get(c['ningjin.sup1'], s.id), waiting);

      const decided = await act(c['ningjin.gov'], s.id, 'decision', decision);
      assert.equal(decided.status, 'closed');
      assert.equal(decided.version, reported.version + 1);
      assert.deepEqual(decided.deadlines, []);
      const decisionDoc = (await c['ningjin.gov'].get(`/api/v1/disputes/${s.id}/documents`)).json.items.find((x) => x.purpose === 'decision');
      assert.equal(decisionDoc.doc_type, 'dispute_decision');
      assert.equal(decisionDoc.status, 'issued');
      assert.match(decisionDoc.number_text, /〔\d{4}〕\d+号$/);
      assert.deepEqual((await timeline(c['ningjin.agency'], s.id)).slice(-2).map((e) => e.kind), ['reported_to_government', 'decided']);

      // The decision record, for every party and the department; not for another county.
      for (const u of ['ningjin.agency', 'ningjin.agency2', 'ningjin.sup1', 'ningjin.gov']) {
        const r = await c[u].get(`/api/v1/disputes/${s.id}/decision`);
        assert.equal(r.status, 200, `${u}: ${r.text}`);
        assert.equal(r.json.government_org_name, '宁晋县人民政府');
        assert.equal(r.json.responsible_org_id, org['ningjin.agency2']);
        assert.equal(r.json.decision, '该事项的监督检查由宁晋县市场监督管理局负责。');
        assert.equal(r.json.decided_on, TODAY);
        assert.equal(r.json.document_id, decisionDoc.document_id);
      }
      expectError(await c['xindu.sup1'].get(`/api/v1/disputes/${s.id}/decision`), 404, 'not_found');
      expectError(await c['social1'].get(`/api/v1/disputes/${s.id}/decision`), 403, 'forbidden');

      // The other party downloads the applicant's 公函 as filed.
      const letter = await c['ningjin.agency2'].get(`/api/v1/disputes/${s.id}/letter`);
      assert.equal(letter.status, 200, letter.text);
      assert.equal(letter.headers.get('content-type'), 'application/pdf');
      assert.ok(letter.body.equals(PDF));
      assert.match(letter.headers.get('content-disposition'), /filename\*=UTF-8''/);
      expectError(await c['xindu.agency'].get(`/api/v1/disputes/${s.id}/letter`), 404, 'not_found');
      assert.equal(decided.concluded_on, TODAY);
    });

    // ---- the register: domain, overdue, statistics, Excel ---------------------

    it('the register filters by domain and overdue, counts what it lists and exports it to Excel', async () => {
      const scjg = c['agency.scjg'];
      const letter = await upload(scjg);
      const body = application(letter, [[org['agency.scjg'], '本机关观点'], [org['xindu.agency'], '对方观点']], { domain: 'market', focus: `登记簿测试-${kind}` });
      const d = await draft(scjg, body);
      assert.equal(d.domain, 'market');
      assert.equal(d.domain_name, '市场监管');
      assert.equal(d.concluded_on, null);
      const s = await act(scjg, d.id, 'submit', { version: d.version });
      const city = c['city.sup1'];
      const ids = async (client, q) => {
        const r = await client.get(`/api/v1/disputes?size=100&${q}`);
        assert.equal(r.status, 200, r.text);
        return r.json.items.map((x) => x.id);
      };
      assert.ok((await ids(city, 'domain=market')).includes(s.id));
      assert.ok(!(await ids(city, 'domain=agriculture')).includes(s.id));
      assert.ok(!(await ids(city, 'domain=none')).includes(s.id));
      // Nothing is overdue on its filing day; the overdue filter lists only overdue ones.
      const listed = (await city.get('/api/v1/disputes?size=100')).json.items;
      assert.equal(listed.find((x) => x.id === s.id).overdue, false);
      for (const x of (await city.get('/api/v1/disputes?overdue=true&size=100')).json.items) assert.equal(x.overdue, true);

      // Bad filters and a bad domain are refused with the field; nothing is written.
      for (const q of ['domain=weather', 'overdue=maybe', 'status=lost', 'level=province', 'region=13a'])
        for (const path of ['/api/v1/disputes', '/api/v1/disputes/statistics', '/api/v1/disputes/export'])
          expectError(await city.get(`${path}?${q}`), 400, 'validation.wrong_type', { field: q.split('=')[0] });
      const total = (await scjg.get('/api/v1/disputes')).json.total;
      expectError(await scjg.post('/api/v1/disputes', { ...body, domain: 'weather' }), 400, 'dispute.unknown_domain', { field: 'domain' });
      expectError(await scjg.post('/api/v1/disputes', { ...body, domain: 7 }), 400, 'validation.wrong_type', { field: 'domain' });
      expectError(await scjg.post('/api/v1/disputes', { ...body, domain: 'x'.repeat(33) }), 400, 'validation.too_long', { field: 'domain' });
      assert.equal((await scjg.get('/api/v1/disputes')).json.total, total);

      // The statistics count exactly what the register lists, for each caller's scope.
      for (const u of ['city.sup1', 'ningjin.sup1', 'xindu.sup1', 'agency.scjg']) {
        const st = await c[u].get('/api/v1/disputes/statistics');
        assert.equal(st.status, 200, st.text);
        assert.equal(st.json.as_of, TODAY);
        assert.equal(st.json.total, (await c[u].get('/api/v1/disputes')).json.total, u);
        assert.equal(st.json.by_status.reduce((a, x) => a + x.count, 0), st.json.total);
        assert.equal(st.json.drafts + st.json.open + st.json.concluded, st.json.total);
        for (const x of st.json.by_status)
          assert.equal(x.count, (await c[u].get(`/api/v1/disputes?status=${x.status}`)).json.total, `${u} ${x.status}`);
        for (const x of st.json.by_domain)
          assert.equal(x.count, (await c[u].get(`/api/v1/disputes?domain=${x.domain || 'none'}`)).json.total, `${u} ${x.domain}`);
      }
      const cityStats = (await city.get('/api/v1/disputes/statistics')).json;
      // Story 1 closed the same day it was filed: counted, 0 working days.
      assert.ok(cityStats.handling.closed_counted >= 1);
      assert.equal(typeof cityStats.handling.avg_working_days, 'number');
      assert.ok(cityStats.handling.definition.includes('工作日'));
      const market = (await city.get('/api/v1/disputes/statistics?domain=market')).json;
      assert.equal(market.by_domain.length, 1);
      assert.equal(market.by_domain[0].label, '市场监管');
      expectError(await c['social1'].get('/api/v1/disputes/statistics'), 403, 'forbidden');
      expectError(await server.anon().get('/api/v1/disputes/statistics'), 401, 'unauthenticated');

      // The Excel export: the same rows, with the parties, and the statistics sheet.
      const x = await city.get('/api/v1/disputes/export?domain=market');
      assert.equal(x.status, 200, x.text);
      assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(x.headers.get('content-disposition'), /filename\*=UTF-8''%E8%A1%8C%E6%94%BF/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.body);
      const reg = wb.getWorksheet('登记簿');
      assert.ok(reg, 'sheet 登记簿');
      assert.equal(reg.getCell('A1').value, '行政执法职责争议登记簿');
      assert.deepEqual(reg.getRow(2).values.slice(1, 4), ['序号', '申请日期', '申请机关']);
      const rows = [];
      reg.eachRow((row, n) => {
        if (n > 2 && typeof row.getCell(1).value === 'number') rows.push(row);
      });
      assert.equal(rows.length, market.total);
      const mine = rows.find((r) => r.getCell(5).value === `登记簿测试-${kind}`);
      assert.ok(mine, 'the new dispute is a row');
      assert.equal(mine.getCell(2).value, TODAY);
      assert.equal(mine.getCell(3).value, '邢台市市场监督管理局');
      assert.ok(String(mine.getCell(4).value).includes('信都区'));
      assert.equal(mine.getCell(6).value, '市场监管');
      assert.equal(mine.getCell(7).value, '市级');
      assert.equal(mine.getCell(9).value, '受理审核');
      assert.equal(mine.getCell(13).value, '否');
      const notes = [];
      reg.eachRow((row) => notes.push(String(row.getCell(1).value ?? '')));
      assert.ok(notes.includes('筛选条件：执法领域：市场监管'), notes.join('|'));
      assert.ok(notes.some((n) => n.startsWith('导出人：')));
      const st = wb.getWorksheet('统计');
      assert.ok(st, 'sheet 统计');
      let registered = null;
      st.eachRow((row) => {
        if (row.getCell(2).value === '登记总数') registered = row.getCell(3).value;
      });
      assert.equal(registered, market.total);
      // Another county's supervisor exports only its own scope; no permission, no export.
      const xindu = await c['xindu.sup1'].get('/api/v1/disputes/export');
      assert.equal(xindu.status, 200, xindu.text);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(xindu.body);
      let xinduRows = 0;
      wb2.getWorksheet('登记簿').eachRow((row, n) => {
        if (n > 2 && typeof row.getCell(1).value === 'number') xinduRows++;
      });
      assert.equal(xinduRows, (await c['xindu.sup1'].get('/api/v1/disputes')).json.total);
      expectError(await c['social1'].get('/api/v1/disputes/export'), 403, 'forbidden');
    });

    // ---- routing cases, the letter, completeness, refusal ----------------------

    it('asks for a confirmation before a dispute with a vertical-management party stands (Art 27)', async () => {
      const scjg = c['agency.scjg'];
      const tax = await orgNamed('国家税务总局邢台市税务局');
      const letter = await upload(scjg);
      const d = await draft(scjg, application(letter, [[org['agency.scjg'], '本局观点'], [tax, '税务局观点']]));
      const preview = (await scjg.get(`/api/v1/disputes/${d.id}/routing`)).json;
      assert.equal(preview.vertical_flag, true);
      assert.deepEqual(preview.vertical_parties, ['国家税务总局邢台市税务局']);
      const before = await get(scjg, d.id);
      const e = expectError(await scjg.post(`/api/v1/disputes/${d.id}/submit`, { version: 1 }), 400, 'dispute.vertical_unconfirmed', {
        field: 'confirm_vertical',
      });
      assert.ok(e.basis.includes('第二十七条'), e.basis);
      assert.deepEqual(await get(scjg, d.id), before);
      assert.equal((await scjg.get(`/api/v1/attachments/${letter}`)).json.owner_kind, null);
      const s = await act(scjg, d.id, 'submit', { version: 1, confirm_vertical: true });
      assert.equal(s.status, 'under_review');
      assert.equal(s.routing.vertical_flag, true);
      assert.ok(s.routing.vertical_note.includes('第二十七条'), s.routing.vertical_note);
      assert.equal(s.routing.confirmed_by, user['agency.scjg']);
      assert.match(s.routing.confirmed_at, /^\d{4}-\d{2}-\d{2}T/);
    });

    it('refuses to route a party that is no enforcement agency, with the field, and writes nothing', async () => {
      const scjg = c['agency.scjg'];
      const court = await orgNamed('邢台市中级人民法院');
      const d = await draft(scjg, application(await upload(scjg), [[org['agency.scjg'], '本局观点'], [court, '法院观点']]));
      expectError(await scjg.get(`/api/v1/disputes/${d.id}/routing`), 400, 'dispute.party_not_agency', { field: 'parties[1].kind' });
      const before = await get(scjg, d.id);
      expectError(await scjg.post(`/api/v1/disputes/${d.id}/submit`, { version: 1 }), 400, 'dispute.party_not_agency', {
        field: 'parties[1].kind',
      });
      assert.deepEqual(await get(scjg, d.id), before);
      assert.deepEqual((await timeline(scjg, d.id)).map((x) => x.kind), ['drafted']);
    });

    it('takes only the applicant\'s own, unused upload as the 公函', async () => {
      const scjg = c['agency.scjg'];
      // Another agency's upload: as if it did not exist.
      const foreign = await upload(c['xindu.agency'], '信都区公函.pdf');
      const d1 = await draft(scjg, application(foreign, [[org['agency.scjg'], '观点'], [org['xindu.agency'], '观点']]));
      const before1 = await get(scjg, d1.id);
      const e = expectError(await scjg.post(`/api/v1/disputes/${d1.id}/submit`, { version: 1 }), 400, 'dispute.letter_not_found', {
        field: 'letter_attachment_id',
      });
      assert.ok(e.basis.includes('第八条'), e.basis);
      assert.deepEqual(await get(scjg, d1.id), before1);
      assert.equal((await c['xindu.agency'].get(`/api/v1/attachments/${foreign}`)).json.owner_kind, null);
      // A letter already bound to another dispute.
      const first = await filed('agency.scjg', org['xindu.agency']);
      const d2 = await draft(scjg, application(first.letter_attachment_id, [[org['agency.scjg'], '观点'], [org['xindu.agency'], '观点']]));
      const before2 = await get(scjg, d2.id);
      expectError(await scjg.post(`/api/v1/disputes/${d2.id}/submit`, { version: 1 }), 409, 'file.already_bound', {
        field: 'letter_attachment_id',
      });
      assert.deepEqual(await get(scjg, d2.id), before2);
      // An id that names no attachment at all.
      const d3 = await draft(scjg, application('999999999', [[org['agency.scjg'], '观点'], [org['xindu.agency'], '观点']]));
      expectError(await scjg.post(`/api/v1/disputes/${d3.id}/submit`, { version: 1 }), 400, 'dispute.letter_not_found');
      assert.equal((await get(scjg, d3.id)).status, 'draft');
    });

    it('names every missing Art 8 item, in check and in the refused submission', async () => {
      const scjg = c['agency.scjg'];
      const d = await draft(scjg, {
        parties: [{ org_id: org['agency.scjg'] }, { org_id: org['xindu.agency'], position: '对方观点' }],
      });
      const problems = (await scjg.get(`/api/v1/disputes/${d.id}/check`)).json.problems;
      const fields = problems.map((p) => p.field);
      for (const f of ['letter_attachment_id', 'focus', 'parties[0].position', 'parties[0].legal_basis', 'negotiation.date'])
        assert.ok(fields.includes(f), `${f} in ${fields}`);
      for (const p of problems) {
        assert.match(p.code, /^dispute\./);
        assert.ok(p.basis.length > 0, p.field);
        assert.match(p.message, /[\u4e00-\u9fff]/);
      }
      assert.ok(problems.find((p) => p.field === 'letter_attachment_id').message.includes('第八条第一项'));
      const before = await get(scjg, d.id);
      const e = expectError(await scjg.post(`/api/v1/disputes/${d.id}/submit`, { version: 1 }), 400, 'dispute.incomplete', {
        field: 'letter_attachment_id',
      });
      assert.ok(e.message.includes('公函') && e.message.includes('争议焦点'), e.message);
      assert.deepEqual(await get(scjg, d.id), before);
    });

    it('refuses an application with a ground and a reason; the position deadlines end', async () => {
      const city = c['city.sup1'];
      const s = await filed('agency.scjg', org['xindu.agency']);
      const before = await get(city, s.id);
      expectError(
        await city.post(`/api/v1/disputes/${s.id}/refuse`, { version: s.version, code: 'too_late', reason: '逾期' }),
        400,
        'dispute.refusal_code_invalid',
        { field: 'code' },
      );
      assert.deepEqual(await get(city, s.id), before);
      const r = await act(city, s.id, 'refuse', { version: s.version, code: 'not_negotiated', reason: '未提供协商不成的证明材料' });
      assert.equal(r.status, 'refused');
      assert.equal(r.refusal_code, 'not_negotiated');
      assert.equal(r.refusal_reason, '未提供协商不成的证明材料');
      assert.deepEqual(r.deadlines, []);
      assert.deepEqual(r.actions, []);
      assert.deepEqual((await get(c['agency.scjg'], s.id)).actions, []);
      const last = (await timeline(city, s.id)).at(-1);
      assert.equal(last.kind, 'refused');
      assert.equal(last.payload.code, 'not_negotiated');
    });

    // ---- the refusal table -----------------------------------------------------

    it('refuses every route without a session, a permission, the region, the version, the state or valid fields, changing nothing', async () => {
      const scjg = c['agency.scjg'];
      const cityD = await filed('agency.scjg', org['xindu.agency']); // under_review, 市本级
      const njD = await filed('ningjin.agency', org['ningjin.agency2']); // under_review, 宁晋县
      const accD = await filed('agency.scjg', org['xindu.agency']);
      await act(c['city.sup1'], accD.id, 'accept', { version: accD.version }); // coordinating
      const draftBody = application(await upload(scjg), [[org['agency.scjg'], '本局观点'], [org['xindu.agency'], '对方观点']]);
      const draftD = await draft(scjg, draftBody);

      const owners = { [cityD.id]: scjg, [njD.id]: c['ningjin.agency'], [accD.id]: scjg, [draftD.id]: scjg };
      const state = async (id) => ({
        dispute: await get(owners[id], id),
        events: (await timeline(owners[id], id)).length,
      });
      const drafts = async () => (await scjg.get('/api/v1/disputes?size=100')).json.total;

      const v = (d) => d.version;
      const long = (n) => '争'.repeat(n);
      const appBody = (extra) => ({ ...draftBody, ...extra });
      const ROUTES = {
        create: ['POST', () => '/api/v1/disputes'],
        list: ['GET', () => '/api/v1/disputes'],
        get: ['GET', (id) => `/api/v1/disputes/${id}`],
        update: ['PUT', (id) => `/api/v1/disputes/${id}`],
        check: ['GET', (id) => `/api/v1/disputes/${id}/check`],
        routing: ['GET', (id) => `/api/v1/disputes/${id}/routing`],
        submit: ['POST', (id) => `/api/v1/disputes/${id}/submit`],
        ask: ['POST', (id) => `/api/v1/disputes/${id}/supplement-request`],
        supplement: ['POST', (id) => `/api/v1/disputes/${id}/supplement`],
        accept: ['POST', (id) => `/api/v1/disputes/${id}/accept`],
        refuse: ['POST', (id) => `/api/v1/disputes/${id}/refuse`],
        timeline: ['GET', (id) => `/api/v1/disputes/${id}/timeline`],
      };
      const VALID = {
        create: () => draftBody,
        update: (d) => appBody({ version: v(d) }),
        submit: (d) => ({ version: v(d) }),
        ask: (d) => ({ version: v(d), reason: '请补充材料' }),
        supplement: (d) => appBody({ version: v(d), note: '补正' }),
        accept: (d) => ({ version: v(d) }),
        refuse: (d) => ({ version: v(d), code: 'other', reason: '理由' }),
      };
      // [who, route, dispute, body (or null for VALID), status, code, field?]
      const cases = [];
      const anon = server.anon();
      for (const r of Object.keys(ROUTES)) cases.push([anon, r, cityD, null, 401, 'unauthenticated']);
      // No permission: social1 holds none; gov.leader reads and decides but neither files nor handles.
      for (const r of Object.keys(ROUTES)) cases.push([c['social1'], r, cityD, null, 403, 'forbidden']);
      for (const r of ['create', 'update', 'submit', 'supplement', 'ask', 'accept', 'refuse'])
        cases.push([c['gov.leader'], r, cityD, null, 403, 'forbidden']);
      for (const r of ['update', 'submit', 'supplement']) cases.push([c['scjg.head'], r, cityD, null, 403, 'forbidden']);
      // The table's role: the department's leader neither accepts nor asks nor refuses.
      for (const r of ['ask', 'accept', 'refuse'])
        cases.push([c['city.leader'], r, cityD, null, 403, 'workflow.role_not_allowed']);
      // The other party cannot submit it again; the city is not 宁晋县's department (the guard).
      cases.push([c['xindu.agency'], 'submit', cityD, null, 409, 'workflow.wrong_state']);
      for (const r of ['ask', 'accept', 'refuse']) cases.push([c['city.sup1'], r, njD, null, 403, 'forbidden']);
      // Another region's dispute: 404 for whoever holds the permission.
      for (const r of ['get', 'check', 'routing', 'timeline', 'ask', 'accept', 'refuse'])
        cases.push([c['xindu.sup1'], r, njD, null, 404, 'not_found']);
      for (const r of ['get', 'update', 'submit', 'supplement', 'timeline'])
        cases.push([c['xindu.agency'], r, njD, null, 404, 'not_found']);
      for (const r of ['get', 'check', 'routing', 'timeline', 'update', 'submit', 'supplement'])
        cases.push([c['ningjin.agency'], r, cityD, null, 404, 'not_found']);
      // Another agency's draft, even for the whole city.
      for (const r of ['get', 'check', 'routing', 'timeline']) cases.push([c['city.sup1'], r, draftD, null, 404, 'not_found']);
      for (const r of ['update', 'submit']) cases.push([c['xindu.agency'], r, draftD, null, 404, 'not_found']);
      // Stale versions.
      const stale = (d) => v(d) - 1;
      cases.push([scjg, 'update', draftD, appBody({ version: 7 }), 409, 'version_conflict']);
      cases.push([scjg, 'submit', draftD, { version: 0 }, 409, 'version_conflict']);
      cases.push([c['city.sup1'], 'ask', cityD, { version: stale(cityD), reason: '补正' }, 409, 'version_conflict']);
      cases.push([c['city.sup1'], 'accept', cityD, { version: stale(cityD) }, 409, 'version_conflict']);
      cases.push([c['city.sup1'], 'refuse', cityD, { version: stale(cityD), code: 'other', reason: '理由' }, 409, 'version_conflict']);
      cases.push([scjg, 'supplement', cityD, appBody({ version: stale(cityD) }), 409, 'version_conflict']);
      // Wrong states: accept twice, submit after accepting, edit a submitted one, supplement unasked.
      const accNow = await get(scjg, accD.id);
      cases.push([c['city.sup1'], 'accept', accD, { version: v(accNow) }, 409, 'workflow.wrong_state']);
      cases.push([c['city.sup1'], 'refuse', accD, { version: v(accNow), code: 'other', reason: '理由' }, 409, 'workflow.wrong_state']);
      cases.push([c['city.sup1'], 'ask', accD, { version: v(accNow), reason: '补正' }, 409, 'workflow.wrong_state']);
      cases.push([scjg, 'submit', accD, { version: v(accNow) }, 409, 'workflow.wrong_state']);
      cases.push([scjg, 'update', cityD, appBody({ version: v(cityD) }), 409, 'workflow.wrong_state']);
      cases.push([scjg, 'submit', cityD, { version: v(cityD) }, 409, 'workflow.wrong_state']);
      cases.push([scjg, 'supplement', cityD, appBody({ version: v(cityD) }), 409, 'workflow.wrong_state']);
      // Fields: missing, too long, wrong type, unknown organisation.
      const party = (extra) => [{ org_id: org['agency.scjg'], ...extra }, { org_id: org['xindu.agency'] }];
      const bad = [
        ['create', {}, 'validation.required', 'parties'],
        ['create', appBody({ parties: 'x' }), 'validation.wrong_type', 'parties'],
        ['create', appBody({ parties: [] }), 'validation.required', 'parties'],
        ['create', appBody({ parties: [{}, { org_id: org['xindu.agency'] }] }), 'validation.required', 'parties[0].org_id'],
        ['create', appBody({ parties: party({ org_id: 'abc' }) }), 'validation.wrong_type', 'parties[0].org_id'],
        ['create', appBody({ parties: [{ org_id: org['agency.scjg'] }, { org_id: '999999999' }] }), 'dispute.unknown_party', 'parties[1].org_id'],
        ['create', appBody({ parties: [{ org_id: org['xindu.agency'] }, { org_id: org['ningjin.agency'] }] }), 'dispute.applicant_not_party', 'parties'],
        ['create', appBody({ parties: [{ org_id: org['agency.scjg'] }, { org_id: org['agency.scjg'] }] }), 'dispute.same_party', 'parties[1].org_id'],
        ['create', appBody({ parties: party({ position: 3 }) }), 'validation.wrong_type', 'parties[0].position'],
        ['create', appBody({ parties: party({ position: long(4001) }) }), 'validation.too_long', 'parties[0].position'],
        ['create', appBody({ parties: party({ legal_basis: {} }) }), 'validation.wrong_type', 'parties[0].legal_basis'],
        ['create', appBody({ parties: party({ legal_basis: [{ law: long(201), article: '第一条' }] }) }), 'validation.too_long', 'parties[0].legal_basis[0].law'],
        ['create', appBody({ parties: party({ legal_basis: [{ law: '《法》', article: long(51) }] }) }), 'validation.too_long', 'parties[0].legal_basis[0].article'],
        ['create', appBody({ focus: long(4001) }), 'validation.too_long', 'focus'],
        ['create', appBody({ focus: ['x'] }), 'validation.wrong_type', 'focus'],
        ['create', appBody({ other_info: long(4001) }), 'validation.too_long', 'other_info'],
        ['create', appBody({ letter_attachment_id: true }), 'validation.wrong_type', 'letter_attachment_id'],
        ['create', appBody({ negotiation: 'x' }), 'validation.wrong_type', 'negotiation'],
        ['create', appBody({ negotiation: { date: '2026-02-30' } }), 'validation.wrong_type', 'negotiation.date'],
        ['create', appBody({ negotiation: { participants: long(1001) } }), 'validation.too_long', 'negotiation.participants'],
        ['create', appBody({ negotiation: { outcome: long(4001) } }), 'validation.too_long', 'negotiation.outcome'],
        ['update', appBody({}), 'validation.required', 'version', draftD],
        ['update', appBody({ version: '1' }), 'validation.wrong_type', 'version', draftD],
        ['update', appBody({ version: 1, focus: long(4001) }), 'validation.too_long', 'focus', draftD],
        ['update', appBody({ version: 1, parties: [{ org_id: org['agency.scjg'] }, { org_id: '999999999' }] }), 'dispute.unknown_party', 'parties[1].org_id', draftD],
        ['submit', {}, 'validation.required', 'version', draftD],
        ['submit', { version: 1, confirm_vertical: 'yes' }, 'validation.wrong_type', 'confirm_vertical', draftD],
        ['ask', { version: v(cityD) }, 'validation.required', 'reason', cityD],
        ['ask', { version: v(cityD), reason: '   ' }, 'validation.required', 'reason', cityD],
        ['ask', { version: v(cityD), reason: long(2001) }, 'validation.too_long', 'reason', cityD],
        ['ask', { reason: '补正' }, 'validation.required', 'version', cityD],
        ['supplement', appBody({ version: v(cityD), note: long(2001) }), 'validation.too_long', 'note', cityD],
        ['supplement', { version: v(cityD) }, 'validation.required', 'parties', cityD],
        ['accept', {}, 'validation.required', 'version', cityD],
        ['accept', { version: 'v' }, 'validation.wrong_type', 'version', cityD],
        ['refuse', { version: v(cityD), reason: '理由' }, 'validation.required', 'code', cityD],
        ['refuse', { version: v(cityD), code: 'other' }, 'validation.required', 'reason', cityD],
        ['refuse', { version: v(cityD), code: 'other', reason: long(2001) }, 'validation.too_long', 'reason', cityD],
      ];
      const handler = { ask: c['city.sup1'], accept: c['city.sup1'], refuse: c['city.sup1'] };
      for (const [route, body, code, field, d = cityD] of bad)
        cases.push([handler[route] ?? scjg, route, d, body, 400, code, field]);

      const failures = [];
      for (const [who, route, d, body, status, code, field] of cases) {
        const [method, path] = ROUTES[route];
        const url = path(d.id);
        const payload = method === 'GET' ? undefined : body ?? (VALID[route] ? VALID[route](d) : {});
        const beforeD = await state(d.id);
        const beforeDrafts = await drafts();
        const res = await who.request(method, url, payload === undefined ? {} : { body: payload });
        const label = `${who.user?.username ?? 'anonymous'} ${method} ${url} ${JSON.stringify(payload ?? '').slice(0, 80)}`;
        try {
          expectError(res, status, code, field === undefined ? {} : { field });
        } catch (e) {
          failures.push(`${label}: ${e.message}`);
          continue;
        }
        assert.deepEqual(await state(d.id), beforeD, `${label}: the dispute changed`);
        assert.equal(await drafts(), beforeDrafts, `${label}: a dispute was written`);
      }
      assert.deepEqual(failures, []);
      assert.ok(cases.length > 100, `cases: ${cases.length}`);
      // A body that is no JSON object.
      const raw = await scjg.request('POST', `/api/v1/disputes/${draftD.id}/submit`, {
        raw: 'not json',
        headers: { 'content-type': 'application/json' },
      });
      expectError(raw, 400, 'http.bad_json');
      // Filters of the register.
      expectError(await c['city.sup1'].get('/api/v1/disputes?status=nonsense'), 400, 'validation.wrong_type', { field: 'status' });
      expectError(await c['city.sup1'].get('/api/v1/disputes?level=province'), 400, 'validation.wrong_type', { field: 'level' });
      expectError(await c['city.sup1'].get('/api/v1/disputes?region=13x'), 400, 'validation.wrong_type', { field: 'region' });
    });

    it('refuses every coordination and outcome route without a session, a permission, the region, the version, the state or valid fields, changing nothing', async () => {
      const scjg = c['agency.scjg'];
      const city = c['city.sup1'];
      const leader = c['city.leader'];
      const reviewD = await filed('agency.scjg', org['xindu.agency']); // under_review, 市本级
      const asked = await filed('agency.scjg', org['xindu.agency']);
      const supD = await act(city, asked.id, 'supplement-request', { version: asked.version, reason: '请补充材料' }); // awaiting_supplement, not overdue
      const coord = await filed('agency.scjg', org['xindu.agency']);
      const coordD = await act(city, coord.id, 'accept', { version: coord.version }); // coordinating
      const pend = await filed('agency.scjg', org['xindu.agency']);
      const pend1 = await act(city, pend.id, 'accept', { version: pend.version });
      const pendD = await act(city, pend.id, 'opinion', { version: pend1.version, body: ['意见'] }); // opinion_pending
      const nj = await filed('ningjin.agency', org['ningjin.agency2']);
      const njD = await act(c['ningjin.sup1'], nj.id, 'accept', { version: nj.version }); // coordinating, 宁晋县
      const aw = await filed('ningjin.agency', org['ningjin.agency2']);
      const aw1 = await act(c['ningjin.sup1'], aw.id, 'accept', { version: aw.version });
      const awaitD = await act(c['ningjin.leader'], aw.id, 'report', { version: aw1.version, body: ['协调不成'] }); // awaiting_government_decision

      const owner = (id) => ([nj.id, aw.id].includes(id) ? c['ningjin.agency'] : scjg);
      const state = async (id) => ({
        dispute: await get(owner(id), id),
        events: (await timeline(owner(id), id)).length,
        records: (await owner(id).get(`/api/v1/disputes/${id}/records`)).json.items.length,
        documents: (await owner(id).get(`/api/v1/disputes/${id}/documents`)).json.items,
      });

      const v = (d) => d.version;
      const stale = (d) => d.version - 1;
      const long = (n) => '争'.repeat(n);
      const P = (tail) => ['POST', (id) => `/api/v1/disputes/${id}/${tail}`];
      const ROUTES = {
        withdraw: P('withdraw'),
        lapsed: P('supplement-lapsed'),
        position: P('position'),
        meeting: P('meetings'),
        consultation: P('consultations'),
        expert: P('expert-opinions'),
        statement: P('statements'),
        records: ['GET', (id) => `/api/v1/disputes/${id}/records`],
        documents: ['GET', (id) => `/api/v1/disputes/${id}/documents`],
        opinion: P('opinion'),
        approve: P('opinion/approve'),
        ret: P('opinion/return'),
        close: P('close'),
        report: P('report'),
        decision: P('decision'),
      };
      const HELD = '2026-11-20T02:30:00.000Z';
      const VALID = {
        withdraw: (d) => ({ version: v(d), reason: '双方已协商一致' }),
        lapsed: (d) => ({ version: v(d) }),
        position: (d) => ({ version: v(d), position: '本局观点', legal_basis: [{ law: '《食品安全法》', article: '第六条' }] }),
        meeting: (d) => ({ version: v(d), held_at: HELD, place: '会议室', attendees: '双方', minutes: '纪要' }),
        consultation: (d) => ({ version: v(d), consulted: '市农业农村局', question: '征求事项', answer: '回复' }),
        expert: (d) => ({ version: v(d), expert: '张教授', opinion: '专家意见' }),
        statement: (d) => ({ version: v(d), party_org_id: org['xindu.agency'], statement: '陈述' }),
        opinion: (d) => ({ version: v(d), body: ['意见'] }),
        approve: (d) => ({ version: v(d) }),
        ret: (d) => ({ version: v(d), reason: '请修改' }),
        close: (d) => ({ version: v(d) }),
        report: (d) => ({ version: v(d), body: ['协调不成'] }),
        decision: (d) => ({ version: v(d), decision: ['决定'], responsible_org_id: org['ningjin.agency2'] }),
      };
      const with_ = (route, d, extra) => ({ ...VALID[route](d), ...extra });
      const without = (route, d, field) => {
        const b = VALID[route](d);
        delete b[field];
        return b;
      };
      // [who, route, dispute, body (or null for VALID), status, code, field?]
      const cases = [];
      const anon = server.anon();
      for (const r of Object.keys(ROUTES)) cases.push([anon, r, coordD, null, 401, 'unauthenticated']);
      for (const r of Object.keys(ROUTES)) cases.push([c['social1'], r, coordD, null, 403, 'forbidden']);
      // No permission: gov.leader neither files nor handles; the department does not decide.
      for (const r of ['withdraw', 'lapsed', 'position', 'meeting', 'consultation', 'expert', 'statement', 'opinion', 'approve', 'ret', 'close', 'report'])
        cases.push([c['gov.leader'], r, coordD, null, 403, 'forbidden']);
      for (const r of ['withdraw', 'position']) cases.push([c['scjg.head'], r, reviewD, null, 403, 'forbidden']);
      cases.push([city, 'decision', awaitD, null, 403, 'forbidden']);
      cases.push([leader, 'decision', awaitD, null, 403, 'forbidden']);
      // The table's role: the leader does not record or propose; the supervisor does not approve or report.
      for (const r of ['meeting', 'opinion']) cases.push([leader, r, coordD, null, 403, 'workflow.role_not_allowed']);
      for (const r of ['approve', 'ret']) cases.push([city, r, pendD, null, 403, 'workflow.role_not_allowed']);
      cases.push([city, 'report', coordD, null, 403, 'workflow.role_not_allowed']);
      // Another region's dispute: 404 for whoever holds the permission.
      for (const r of ['records', 'documents', 'lapsed', 'meeting', 'consultation', 'expert', 'statement', 'opinion', 'approve', 'ret', 'close', 'report'])
        cases.push([c['xindu.sup1'], r, njD, null, 404, 'not_found']);
      for (const r of ['withdraw', 'position', 'records']) cases.push([c['xindu.agency'], r, njD, null, 404, 'not_found']);
      cases.push([c['ningjin.gov'], 'decision', coordD, null, 404, 'not_found']);
      cases.push([c['ningjin.gov'], 'records', coordD, null, 404, 'not_found']);
      // Stale versions, each in a state where the route would pass.
      cases.push([scjg, 'withdraw', reviewD, with_('withdraw', reviewD, { version: stale(reviewD) }), 409, 'version_conflict']);
      cases.push([c['xindu.agency'], 'position', reviewD, with_('position', reviewD, { version: stale(reviewD) }), 409, 'version_conflict']);
      for (const r of ['meeting', 'consultation', 'expert', 'statement', 'opinion'])
        cases.push([city, r, coordD, with_(r, coordD, { version: stale(coordD) }), 409, 'version_conflict']);
      cases.push([leader, 'report', coordD, with_('report', coordD, { version: stale(coordD) }), 409, 'version_conflict']);
      for (const r of ['approve', 'ret']) cases.push([leader, r, pendD, with_(r, pendD, { version: stale(pendD) }), 409, 'version_conflict']);
      cases.push([c['ningjin.gov'], 'decision', awaitD, with_('decision', awaitD, { version: stale(awaitD) }), 409, 'version_conflict']);
      // Wrong states.
      cases.push([scjg, 'withdraw', coordD, null, 409, 'workflow.wrong_state']);
      cases.push([city, 'lapsed', reviewD, null, 409, 'workflow.wrong_state']);
      cases.push([city, 'lapsed', supD, null, 409, 'dispute.supplement_not_overdue']);
      cases.push([c['xindu.agency'], 'position', pendD, null, 409, 'workflow.wrong_state']);
      for (const r of ['meeting', 'consultation', 'expert', 'statement', 'opinion', 'close'])
        cases.push([city, r, reviewD, null, 409, 'workflow.wrong_state']);
      cases.push([city, 'close', coordD, null, 409, 'workflow.wrong_state']);
      for (const r of ['approve', 'ret']) cases.push([leader, r, coordD, null, 409, 'workflow.wrong_state']);
      cases.push([leader, 'report', pendD, null, 409, 'workflow.wrong_state']);
      cases.push([c['gov.leader'], 'decision', coordD, null, 409, 'workflow.wrong_state']);
      cases.push([c['ningjin.gov'], 'decision', njD, null, 409, 'workflow.wrong_state']);
      // Fields: missing, too long, wrong type (and the version of each).
      const bad = [
        ['withdraw', reviewD, without('withdraw', reviewD, 'reason'), 'validation.required', 'reason'],
        ['withdraw', reviewD, with_('withdraw', reviewD, { reason: long(2001) }), 'validation.too_long', 'reason'],
        ['withdraw', reviewD, with_('withdraw', reviewD, { reason: 7 }), 'validation.wrong_type', 'reason'],
        ['withdraw', reviewD, without('withdraw', reviewD, 'version'), 'validation.required', 'version'],
        ['lapsed', supD, {}, 'validation.required', 'version'],
        ['lapsed', supD, { version: 'x' }, 'validation.wrong_type', 'version'],
        ['position', reviewD, without('position', reviewD, 'position'), 'validation.required', 'position'],
        ['position', reviewD, with_('position', reviewD, { position: long(4001) }), 'validation.too_long', 'position'],
        ['position', reviewD, with_('position', reviewD, { position: ['x'] }), 'validation.wrong_type', 'position'],
        ['position', reviewD, with_('position', reviewD, { legal_basis: 'x' }), 'validation.wrong_type', 'legal_basis'],
        ['position', reviewD, without('position', reviewD, 'legal_basis'), 'validation.required', 'legal_basis'],
        ['position', reviewD, with_('position', reviewD, { legal_basis: [{ law: long(201), article: '第一条' }] }), 'validation.too_long', 'legal_basis[0].law'],
        ['position', reviewD, with_('position', reviewD, { version: '3' }), 'validation.wrong_type', 'version'],
        ['meeting', coordD, without('meeting', coordD, 'held_at'), 'validation.required', 'held_at'],
        ['meeting', coordD, with_('meeting', coordD, { held_at: '2026-11-20' }), 'validation.wrong_type', 'held_at'],
        ['meeting', coordD, with_('meeting', coordD, { held_at: '2026-11-20T25:00:00Z' }), 'validation.wrong_type', 'held_at'],
        ['meeting', coordD, with_('meeting', coordD, { held_at: 1700000000000 }), 'validation.wrong_type', 'held_at'],
        ['meeting', coordD, without('meeting', coordD, 'place'), 'validation.required', 'place'],
        ['meeting', coordD, with_('meeting', coordD, { place: long(201) }), 'validation.too_long', 'place'],
        ['meeting', coordD, with_('meeting', coordD, { attendees: long(1001) }), 'validation.too_long', 'attendees'],
        ['meeting', coordD, without('meeting', coordD, 'minutes'), 'validation.required', 'minutes'],
        ['meeting', coordD, with_('meeting', coordD, { minutes: long(8001) }), 'validation.too_long', 'minutes'],
        ['meeting', coordD, with_('meeting', coordD, { attachment_id: true }), 'validation.wrong_type', 'attachment_id'],
        ['consultation', coordD, without('consultation', coordD, 'consulted'), 'validation.required', 'consulted'],
        ['consultation', coordD, with_('consultation', coordD, { question: long(4001) }), 'validation.too_long', 'question'],
        ['consultation', coordD, with_('consultation', coordD, { answer: 1 }), 'validation.wrong_type', 'answer'],
        ['expert', coordD, without('expert', coordD, 'opinion'), 'validation.required', 'opinion'],
        ['expert', coordD, with_('expert', coordD, { expert: long(101) }), 'validation.too_long', 'expert'],
        ['expert', coordD, with_('expert', coordD, { expert: {} }), 'validation.wrong_type', 'expert'],
        ['statement', coordD, without('statement', coordD, 'party_org_id'), 'validation.required', 'party_org_id'],
        ['statement', coordD, with_('statement', coordD, { party_org_id: 'abc' }), 'validation.wrong_type', 'party_org_id'],
        ['statement', coordD, with_('statement', coordD, { statement: long(4001) }), 'validation.too_long', 'statement'],
        ['statement', coordD, with_('statement', coordD, { party_org_id: org['ningjin.agency'] }), 'dispute.not_a_party', 'party_org_id'],
        ['opinion', coordD, without('opinion', coordD, 'body'), 'validation.required', 'body'],
        ['opinion', coordD, with_('opinion', coordD, { body: [] }), 'validation.required', 'body'],
        ['opinion', coordD, with_('opinion', coordD, { body: 'x' }), 'validation.wrong_type', 'body'],
        ['opinion', coordD, with_('opinion', coordD, { body: [3] }), 'validation.wrong_type', 'body[0]'],
        ['opinion', coordD, with_('opinion', coordD, { body: [long(4001)] }), 'validation.too_long', 'body[0]'],
        ['approve', pendD, {}, 'validation.required', 'version'],
        ['ret', pendD, without('ret', pendD, 'reason'), 'validation.required', 'reason'],
        ['ret', pendD, with_('ret', pendD, { reason: long(2001) }), 'validation.too_long', 'reason'],
        ['ret', pendD, with_('ret', pendD, { reason: false }), 'validation.wrong_type', 'reason'],
        ['close', coordD, { version: null }, 'validation.required', 'version'],
        ['report', coordD, without('report', coordD, 'body'), 'validation.required', 'body'],
        ['report', coordD, with_('report', coordD, { body: [long(4001)] }), 'validation.too_long', 'body[0]'],
        ['report', coordD, with_('report', coordD, { body: { a: 1 } }), 'validation.wrong_type', 'body'],
        ['decision', awaitD, without('decision', awaitD, 'decision'), 'validation.required', 'decision'],
        ['decision', awaitD, with_('decision', awaitD, { decision: [long(4001)] }), 'validation.too_long', 'decision[0]'],
        ['decision', awaitD, with_('decision', awaitD, { decision: 'x' }), 'validation.wrong_type', 'decision'],
        ['decision', awaitD, without('decision', awaitD, 'responsible_org_id'), 'validation.required', 'responsible_org_id'],
        ['decision', awaitD, with_('decision', awaitD, { responsible_org_id: 'abc' }), 'validation.wrong_type', 'responsible_org_id'],
        ['decision', awaitD, with_('decision', awaitD, { responsible_org_id: org['xindu.agency'] }), 'dispute.responsible_invalid', 'responsible_org_id'],
      ];
      const actor = {
        withdraw: scjg, lapsed: city, position: c['xindu.agency'], meeting: city, consultation: city, expert: city, statement: city,
        opinion: city, approve: leader, ret: leader, close: city, report: leader, decision: c['ningjin.gov'],
      };
      for (const [route, d, body, code, field] of bad) cases.push([actor[route], route, d, body, 400, code, field]);

      const failures = [];
      const snapshots = new Map();
      for (const [who, route, d, body, status, code, field] of cases) {
        const [method, path] = ROUTES[route];
        const url = path(d.id);
        const payload = method === 'GET' ? undefined : body ?? VALID[route](d);
        // The state after a refused call is the state before the next one on the same dispute.
        const beforeD = snapshots.get(d.id) ?? (await state(d.id));
        const res = await who.request(method, url, payload === undefined ? {} : { body: payload });
        const label = `${who.user?.username ?? 'anonymous'} ${method} ${url} ${JSON.stringify(payload ?? '').slice(0, 80)}`;
        const afterD = await state(d.id);
        snapshots.set(d.id, afterD);
        try {
          expectError(res, status, code, field === undefined ? {} : { field });
        } catch (e) {
          failures.push(`${label}: ${e.message}`);
          continue;
        }
        assert.deepEqual(afterD, beforeD, `${label}: the dispute changed`);
      }
      assert.deepEqual(failures, []);
      assert.ok(cases.length > 140, `cases: ${cases.length}`);

      // Every refused call above left each dispute as it was: the valid calls now pass.
      assert.equal((await act(scjg, reviewD.id, 'withdraw', VALID.withdraw(reviewD))).status, 'withdrawn');
      assert.equal((await act(city, coordD.id, 'statements', VALID.statement(coordD))).version, coordD.version + 1);
      const stmt = (await city.get(`/api/v1/disputes/${coordD.id}/records`)).json.items;
      assert.deepEqual(stmt.map((x) => [x.kind, x.party_org_id, x.statement]), [['statement', org['xindu.agency'], '陈述']]);
      const returned = await act(leader, pendD.id, 'opinion/return', VALID.ret(pendD));
      assert.equal(returned.status, 'coordinating');
      assert.deepEqual(
        (await city.get(`/api/v1/disputes/${pendD.id}/documents`)).json.items.map((x) => x.purpose),
        ['acceptance_notice', 'opinion_returned'],
      );
    });

    // ---- the citywide procedure (Art 6 ¶2) -------------------------------------

    it('lets only the city department set the procedure\'s time limits; counties follow it', async () => {
      const p0 = await c['ningjin.sup1'].get('/api/v1/dispute-procedure');
      assert.equal(p0.status, 200, p0.text);
      const body = { version: p0.json.version, review_days: 4, supplement_days: 3, position_days: 6, coordination_days: 25, basis_note: '邢司发〔2026〕1号' };
      const e = expectError(await c['ningjin.leader'].put('/api/v1/dispute-procedure', body), 403, 'forbidden');
      assert.ok(e.basis.includes('第六条'), e.basis);
      expectError(await c['city.sup1'].put('/api/v1/dispute-procedure', body), 403, 'forbidden');
      expectError(await c['agency.scjg'].put('/api/v1/dispute-procedure', body), 403, 'forbidden');
      expectError(await server.anon().put('/api/v1/dispute-procedure', body), 401, 'unauthenticated');
      expectError(await c['city.leader'].put('/api/v1/dispute-procedure', { ...body, review_days: 0 }), 400, 'dispute.procedure_invalid', { field: 'review_days' });
      expectError(await c['city.leader'].put('/api/v1/dispute-procedure', { ...body, coordination_days: '30' }), 400, 'validation.wrong_type', { field: 'coordination_days' });
      expectError(await c['city.leader'].put('/api/v1/dispute-procedure', { ...body, position_days: undefined }), 400, 'validation.required', { field: 'position_days' });
      expectError(await c['city.leader'].put('/api/v1/dispute-procedure', { ...body, basis_note: 'x'.repeat(2001) }), 400, 'validation.too_long', { field: 'basis_note' });
      expectError(await c['city.leader'].put('/api/v1/dispute-procedure', { ...body, version: body.version + 5 }), 409, 'version_conflict');
      assert.deepEqual((await c['ningjin.sup1'].get('/api/v1/dispute-procedure')).json, p0.json);
      const set = await c['city.leader'].put('/api/v1/dispute-procedure', body);
      assert.equal(set.status, 200, set.text);
      assert.equal(set.json.review_days, 4);
      assert.equal(set.json.defaults, false);
      assert.equal(set.json.version, p0.json.version + 1);
      // Every department reads the same procedure; a dispute filed now gets the new review period.
      assert.equal((await c['ningjin.sup1'].get('/api/v1/dispute-procedure')).json.review_days, 4);
      const s = await filed('ningjin.agency', org['ningjin.agency2']);
      const review = deadline(s, 'completeness_review');
      assert.ok(review, JSON.stringify(s.deadlines));
      const due = await c['ningjin.sup1'].get(`/api/v1/calendar/due?from=${TODAY}&working_days=4`);
      assert.equal(due.status, 200, due.text);
      assert.equal(review.due_date, due.json.due);
      // Back to the defaults for whatever runs after this test.
      const back = await c['city.leader'].put('/api/v1/dispute-procedure', { ...body, version: set.json.version, review_days: 5, position_days: 7, coordination_days: 30 });
      assert.equal(back.status, 200, back.text);
    });
  });
}
