// Official documents over real HTTP (REQUIREMENTS §17): draft → preview → issue
// → the signed PDF → public verification by token and by upload (one changed
// byte fails), who may issue which type (403 with the basis), stale versions,
// a bad-input table for drafts (nothing written), and a delivery whose receipt
// the recipient agency's liaison enters.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { DBS, startServer, expectError, errorOf } from './lib.mjs';

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
        res.on('end', () => resolve({ status: res.statusCode, contentType: res.headers['content-type'], bytes: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// 2026-11-07 → 2026年11月7日 (GB/T 9704-2012 §7.3.5.1: Arabic numerals, no leading zeros).
function chineseDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const NOTICE = {
  doc_type: 'supervision_notice',
  title: '关于纠正行政处罚案卷不规范问题的通知',
  recipients: [{ name: '邢台市市场监督管理局' }],
  body: ['经查，你局部分行政处罚案卷送达程序不规范。', '请于三十日内整改，并书面报告整改情况。'],
  fields: { target_org: '邢台市市场监督管理局', correction_deadline: '30日' },
};
const DECISION = {
  doc_type: 'supervision_decision',
  title: '关于撤销违法行政处罚决定的监督决定书',
  recipients: [{ name: '邢台市市场监督管理局' }],
  body: ['经监督检查，该行政处罚决定认定事实不清。', '决定予以撤销。'],
  fields: { target_org: '邢台市市场监督管理局', decision_items: '撤销原行政处罚决定' },
};

for (const kind of DBS) {
  describe(`official documents (${kind})`, () => {
    let server;
    let leader; // city.leader: dept_leader of 邢台市司法局
    let sup; // city.sup1: supervisor of 邢台市司法局 (drafts, does not issue)
    let gov; // gov.leader: gov_leader of 邢台市人民政府
    let scjg; // agency.scjg: agency_liaison of 邢台市市场监督管理局
    let xinduAgency; // xindu.agency: agency_liaison of a 信都区 agency
    let issued; // the notice issued by city.leader
    let pdf; // its PDF bytes

    before(async () => {
      server = await startServer(kind);
      leader = await server.session('city.leader');
      sup = await server.session('city.sup1');
      gov = await server.session('gov.leader');
      scjg = await server.session('agency.scjg');
      xinduAgency = await server.session('xindu.agency');
    });
    after(async () => {
      await server?.stop();
    });

    it('drafts, previews and issues a department document, and serves its signed PDF', async () => {
      const created = await sup.post('/api/v1/documents', NOTICE);
      assert.equal(created.status, 201, created.text);
      const d = created.json;
      assert.equal(d.status, 'draft');
      assert.equal(d.doc_type, 'supervision_notice');
      assert.equal(d.type_name, '行政执法监督通知书');
      assert.equal(d.issuer_org_id, sup.user.org.id);
      assert.equal(d.number_text, null);
      assert.equal(d.verify_token, null);
      assert.equal(d.version, 1);

      const preview = await sup.get(`/api/v1/documents/${d.id}/preview`);
      assert.equal(preview.status, 200);
      assert.match(preview.headers.get('content-type'), /^text\/html/);
      assert.ok(preview.text.includes('关于纠正行政处罚案卷不规范问题的通知'));

      // The supervisor drafts but does not issue; no PDF before issuing.
      expectError(await sup.post(`/api/v1/documents/${d.id}/issue`, {}), 403, 'forbidden');
      expectError(await leader.get(`/api/v1/documents/${d.id}/pdf`), 409, 'doc.not_issued');

      const res = await leader.post(`/api/v1/documents/${d.id}/issue`, {});
      assert.equal(res.status, 200, res.text);
      issued = res.json;
      assert.equal(issued.status, 'issued');
      assert.match(issued.issue_date, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(issued.number_text, `邢执监通〔${issued.issue_date.slice(0, 4)}〕1号`);
      assert.match(issued.sm3_hex, /^[0-9a-f]{64}$/);
      assert.match(issued.verify_token, /^[A-Za-z0-9_-]{20,}$/);
      expectError(await leader.post(`/api/v1/documents/${d.id}/issue`, {}), 409, 'workflow.wrong_state');

      const got = await getBytes(leader, `/api/v1/documents/${d.id}/pdf`);
      assert.equal(got.status, 200);
      assert.equal(got.contentType, 'application/pdf');
      assert.equal(got.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      pdf = got.bytes;
      const sig = await getBytes(leader, `/api/v1/documents/${d.id}/signature`);
      assert.equal(sig.status, 200);
      assert.equal(sig.bytes[0], 0x30, 'a DER SEQUENCE');
      const print = await getBytes(sup, `/api/v1/documents/${d.id}/print`);
      assert.equal(print.status, 200);
      assert.equal(print.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.notDeepEqual(print.bytes, pdf, 'the print version carries no electronic seal');
      const key = await server.anon().get(`/api/v1/public/orgs/${issued.issuer_org_id}/sign-key`);
      assert.equal(key.status, 200);
      assert.match(key.text, /^-----BEGIN PUBLIC KEY-----/);
    });

    it('verifies the document publicly by its token, and an uploaded copy byte for byte', async () => {
      const anon = server.anon();
      const path = `/api/v1/public/documents/${issued.verify_token}/verify`;
      const v = await anon.get(path);
      assert.equal(v.status, 200, v.text);
      assert.deepEqual(v.json, {
        found: true,
        authentic: true,
        internal: false,
        issuer: '邢台市司法局',
        number_text: issued.number_text,
        type_name: '行政执法监督通知书',
        title: '关于纠正行政处罚案卷不规范问题的通知',
        issue_date: issued.issue_date,
        issue_date_text: chineseDate(issued.issue_date),
        sm3_hex: issued.sm3_hex,
      });
      const page = await anon.get(`/api/v1/public/documents/${issued.verify_token}/page`);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes('文书真实有效'));
      assert.ok(page.text.includes(issued.number_text));

      const up = await anon.post(path, { pdf_base64: pdf.toString('base64') });
      assert.equal(up.status, 200, up.text);
      assert.equal(up.json.authentic, true);
      assert.equal(up.json.number_text, issued.number_text);
      const changed = Buffer.from(pdf);
      changed[Math.floor(changed.length / 2)] ^= 0x01;
      const bad = await anon.post(path, { pdf_base64: changed.toString('base64') });
      assert.equal(bad.status, 200, bad.text);
      assert.equal(bad.json.found, true);
      assert.equal(bad.json.authentic, false);

      expectError(await anon.post(path, {}), 400, 'validation.required', { field: 'pdf_base64' });
      const unknown = await anon.get('/api/v1/public/documents/AAAAAAAAAAAAAAAAAAAAAA/verify');
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.json, { found: false, authentic: false, internal: false });
    });

    it('lets only the government leader issue a government document (403 with the basis otherwise)', async () => {
      const created = await leader.post('/api/v1/documents', DECISION);
      assert.equal(created.status, 201, created.text);
      const d = created.json;
      assert.notEqual(d.issuer_org_id, leader.user.org.id, 'drafted for 邢台市人民政府');
      assert.equal(d.issuer_org_id, gov.user.org.id);
      const refused = expectError(await leader.post(`/api/v1/documents/${d.id}/issue`, {}), 403, 'forbidden', {
        message: '行政执法监督决定书应由本级人民政府作出，由政府负责人签发',
      });
      assert.ok(refused.basis.includes('第十四条'), refused.basis);
      assert.equal((await leader.get(`/api/v1/documents/${d.id}`)).json.status, 'draft', 'nothing issued');

      const res = await gov.post(`/api/v1/documents/${d.id}/issue`, {});
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.number_text, `邢政监决〔${res.json.issue_date.slice(0, 4)}〕1号`);
      const v = await server.anon().get(`/api/v1/public/documents/${res.json.verify_token}/verify`);
      assert.equal(v.json.issuer, '邢台市人民政府');
      assert.equal(v.json.authentic, true);
    });

    it('refuses a stale version and any change after issuing (409)', async () => {
      const d = (await sup.post('/api/v1/documents', NOTICE)).json;
      const first = await sup.put(`/api/v1/documents/${d.id}`, { ...NOTICE, title: '修改后的标题', version: 1 });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.version, 2);
      assert.equal(first.json.title, '修改后的标题');
      expectError(await sup.put(`/api/v1/documents/${d.id}`, { ...NOTICE, title: '过时的修改', version: 1 }), 409, 'version_conflict');
      assert.equal((await sup.get(`/api/v1/documents/${d.id}`)).json.title, '修改后的标题');
      expectError(await sup.put(`/api/v1/documents/${issued.id}`, { ...NOTICE, version: issued.version }), 409, 'workflow.wrong_state');
    });

    it('answers bad drafts with 400 and the field, writing nothing', async () => {
      const count = async () => (await leader.get('/api/v1/documents?size=200')).json.items.length;
      const before = await count();
      const without = (k) => Object.fromEntries(Object.entries(NOTICE).filter(([x]) => x !== k));
      const rows = [
        ['no doc_type', without('doc_type'), 'validation.required', 'doc_type'],
        ['long doc_type', { ...NOTICE, doc_type: 'x'.repeat(65) }, 'validation.too_long', 'doc_type'],
        ['numeric doc_type', { ...NOTICE, doc_type: 5 }, 'validation.wrong_type', 'doc_type'],
        ['unknown doc_type', { ...NOTICE, doc_type: 'no_such_type' }, 'doc.unknown_type', 'doc_type'],
        ['no title', without('title'), 'validation.required', 'title'],
        ['long title', { ...NOTICE, title: '长'.repeat(201) }, 'validation.too_long', 'title'],
        ['title as list', { ...NOTICE, title: ['标题'] }, 'validation.wrong_type', 'title'],
        ['recipients as text', { ...NOTICE, recipients: '市场监管局' }, 'validation.wrong_type', 'recipients'],
        ['no recipients', without('recipients'), 'validation.required', 'recipients'],
        ['no body', without('body'), 'validation.required', 'body'],
        ['body as text', { ...NOTICE, body: '正文' }, 'validation.wrong_type', 'body'],
        ['numeric field', { ...NOTICE, fields: { ...NOTICE.fields, target_org: 1 } }, 'validation.wrong_type', 'fields.target_org'],
        ['missing field', { ...NOTICE, fields: { target_org: '邢台市市场监督管理局' } }, 'validation.required', 'fields.correction_deadline'],
        ['long cc', { ...NOTICE, cc: '抄'.repeat(501) }, 'validation.too_long', 'cc'],
        ['bad issuer id', { ...NOTICE, issuer_org_id: 'abc' }, 'validation.wrong_type', 'issuer_org_id'],
      ];
      for (const [name, body, code, field] of rows) {
        const res = await leader.post('/api/v1/documents', body);
        try {
          expectError(res, 400, code, { field });
        } catch (e) {
          e.message = `${name}: ${e.message}`;
          throw e;
        }
      }
      assert.equal(await count(), before);
    });

    it('records a delivery, and the recipient agency\'s liaison enters the receipt starting a deadline', async () => {
      const scjgOrg = scjg.user.org.id;
      // The recipient's liaison holds doc.receipt only: it cannot record a delivery.
      expectError(
        await scjg.post(`/api/v1/documents/${issued.id}/deliveries`, { recipient_org_id: scjgOrg, channel: 'direct', delivered_on: issued.issue_date }),
        403,
        'forbidden',
      );
      expectError(
        await leader.post(`/api/v1/documents/${issued.id}/deliveries`, { recipient_org_id: scjgOrg, channel: 'pigeon', delivered_on: issued.issue_date }),
        400,
        'validation.wrong_type',
        { field: 'channel' },
      );
      const res = await leader.post(`/api/v1/documents/${issued.id}/deliveries`, {
        recipient_org_id: scjgOrg,
        channel: 'direct',
        address: '邢台市市场监督管理局办公室',
        delivered_on: issued.issue_date,
      });
      assert.equal(res.status, 201, res.text);
      const delivery = res.json;
      assert.equal(delivery.recipient_name, '邢台市市场监督管理局');
      assert.equal(delivery.recipient_org_id, scjgOrg);
      assert.equal(delivery.received_on, null);
      const list = await sup.get(`/api/v1/documents/${issued.id}/deliveries`);
      assert.deepEqual(list.json.items.map((x) => x.id), [delivery.id]);
      const form = await getBytes(leader, `/api/v1/deliveries/${delivery.id}/form`);
      assert.equal(form.status, 200);
      assert.equal(form.bytes.subarray(0, 5).toString('latin1'), '%PDF-');

      // The recipient agency reads what was delivered to it: the document, its signed PDF, the
      // deliveries and its 送达回证, and finds it in its list; another agency sees none of it.
      const seen = await scjg.get(`/api/v1/documents/${issued.id}`);
      assert.equal(seen.status, 200, seen.text);
      assert.equal(seen.json.number_text, issued.number_text);
      const theirPdf = await getBytes(scjg, `/api/v1/documents/${issued.id}/pdf`);
      assert.equal(theirPdf.status, 200);
      assert.ok(theirPdf.bytes.equals(pdf), 'the recipient downloads the very signed PDF');
      assert.equal((await getBytes(scjg, `/api/v1/deliveries/${delivery.id}/form`)).status, 200);
      assert.deepEqual((await scjg.get(`/api/v1/documents/${issued.id}/deliveries`)).json.items.map((x) => x.id), [delivery.id]);
      const theirList = await scjg.get('/api/v1/documents?size=200');
      assert.deepEqual(theirList.json.items.map((x) => x.id), [issued.id]);
      assert.equal(theirList.json.total, 1);
      expectError(await xinduAgency.get(`/api/v1/documents/${issued.id}`), 404, 'not_found');
      expectError(await xinduAgency.get(`/api/v1/deliveries/${delivery.id}/form`), 404, 'not_found');
      assert.equal((await xinduAgency.get('/api/v1/documents?size=200')).json.total, 0);
      // Reading is not drafting: the recipient cannot change or issue what it received.
      expectError(await scjg.put(`/api/v1/documents/${issued.id}`, { ...NOTICE, version: issued.version }), 403, 'forbidden');
      expectError(await scjg.post(`/api/v1/documents/${issued.id}/issue`, {}), 403, 'forbidden');

      // Another county's liaison does not see the delivery at all.
      const foreign = await xinduAgency.post(`/api/v1/deliveries/${delivery.id}/receipt`, { received_on: issued.issue_date });
      assert.equal(foreign.status, 404);
      assert.equal(errorOf(foreign).code, 'not_found');

      const rec = await scjg.post(`/api/v1/deliveries/${delivery.id}/receipt`, {
        received_on: issued.issue_date,
        deadline: { name: '整改报告', days: 30, unit: 'calendar_days' },
      });
      assert.equal(rec.status, 200, rec.text);
      assert.equal(rec.json.received_on, issued.issue_date);
      assert.match(rec.json.deadline_id, /^[1-9][0-9]*$/);
      assert.equal(rec.json.version, delivery.version + 1);
      expectError(await scjg.post(`/api/v1/deliveries/${delivery.id}/receipt`, { received_on: issued.issue_date }), 409, 'workflow.wrong_state');
    });

    it('lists every document type with its issuer kind, fields and basis for the drafting form', async () => {
      const res = await sup.get('/api/v1/document-types');
      assert.equal(res.status, 200, res.text);
      const { items, total } = res.json;
      assert.equal(total, items.length);
      assert.equal(items.length, 17);
      assert.equal(new Set(items.map((t) => t.code)).size, 17);
      const notice = items.find((t) => t.code === 'supervision_notice');
      assert.deepEqual(notice, {
        code: 'supervision_notice',
        name: '行政执法监督通知书',
        issuer: 'department',
        internal: false,
        abbreviation: '执监通',
        basis: '《邢台市行政执法协调监督工作办法》第十四条',
        disclosure: notice.disclosure,
        fields: [
          { key: 'target_org', label: '被监督单位', required: true },
          { key: 'correction_deadline', label: '整改期限', required: true },
        ],
      });
      // Government documents (Art 14 ¶2, Art 7, Art 26) and the two internal ones.
      assert.deepEqual(
        items.filter((t) => t.issuer === 'government').map((t) => t.code).sort(),
        ['commendation', 'dispute_decision', 'social_supervisor_engagement', 'supervision_decision'],
      );
      assert.deepEqual(items.filter((t) => t.internal).map((t) => t.code).sort(), ['interview_record', 'report_to_government']);
      // A social supervisor holds no doc.read: 403, as for the documents themselves.
      const social = await server.session('social1');
      expectError(await social.get('/api/v1/document-types'), 403, 'forbidden');
    });

    it('pages the document list with a total inside the data scope', async () => {
      const all = await leader.get('/api/v1/documents?size=200');
      assert.equal(all.status, 200, all.text);
      assert.equal(all.json.total, all.json.items.length);
      assert.ok(all.json.total >= 2, `${all.json.total} documents`);
      const one = await leader.get('/api/v1/documents?size=1&page=2');
      assert.equal(one.json.items.length, 1);
      assert.equal(one.json.total, all.json.total);
      assert.equal(one.json.items[0].id, all.json.items[1].id);
      const drafts = await leader.get('/api/v1/documents?status=draft&size=200');
      assert.equal(drafts.json.total, all.json.items.filter((d) => d.status === 'draft').length);
      // A 信都区 supervisor's scope holds none of the city department's documents.
      const xindu = await server.session('xindu.sup1');
      const theirs = await xindu.get('/api/v1/documents?size=200');
      assert.equal(theirs.status, 200);
      assert.ok(theirs.json.items.every((d) => !all.json.items.some((x) => x.id === d.id)));
      assert.equal(theirs.json.total, theirs.json.items.length);
    });
  });
}
