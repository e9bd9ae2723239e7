// 导出Excel of every list (issue 7): GET <list>/export.xlsx answers the list's rows as an .xlsx
// with the list's filters, permission, data scope and masking, and every export is audited.
// For every export route of the route table: the content type and file name, the workbook opens
// (read back with exceljs), the title and header rows, one data row per row of the JSON list
// (the same values, all pages of them), the notes; a caller without the permission gets 403; a
// county account's export holds only its county's rows; a filter the JSON list refuses is
// refused the same way; personal data is masked as the list masks it.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { DBS, startServer, expectError, fetchAll } from './lib.mjs';

// exceljs reads the exported workbook back (the web UI's dependency: web/node_modules).
const ExcelJS = createRequire(new URL('../../web/package.json', import.meta.url))('exceljs');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XINDU = '130503';
const NINGJIN = '130528';
const shanghaiDate = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);

// Each list: who exports it, its query, the sheet's title, the first headers, and the JSON key
// that the first column shows (so the rows can be compared value by value).
const LISTS = [
  { list: '/api/v1/orgs', user: 'city.sup1', title: '机构列表', headers: ['机构名称', '简称', '机构类别'], key: 'name', perm: 'org.read' },
  { list: '/api/v1/people', user: 'city.sup1', title: '行政执法人员', headers: ['姓名', '所在单位', '职务'], key: 'name', perm: 'person.read' },
  { list: '/api/v1/certificates', user: 'city.sup1', title: '行政执法证件', headers: ['证件编号', '证件类型', '持证人'], key: 'number', perm: 'cert.read' },
  { list: '/api/v1/trainings', user: 'city.sup1', title: '培训记录', headers: ['培训内容', '培训日期', '学时（分钟）'], key: 'course', perm: 'org.read' },
  { list: '/api/v1/users', user: 'sys', title: '用户列表', headers: ['用户名', '姓名', '所属单位'], key: 'username', perm: 'user.read' },
  { list: '/api/v1/audit', user: 'aud', title: '审计日志', headers: ['序号', '时间（北京时间）', '用户'], key: null, perm: 'audit.read' },
  { list: '/api/v1/documents', user: 'city.sup1', title: '公文', headers: ['文号', '文书种类', '标题'], key: 'number_text', perm: 'doc.read' },
  { list: '/api/v1/catalog/items', user: 'city.sup1', title: '行政执法事项清单', headers: ['执法机关', '事项编码', '事项名称'], key: 'agency_name', perm: 'catalog.read' },
  { list: '/api/v1/monitoring/warnings', user: 'city.sup1', title: '执法数据预警', headers: ['预警等级', '规则', '规则名称'], key: null, perm: 'monitoring.read' },
  { list: '/api/v1/monitoring/acts', user: 'city.sup1', title: '执法行为明细', headers: ['案件编号', '执法行为类别', '执法行为日期'], key: 'case_no', perm: 'monitoring.read' },
  { list: '/api/v1/supervision/matters', user: 'city.sup1', title: '行政执法监督事项', headers: ['监督事项', '被监督单位', '承办部门'], key: 'subject', perm: 'supervision.read' },
  { list: '/api/v1/supervision/clues', user: 'city.sup1', title: '监督线索', headers: ['被监督单位', '线索内容', '报送单位'], key: 'target_org_name', perm: 'supervision.read' },
  { list: '/api/v1/supervision/suggestions', user: 'city.sup1', title: '行政执法监督建议书', headers: ['建议事项', '制发部门', '被建议单位'], key: 'subject', perm: 'supervision.read' },
  { list: '/api/v1/supervision/guidance', user: 'city.sup1', title: '指导请求', headers: ['请求指导的问题', '请求单位', '答复单位'], key: 'question', perm: 'supervision.read' },
  { list: '/api/v1/calendar/days', user: 'city.sup1', title: '工作日历', headers: ['日期', '安排', '节日'], key: 'date', perm: 'authenticated' },
  { list: '/api/v1/reports', user: 'city.sup1', title: '行政执法统计报表', headers: ['执法机关', '行政区划代码', '报表'], key: 'agency_name', perm: 'report.read' },
  { list: '/api/v1/reports/compliance', user: 'city.sup1', title: '统计报表报送情况', headers: ['执法机关', '行政区划代码', '状态'], key: 'agency_name', perm: 'report.read' },
  { list: '/api/v1/todos', user: 'xindu.agency', title: '待办事项', headers: ['事项', '期限', '剩余工作日'], key: 'title', perm: 'authenticated' },
  { list: '/api/v1/inbox', user: 'xindu.agency', title: '消息', headers: ['标题', '内容', '时间（北京时间）'], key: 'title', perm: 'authenticated' },
];

