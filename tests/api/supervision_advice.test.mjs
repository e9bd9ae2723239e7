// 《行政执法监督建议书》 (Art 15) and guidance requests (Art 18) over real HTTP, on both databases:
// - a city supervisor drafts a suggestion to a city agency; only the department's leader issues it
//   (文号, delivered to the agency); the agency's liaison answers it; nobody else sees the draft;
// - a county department asks the city's for guidance; the city's supervisor answers; another
//   county does not see it; the city cannot ask itself;
// - the refusal tables: no session, no permission, another region, stale version, wrong state,
//   missing, overlong and wrong-typed fields — each followed by a read showing nothing changed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DBS, startServer, expectError } from './lib.mjs';

for (const kind of DBS) {
  describe(`supervision suggestions and guidance (${kind})`, () => {
    let server;
    const c = {};
    const me = {};
    const ACCOUNTS = ['city.sup1', 'city.leader', 'agency.scjg', 'scjg.head', 'xindu.sup1', 'xindu.agency', 'ningjin.sup1', 'ningjin.leader', 'social1', 'gov.leader'];

    before(async () => {
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ACCOUNTS) {
        c[u] = await server.session(u);
        const r = await c[u].get('/api/v1/me');
        assert.equal(r.status, 200, r.text);
        me[u] = r.json.user;
      }
    });
    after(async () => {
      await server?.stop();
    });

    const suggestion = (extra = {}) => ({
      target_org_id: me['agency.scjg'].org.id,
      subject: '行政处罚裁量基准的适用',
      body: ['经分析，2026年第三季度部分处罚决定未说明裁量理由。', '建议完善裁量说明并开展专题培训。'],
      ...extra,
    });

    it('a suggestion is drafted, issued by the leader, delivered, and answered by the agency', async () => {
      const d = await c['city.sup1'].post('/api/v1/supervision/suggestions', suggestion());
      assert.equal(d.status, 201, d.text);
      assert.equal(d.json.status, 'drafted');
      assert.equal(d.json.target_org_name, '邢台市市场监督管理局');
      // The draft is the department's: the agency does not see it yet, another county never does.
      expectError(await c['agency.scjg'].get(`/api/v1/supervision/suggestions/${d.json.id}`), 404, 'not_found');
      expectError(await c['xindu.sup1'].get(`/api/v1/supervision/suggestions/${d.json.id}`), 404, 'not_found');
      const doc = await c['city.sup1'].get(`/api/v1/documents/${d.json.document_id}`);
      assert.equal(doc.status, 200, doc.text);
      assert.equal(doc.json.doc_type, 'supervision_suggestion');
      assert.equal(doc.json.status, 'draft');
      assert.ok(doc.json.body.some((p) => p.includes('第十五条')), JSON.stringify(doc.json.body));
      // The leader's to-do: 签发.
      const todos = (await c['city.leader'].get('/api/v1/todos')).json.items;
      assert.ok(todos.some((t) => t.object_kind === 'suggestion' && t.object_id === d.json.id && t.action === 'issue'), JSON.stringify(todos));

      const before = (await c['city.sup1'].get(`/api/v1/supervision/suggestions/${d.json.id}`)).json;
      const e = expectError(await c['city.sup1'].post(`/api/v1/supervision/suggestions/${d.json.id}/issue`, { version: 1 }), 403, 'forbidden');
      assert.ok(e.basis.includes('第十五条'), e.basis);
      expectError(await c['city.leader'].post(`/api/v1/supervision/suggestions/${d.json.id}/issue`, { version: 9 }), 409, 'version_conflict');
      expectError(await c['agency.scjg'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 1, response: '已采纳' }), 404, 'not_found');
      assert.deepEqual((await c['city.sup1'].get(`/api/v1/supervision/suggestions/${d.json.id}`)).json, before);

      const issued = await c['city.leader'].post(`/api/v1/supervision/suggestions/${d.json.id}/issue`, { version: 1 });
      assert.equal(issued.status, 200, issued.text);
      assert.equal(issued.json.status, 'issued');
      const doc2 = (await c['city.sup1'].get(`/api/v1/documents/${d.json.document_id}`)).json;
      assert.equal(doc2.status, 'issued');
      assert.match(doc2.number_text, /〔\d{4}〕\d+号$/);
      expectError(await c['city.leader'].post(`/api/v1/supervision/suggestions/${d.json.id}/issue`, { version: 2 }), 409, 'workflow.wrong_state');
      // Delivered: the agency reads it, signs for it and has the 反馈 to-do.
      assert.equal((await c['agency.scjg'].get(`/api/v1/documents/${d.json.document_id}`)).status, 200);
      const agencyTodos = (await c['agency.scjg'].get('/api/v1/todos')).json.items;
      assert.ok(agencyTodos.some((t) => t.object_kind === 'suggestion' && t.action === 'respond'), JSON.stringify(agencyTodos));
      assert.ok(agencyTodos.some((t) => t.object_kind === 'delivery' && t.action === 'receipt'));

      // Only the agency's liaison answers; its head reads but has no supervision.respond.
      expectError(await c['scjg.head'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 2, response: '已采纳' }), 403, 'forbidden');
      expectError(await c['city.sup1'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 2, response: '已采纳' }), 403, 'forbidden');
      expectError(await c['agency.scjg'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 2, response: '  ' }), 400, 'validation.required', { field: 'response' });
      expectError(await c['agency.scjg'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 2, response: 7 }), 400, 'validation.wrong_type', { field: 'response' });
      expectError(await c['agency.scjg'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 2, response: '字'.repeat(8001) }), 400, 'validation.too_long', { field: 'response' });
      const answered = await c['agency.scjg'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 2, response: '已采纳，完善了裁量说明模板。' });
      assert.equal(answered.status, 200, answered.text);
      assert.equal(answered.json.status, 'responded');
      assert.equal((await c['city.sup1'].get(`/api/v1/supervision/suggestions/${d.json.id}`)).json.response, '已采纳，完善了裁量说明模板。');
      expectError(await c['agency.scjg'].post(`/api/v1/supervision/suggestions/${d.json.id}/response`, { version: 3, response: '再次' }), 409, 'workflow.wrong_state');
      const agencyTodosAfter = (await c['agency.scjg'].get('/api/v1/todos')).json.items;
      assert.ok(!agencyTodosAfter.some((t) => t.object_kind === 'suggestion' && t.object_id === d.json.id && t.action === 'respond'));
      // Lists: the department and the agency see it; another county does not.
      assert.ok((await c['city.leader'].get('/api/v1/supervision/suggestions')).json.items.some((x) => x.id === d.json.id));
      assert.ok((await c['agency.scjg'].get('/api/v1/supervision/suggestions')).json.items.some((x) => x.id === d.json.id));
      assert.ok(!(await c['xindu.sup1'].get('/api/v1/supervision/suggestions')).json.items.some((x) => x.id === d.json.id));
    });

    it('refuses a bad suggestion, changing nothing', async () => {
      const count = async () => (await c['city.sup1'].get('/api/v1/supervision/suggestions')).json.items.length;
      const n = await count();
      expectError(await server.anon().post('/api/v1/supervision/suggestions', suggestion()), 401, 'unauthenticated');
      expectError(await c['social1'].post('/api/v1/supervision/suggestions', suggestion()), 403, 'forbidden');
      expectError(await c['agency.scjg'].post('/api/v1/supervision/suggestions', suggestion()), 403, 'forbidden');
      // 宁晋县's department may not advise a city agency.
      expectError(await c['ningjin.sup1'].post('/api/v1/supervision/suggestions', suggestion()), 403, 'forbidden');
      expectError(await c['city.sup1'].post('/api/v1/supervision/suggestions', suggestion({ subject: undefined })), 400, 'validation.required', { field: 'subject' });
      expectError(await c['city.sup1'].post('/api/v1/supervision/suggestions', suggestion({ subject: '字'.repeat(201) })), 400, 'validation.too_long', { field: 'subject' });
      expectError(await c['city.sup1'].post('/api/v1/supervision/suggestions', suggestion({ body: '一段' })), 400, 'validation.wrong_type', { field: 'body' });
      expectError(await c['city.sup1'].post('/api/v1/supervision/suggestions', suggestion({ body: [' '] })), 400, 'validation.required', { field: 'body' });
      expectError(await c['city.sup1'].post('/api/v1/supervision/suggestions', suggestion({ target_org_id: 'abc' })), 400, 'validation.wrong_type', { field: 'target_org_id' });
      expectError(await c['city.sup1'].post('/api/v1/supervision/suggestions', suggestion({ target_org_id: me['city.sup1'].org.id })), 400, 'suggestion.unknown_target', { field: 'target_org_id' });
      assert.equal(await count(), n);
    });

    it('a county department asks the city department for guidance, which answers it', async () => {
      const a = await c['xindu.sup1'].post('/api/v1/supervision/guidance', { question: '对乡镇综合行政执法队的案卷评查，是否适用本市评查标准？' });
      assert.equal(a.status, 201, a.text);
      assert.equal(a.json.status, 'open');
      assert.equal(a.json.to_org_name, '邢台市司法局');
      expectError(await c['ningjin.sup1'].get(`/api/v1/supervision/guidance/${a.json.id}`), 404, 'not_found');
      const todos = (await c['city.sup1'].get('/api/v1/todos')).json.items;
      assert.ok(todos.some((t) => t.object_kind === 'guidance' && t.object_id === a.json.id && t.action === 'answer'));
      const before = (await c['xindu.sup1'].get(`/api/v1/supervision/guidance/${a.json.id}`)).json;
      const e = expectError(await c['xindu.sup1'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { version: 1, answer: '自答' }), 403, 'forbidden');
      assert.ok(e.basis.includes('第十八条'), e.basis);
      expectError(await c['ningjin.leader'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { version: 1, answer: 'x' }), 404, 'not_found');
      expectError(await c['city.sup1'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { version: 5, answer: '适用' }), 409, 'version_conflict');
      expectError(await c['city.sup1'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { version: 1 }), 400, 'validation.required', { field: 'answer' });
      expectError(await c['city.sup1'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { answer: '适用' }), 400, 'validation.required', { field: 'version' });
      expectError(await c['social1'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { version: 1, answer: '适用' }), 403, 'forbidden');
      assert.deepEqual((await c['xindu.sup1'].get(`/api/v1/supervision/guidance/${a.json.id}`)).json, before);
      const ans = await c['city.sup1'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { version: 1, answer: '适用，乡镇执法队的案卷按本市标准评查。' });
      assert.equal(ans.status, 200, ans.text);
      assert.equal(ans.json.status, 'answered');
      assert.equal((await c['xindu.sup1'].get(`/api/v1/supervision/guidance/${a.json.id}`)).json.answer, '适用，乡镇执法队的案卷按本市标准评查。');
      expectError(await c['city.sup1'].post(`/api/v1/supervision/guidance/${a.json.id}/answer`, { version: 2, answer: '再答' }), 409, 'workflow.wrong_state');
      // The city department has no upper department here; an agency is no department.
      expectError(await c['city.sup1'].post('/api/v1/supervision/guidance', { question: '请示' }), 403, 'forbidden');
      expectError(await c['xindu.agency'].post('/api/v1/supervision/guidance', { question: '请示' }), 403, 'forbidden');
      expectError(await c['xindu.sup1'].post('/api/v1/supervision/guidance', { question: '' }), 400, 'validation.required', { field: 'question' });
      expectError(await c['xindu.sup1'].post('/api/v1/supervision/guidance', { question: '问'.repeat(8001) }), 400, 'validation.too_long', { field: 'question' });
      expectError(await c['xindu.sup1'].post('/api/v1/supervision/guidance', { question: '问', matter_id: 'x' }), 400, 'validation.wrong_type', { field: 'matter_id' });
      assert.ok((await c['city.leader'].get('/api/v1/supervision/guidance')).json.items.some((x) => x.id === a.json.id));
      assert.ok(!(await c['ningjin.sup1'].get('/api/v1/supervision/guidance')).json.items.some((x) => x.id === a.json.id));
    });
  });
}