// The sheet: {title, headers, rows (arrays of cell values, from column 1), notes}.
async function readSheet(body) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  assert.equal(wb.worksheets.length, 1);
  const ws = wb.worksheets[0];
  const all = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    all[n] = row.values.slice(1);
  });
  const title = all[1]?.[0];
  const headers = all[2];
  // The data rows run from row 3 to the empty row before the notes.
  const rows = [];
  let n = 3;
  for (; n < all.length && all[n] && all[n].some((v) => v !== null && v !== undefined && v !== ''); n++) rows.push(all[n]);
  const notes = all.slice(n + 1).filter(Boolean).map((r) => String(r[0]));
  return { title, headers, rows, notes, ws };
}

const text = (v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v));

for (const kind of DBS) {
  describe(`list exports (${kind})`, () => {
    let server;
    const c = {};
    let routes;
    // Query parameters a list needs (the acts drill-down names an agency and a month).
    const query = { '/api/v1/calendar/days': 'year=2026', '/api/v1/reports/compliance': 'template=annual&period=2026' };

    before(async () => {
      server = await startServer(kind);
      routes = server.routes();
      for (const u of ['city.sup1', 'xindu.sup1', 'ningjin.sup1', 'xindu.room', 'xindu.agency', 'social1', 'sys', 'aud', 'sec'])
        c[u] = ['sys', 'aud', 'sec'].includes(u) ? await server.admin(u) : await server.session(u);
      // Supervision objects (and the suggestions' documents) in the city and in both counties, so that
      // every list has rows and a county's export has fewer than the city's.
      const orgOf = async (u, client = c[u]) => (await client.get('/api/v1/me')).json.user.org;
      const scjg = (await c['city.sup1'].get('/api/v1/orgs?q=邢台市市场监督管理局&size=1')).json.items[0];
      const made = await c['city.sup1'].post('/api/v1/supervision/matters', {
        source: 'complaint', categories: ['art11_3'], subject: '行政处罚案件办理情况', target_org_id: scjg.id,
      });
      assert.equal(made.status, 201, made.text);
      for (const u of ['xindu.sup1', 'ningjin.sup1']) {
        const county = (await orgOf(u)).region_code;
        const target = (await c[u].get(`/api/v1/orgs?region=${county}&kind=organ&size=1`)).json.items[0];
        const plan = await c[u].post('/api/v1/supervision/plans', {
          kind: 'routine', title: '日常监督计划', period_start: '2026-01-01', period_end: '2026-12-31', categories: ['art11_1'], target_org_ids: [target.id],
        });
        assert.equal(plan.status, 201, `${u} plan: ${plan.text}`);
        const sug = await c[u].post('/api/v1/supervision/suggestions', { target_org_id: target.id, subject: '规范行政处罚裁量', body: ['建议细化行政处罚裁量基准。'] });
        assert.equal(sug.status, 201, `${u} suggestion: ${sug.text}`);
        const g = await c[u].post('/api/v1/supervision/guidance', { question: '提级监督的理由应当如何写明？' });
        assert.equal(g.status, 201, `${u} guidance: ${g.text}`);
      }
      const room = await orgOf('xindu.room');
      const township = (await c['city.sup1'].get(`/api/v1/orgs?region=${room.region_code}&kind=township_gov&size=1`)).json.items[0];
      const clue = await c['xindu.room'].post('/api/v1/supervision/clues', { target_org_id: township.id, content: '执法人员未出示执法证件' });
      assert.equal(clue.status, 201, clue.text);
      // The acts of the agency and month of a warning of the demo data, or of 邢台市市场监督管理局 in January.
      const w = (await c['city.sup1'].get('/api/v1/monitoring/warnings?size=1')).json.items[0];
      const agency = w ? w.agency_id : (await c['city.sup1'].get('/api/v1/orgs?q=市场监督&size=1')).json.items[0].id;
      const month = w ? w.act_date.slice(0, 7) : '2026-01';
      query['/api/v1/monitoring/acts'] = `agency=${agency}&month=${month}`;
      // 催报 of 2025 (past due, nobody filed): xindu.agency gets a to-do and a message (its home lists).
      const reminded = await c['xindu.sup1'].post('/api/v1/reports/compliance/remind', { template: 'annual', period: '2025' });
      assert.equal(reminded.status, 200, reminded.text);
      // Statistical reports opened by an agency of the city and of each county.
      for (const u of ['agency.scjg', 'xindu.agency', 'ningjin.agency']) {
        const a = await server.session(u);
        const r = await a.post('/api/v1/reports', { agency_id: (await orgOf(u, a)).id, template: 'annual', period: '2026' });
        assert.equal(r.status, 200, `${u} report: ${r.text}`);
      }
    });
    after(async () => {
      await server?.stop();
    });

    it('has an export beside every list, with the list\'s permission and scope', () => {
      const exports = routes.filter((r) => r.pattern.endsWith('/export.xlsx'));
      assert.deepEqual(exports.map((r) => r.pattern).sort(), LISTS.map((l) => `${l.list}/export.xlsx`).sort());
      for (const e of exports) {
        const list = routes.find((r) => r.method === 'GET' && r.pattern === e.pattern.replace(/\/export\.xlsx$/, ''));
        assert.ok(list, e.pattern);
        assert.equal(e.method, 'GET');
        assert.equal(e.permission, list.permission, e.pattern);
        assert.equal(e.scope, list.scope, e.pattern);
      }
    });

    for (const l of LISTS) {
      it(`exports ${l.list}: every row of the JSON list, typed, with title, header and notes`, async () => {
        const client = c[l.user];
        const q = query[l.list] ? `?${query[l.list]}` : '';
        const res = await client.get(`${l.list}/export.xlsx${q}`);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers.get('content-type'), XLSX);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        const stem = encodeURIComponent(`${l.list === '/api/v1/supervision/clues' ? '行政执法监督线索' : l.title}-${shanghaiDate(Date.now())}.xlsx`);
        assert.match(res.headers.get('content-disposition'), new RegExp(`^attachment;.*filename\\*=UTF-8''${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
        const sheet = await readSheet(res.body);
        assert.equal(sheet.title, l.title);
        assert.deepEqual(sheet.headers.slice(0, 3), l.headers);
        assert.ok(sheet.rows.length > 0, `${l.list}: the test data gives it rows`);
        // The JSON list, all pages (the unpaged lists answer all at once).
        const json = (await client.get(`${l.list}${q}`)).json;
        const all = 'total' in json && json.total > json.items.length ? await fetchAll(client, `${l.list}${q}`) : { items: json.items, total: json.total ?? json.items.length };
        // The audit log grows with every read of it: the export read it before this JSON read did.
        if (l.list === '/api/v1/audit') assert.ok(sheet.rows.length > 0 && sheet.rows.length <= all.total);
        else assert.equal(sheet.rows.length, all.total, `${l.list}: rows`);
        if (l.key) {
          const want = all.items.map((it) => String(it[l.key] ?? '')).sort();
          const got = sheet.rows.map((r) => text(r[0])).sort();
          assert.deepEqual(got, want);
        }
        assert.ok(sheet.notes[0].startsWith('口径：'), sheet.notes.join('|'));
        assert.ok(sheet.notes[1].startsWith('筛选条件：'), sheet.notes.join('|'));
        assert.equal(sheet.notes[2], `数据日期：${shanghaiDate(Date.now())}（北京时间）`);
        assert.match(sheet.notes[3], /^导出人：\S+/);
      });
    }

    it('refuses an export to a caller without the list\'s permission (403) and to no one logged in (401)', async () => {
      const me = (await c['social1'].get('/api/v1/me')).json;
      let refused = 0;
      for (const l of LISTS) {
        const path = `${l.list}/export.xlsx${query[l.list] ? `?${query[l.list]}` : ''}`;
        expectError(await server.anon().get(path), 401, 'unauthenticated');
        if (l.perm === 'authenticated') continue;
        assert.ok(!me.permissions.includes(l.perm));
        expectError(await c['social1'].get(path), 403, 'forbidden');
        refused++;
      }
      assert.equal(refused, LISTS.filter((l) => l.perm !== 'authenticated').length);
      // The security administrator reads users but holds no person.read: no people export.
      expectError(await c['sec'].get('/api/v1/people/export.xlsx'), 403, 'forbidden');
    });

    it('gives a county account only its county\'s rows', async () => {
      const city = await readSheet((await c['city.sup1'].get('/api/v1/orgs/export.xlsx')).body);
      const xinduRes = await c['xindu.sup1'].get('/api/v1/orgs/export.xlsx');
      assert.equal(xinduRes.status, 200, xinduRes.text);
      const xindu = await readSheet(xinduRes.body);
      const regionCol = xindu.headers.indexOf('行政区划代码');
      assert.ok(regionCol >= 0);
      assert.ok(xindu.rows.length > 0);
      assert.ok(xindu.rows.length < city.rows.length, `${xindu.rows.length} < ${city.rows.length}`);
      for (const r of xindu.rows) assert.ok(text(r[regionCol]).startsWith(XINDU), text(r[regionCol]));
      assert.ok(city.rows.some((r) => text(r[regionCol]).startsWith(NINGJIN)));
      assert.equal(xindu.rows.length, (await c['xindu.sup1'].get('/api/v1/orgs?size=1')).json.total);
      // People and matters: the county's count, not the city's.
      for (const list of ['/api/v1/people', '/api/v1/certificates', '/api/v1/supervision/matters', '/api/v1/documents',
        '/api/v1/supervision/suggestions', '/api/v1/supervision/guidance']) {
        const count = async (u) => {
          const j = (await c[u].get(`${list}?size=1`)).json;
          return j.total ?? j.items.length;
        };
        const countyTotal = await count('xindu.sup1');
        const cityTotal = await count('city.sup1');
        const sheet = await readSheet((await c['xindu.sup1'].get(`${list}/export.xlsx`)).body);
        assert.equal(sheet.rows.length, countyTotal, list);
        assert.ok(countyTotal > 0 && countyTotal < cityTotal, `${list}: ${countyTotal} < ${cityTotal}`);
      }
    });

    it('refuses a filter outside the caller\'s scope exactly as the JSON list does', async () => {
      const cases = [
        ['xindu.sup1', '/api/v1/monitoring/warnings', `region=${NINGJIN}`],
        ['xindu.sup1', '/api/v1/monitoring/warnings', 'severity=purple'],
        ['xindu.sup1', '/api/v1/orgs', `region=${NINGJIN}`],
        ['city.sup1', '/api/v1/supervision/matters', 'status=no_such_state'],
        ['city.sup1', '/api/v1/monitoring/acts', 'month=2026-01'],
        ['city.sup1', '/api/v1/calendar/days', 'year=abc'],
      ];
      let refused = 0;
      for (const [u, list, q] of cases) {
        const json = await c[u].get(`${list}?${q}`);
        const x = await c[u].get(`${list}/export.xlsx?${q}`);
        assert.equal(x.status, json.status, `${u} ${list}?${q}: ${x.text}`);
        if (json.status !== 200) {
          assert.deepEqual(x.json, json.json);
          refused++;
        } else {
          assert.equal(x.headers.get('content-type'), XLSX);
          assert.equal((await readSheet(x.body)).rows.length, json.json.total);
        }
      }
      assert.ok(refused >= 4, `refused: ${refused}`);
    });

    it('masks personal data exactly as the list does', async () => {
      const all = await fetchAll(c['city.sup1'], '/api/v1/people');
      const sheet = await readSheet((await c['city.sup1'].get('/api/v1/people/export.xlsx')).body);
      const idCol = sheet.headers.indexOf('身份证号（脱敏）');
      const phoneCol = sheet.headers.indexOf('手机号（脱敏）');
      assert.ok(idCol > 0 && phoneCol > 0);
      const withId = all.items.filter((p) => p.id_no);
      assert.ok(withId.length > 0, 'the demo people have ID numbers');
      const exported = sheet.rows.map((r) => text(r[idCol])).filter(Boolean).sort();
      assert.deepEqual(exported, withId.map((p) => p.id_no).sort());
      for (const v of exported) {
        assert.match(v, /\*/, v);
        assert.doesNotMatch(v, /^\d{17}[\dX]$/, v);
      }
      for (const r of sheet.rows) if (text(r[phoneCol])) assert.match(text(r[phoneCol]), /\*/);
    });

    it('types the cells: dates as text, counts as integers, amounts in 万元', async () => {
      const sheet = await readSheet((await c['city.sup1'].get('/api/v1/certificates/export.xlsx')).body);
      const issued = sheet.headers.indexOf('发证日期');
      for (const r of sheet.rows) assert.match(text(r[issued]), /^\d{4}-\d{2}-\d{2}$/);
      const cal = await readSheet((await c['city.sup1'].get('/api/v1/calendar/days/export.xlsx?year=2026')).body);
      assert.ok(cal.rows.length > 0);
      assert.ok(cal.notes.includes('筛选条件：年度：2026'), cal.notes.join('|'));
      const aud = await readSheet((await c['aud'].get('/api/v1/audit/export.xlsx')).body);
      for (const r of aud.rows) if (r[0] !== null && r[0] !== undefined) assert.equal(typeof r[0], 'number');
      const items = await readSheet((await c['city.sup1'].get('/api/v1/catalog/items/export.xlsx')).body);
      const json = await fetchAll(c['city.sup1'], '/api/v1/catalog/items');
      const maxCol = items.headers.indexOf('罚款上限（万元）');
      assert.ok(maxCol > 0);
      const withMax = json.items.filter((i) => i.max_amount_fen !== null);
      for (const i of withMax) {
        const row = items.rows.find((r) => text(r[1]) === i.item_code && text(r[0]) === i.agency_name);
        assert.ok(row, i.item_code);
        assert.equal(row[maxCol], i.max_amount_fen / 1000000);
      }
    });

    it('writes an audit record for every export, with the filter and the row count', async () => {
      const res = await c['xindu.sup1'].get('/api/v1/people/export.xlsx?q=王');
      assert.equal(res.status, 200, res.text);
      const rows = (await readSheet(res.body)).rows.length;
      const log = (await c['aud'].get('/api/v1/audit?action=list.export&username=xindu.sup1&size=10')).json.items;
      const rec = log.find((e) => e.object_id === '/api/v1/people');
      assert.ok(rec, JSON.stringify(log));
      assert.equal(rec.object_kind, 'list');
      assert.equal(rec.result, 'ok');
      assert.deepEqual(rec.after, { rows, total: rows, filter: '姓名含：王' });
      // The dispute register's own export is audited the same way.
      assert.equal((await c['city.sup1'].get('/api/v1/disputes/export')).status, 200);
      const reg = (await c['aud'].get('/api/v1/audit?action=list.export&username=city.sup1&size=50')).json.items;
      assert.ok(reg.some((e) => e.object_id === '/api/v1/disputes'), JSON.stringify(reg));
      // A refused export writes no export record.
      const before = (await c['aud'].get('/api/v1/audit?action=list.export&size=1')).json.total;
      expectError(await c['social1'].get('/api/v1/people/export.xlsx'), 403, 'forbidden');
      assert.equal((await c['aud'].get('/api/v1/audit?action=list.export&size=1')).json.total, before);
    });
  });
}
