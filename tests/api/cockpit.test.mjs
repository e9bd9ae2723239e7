// The analysis → action of Art 15 and the leaders' cockpit over real HTTP (issue 7), on both databases,
// on the demo data the seed ingests plus eight 行政复议 cases of 信都区's agency, all 撤销 (its 复议纠错率
// is then above the 20% line):
// - refusals: no permission (403), a region outside the caller's scope (404: a county's leader asking for
//   another county or the city), wrong-typed or out-of-range parameters (400 with the field);
// - the analysis lists the agency with its figures, the explanation and the drafts; the drafts sent as
//   they are to the existing suggestion and matter routes make a 监督建议书 and a SupervisionMatter, and
//   another county's department is refused with the server's Chinese message;
// - the cockpit's sections for the city and for a county, each with its 口径, data date and drill-down.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DBS, startServer, expectError, expectStatus } from './lib.mjs';

const shanghaiDate = (ms) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 10);
const TODAY = shanghaiDate(Date.now());
const YEAR = Number(TODAY.slice(0, 4));
const XINDU = '130503';
const NINGJIN = '130528';
const CITY = '130500';
const SECTIONS = ['matters', 'disputes', 'warnings', 'reports', 'rates', 'acts'];
const DEFAULTS = { band_k: 3, min_group: 5, min_acts_for_rate: 10, recon_threshold_percent: 20, recon_min_concluded: 5, inaction_min_items: 1 };

for (const kind of DBS) {
  describe(`analysis and cockpit (${kind})`, () => {
    let server;
    const c = {};
    const org = {};
    const ACCOUNTS = ['city.leader', 'city.sup1', 'gov.leader', 'xindu.sup1', 'xindu.agency', 'ningjin.sup1', 'ningjin.leader', 'ningjin.gov'];

    before(async () => {
      server = await startServer(kind, { extraConfig: '[server]\nper_ip_rate = 100000\nper_ip_burst = 100000' });
      for (const u of ACCOUNTS) {
        c[u] = await server.session(u);
        const me = await c[u].get('/api/v1/me');
        assert.equal(me.status, 200, me.text);
        org[u] = me.json.user.org.id;
      }
      const agency = await c['city.sup1'].get(`/api/v1/orgs/${org['xindu.agency']}`);
      assert.equal(agency.status, 200, agency.text);
      // Concluded this year, whatever today is: received on 1 January, concluded on 2 January or today.
      const concluded = TODAY > `${YEAR}-01-02` ? `${YEAR}-01-02` : TODAY;
      const rows = Array.from({ length: 8 }, (_, i) => ({
        agency: agency.json.uscc, external_id: `API-FY-${i + 1}`, kind: 'reconsideration', received_on: `${YEAR}-01-01`,
        concluded_on: concluded, outcome: '撤销',
      }));
      const file = join(server.dir, 'cases.ndjson');
      writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
      const out = JSON.parse(server.cli(['import', 'cases', file, '--today', TODAY]).trim().split('\n').pop());
      assert.equal(out.rejected, 0, JSON.stringify(out));
    });
    after(async () => {
      await server?.stop();
    });

    it('refuses a caller without the permission (403)', async () => {
      expectError(await c['xindu.agency'].get('/api/v1/analysis'), 403, 'forbidden');
      expectError(await c['gov.leader'].get('/api/v1/analysis'), 403, 'forbidden'); // reads the cockpit, reviews no report
      expectError(await c['city.sup1'].get('/api/v1/cockpit'), 403, 'forbidden'); // reviews reports, no cockpit
      expectError(await c['xindu.agency'].get('/api/v1/cockpit'), 403, 'forbidden');
      expectError(await server.anon().get('/api/v1/cockpit'), 401, 'unauthenticated');
    });

    it('answers 404 for a region outside the caller\'s scope', async () => {
      expectError(await c['ningjin.leader'].get(`/api/v1/cockpit?region=${XINDU}`), 404, 'not_found');
      expectError(await c['ningjin.leader'].get(`/api/v1/cockpit?region=${CITY}`), 404, 'not_found');
      expectError(await c['ningjin.gov'].get(`/api/v1/cockpit?region=${XINDU}101`), 404, 'not_found');
      expectError(await c['xindu.sup1'].get(`/api/v1/analysis?region=${NINGJIN}`), 404, 'not_found');
      expectError(await c['xindu.sup1'].get(`/api/v1/analysis?region=${CITY}`), 404, 'not_found');
      expectError(await c['city.leader'].get('/api/v1/cockpit?region=130599'), 404, 'not_found'); // no such region
    });

    it('refuses wrong-typed or out-of-range parameters with the field (400)', async () => {
      const cases = [
        ['/api/v1/analysis?period=abcd', 'validation.wrong_type', 'period'],
        ['/api/v1/analysis?period=20261', 'validation.wrong_type', 'period'],
        ['/api/v1/analysis?period=1999', 'validation.wrong_value', 'period'],
        ['/api/v1/analysis?region=13050', 'validation.wrong_type', 'region'],
        ['/api/v1/analysis?region=13050a', 'validation.wrong_type', 'region'],
        ['/api/v1/analysis?band_k=abc', 'validation.wrong_type', 'band_k'],
        ['/api/v1/analysis?band_k=0', 'analysis.param_out_of_range', 'band_k'],
        ['/api/v1/analysis?min_group=2', 'analysis.param_out_of_range', 'min_group'],
        ['/api/v1/analysis?min_group=-5', 'validation.wrong_type', 'min_group'],
        ['/api/v1/analysis?recon_threshold_percent=101', 'analysis.param_out_of_range', 'recon_threshold_percent'],
        ['/api/v1/analysis?recon_min_concluded=x', 'validation.wrong_type', 'recon_min_concluded'],
        ['/api/v1/analysis?inaction_min_items=0', 'analysis.param_out_of_range', 'inaction_min_items'],
      ];
      for (const [path, code, field] of cases) expectError(await c['city.sup1'].get(path), 400, code, { field });
      expectError(await c['city.leader'].get('/api/v1/cockpit?region=xindu'), 400, 'validation.wrong_type', { field: 'region' });
      expectError(await c['city.leader'].get('/api/v1/cockpit?region=1305030'), 400, 'validation.wrong_type', { field: 'region' });
    });

    it('lists the high 复议纠错率 with its figures, explanation and drafts, inside the scope', async () => {
      const a = expectStatus(await c['city.leader'].get(`/api/v1/analysis?period=${YEAR}`), 200);
      assert.equal(a.period, String(YEAR));
      assert.equal(a.region_code, CITY);
      assert.deepEqual(a.params, DEFAULTS);
      assert.match(a.basis, /第十五条/);
      assert.ok(a.agencies > 10, `agencies ${a.agencies}`);
      assert.deepEqual(a.metrics.map((m) => m.key), ['acts.total', 'acts.penalty', 'acts.inspection', 'amount.avg_penalty', 'warn.rate', 'recon.rate']);
      for (const m of a.metrics) assert.ok(m.band !== null || m.note.length > 0, JSON.stringify(m));
      const item = a.reconsideration.find((x) => x.agency_id === org['xindu.agency']);
      assert.ok(item, JSON.stringify(a.reconsideration));
      assert.ok(item.figures.recon_corrected >= 8 && item.figures.recon_concluded >= 8, JSON.stringify(item.figures));
      assert.equal(item.value, Math.round((item.figures.recon_corrected * 100 / item.figures.recon_concluded) * 10000) / 10000);
      assert.ok(item.value > 20);
      assert.ok(item.agency_name.length > 0);
      assert.ok(item.region_code.startsWith(XINDU));
      assert.ok(item.explanation.includes(`行政复议案件审结${item.figures.recon_concluded}件`), item.explanation);
      assert.ok(item.explanation.includes('高于20%的关注线'), item.explanation);
      assert.equal(item.suggestion_draft.target_org_id, org['xindu.agency']);
      assert.equal(item.suggestion_draft.subject, `${YEAR}年度行政复议纠错率偏高问题`);
      assert.ok(item.suggestion_draft.body.length >= 2);
      assert.deepEqual(item.matter_draft, {
        source: 'data_warning', mode: 'routine', categories: ['art11_3'], subject: `${item.agency_name}${YEAR}年度行政复议纠错率偏高`,
        target_org_id: org['xindu.agency'],
      });
      // Every list keeps to its definition.
      for (const x of a.reconsideration) assert.ok(x.figures.recon_concluded >= 5 && x.value > 20, JSON.stringify(x));
      for (const x of a.inaction) assert.ok(x.figures.acts_total === 0 && x.figures.catalog_items >= 1, JSON.stringify(x));
      for (const x of a.outliers) {
        assert.ok(x.value > x.band.upper || x.value < x.band.lower, JSON.stringify(x));
        assert.ok(x.group_size >= 5 && x.explanation.includes(`共${x.group_size}个`), x.explanation);
      }
      // A county sees its own agencies only.
      const xindu = expectStatus(await c['xindu.sup1'].get(`/api/v1/analysis?period=${YEAR}`), 200);
      assert.equal(xindu.region_code, XINDU);
      for (const x of [...xindu.outliers, ...xindu.inaction, ...xindu.reconsideration]) assert.ok(x.region_code.startsWith(XINDU), x.region_code);
      assert.ok(xindu.reconsideration.some((x) => x.agency_id === org['xindu.agency']));
      // A parameter changes the judgement: the line at 100% lists nobody.
      const none = expectStatus(await c['xindu.sup1'].get(`/api/v1/analysis?period=${YEAR}&recon_threshold_percent=100`), 200);
      assert.equal(none.params.recon_threshold_percent, 100);
      assert.deepEqual(none.reconsideration, []);
      // A year without data lists no outlier and no correction rate.
      const empty = expectStatus(await c['city.sup1'].get('/api/v1/analysis?period=2001'), 200);
      assert.deepEqual([empty.outliers.length, empty.reconsideration.length], [0, 0]);
    });

    it('drafts a 监督建议 and opens a matter from an item, with the existing routes; another county is refused in Chinese', async () => {
      const a = expectStatus(await c['xindu.sup1'].get(`/api/v1/analysis?period=${YEAR}`), 200);
      const item = a.reconsideration.find((x) => x.agency_id === org['xindu.agency']);
      const refused = await c['ningjin.sup1'].post('/api/v1/supervision/suggestions', item.suggestion_draft);
      expectError(refused, 403, 'forbidden', { message: '监督范围' });
      const s = await c['xindu.sup1'].post('/api/v1/supervision/suggestions', item.suggestion_draft);
      assert.equal(s.status, 201, s.text);
      assert.equal(s.json.subject, item.suggestion_draft.subject);
      assert.equal(s.json.target_org_id, org['xindu.agency']);
      const m = await c['xindu.sup1'].post('/api/v1/supervision/matters', item.matter_draft);
      assert.equal(m.status, 201, m.text);
      assert.equal(m.json.source, 'data_warning');
      assert.equal(m.json.target_org_id, org['xindu.agency']);
      assert.equal(m.json.subject, item.matter_draft.subject);
      // The city's department over a county's agency must say why (提级监督): the route's own refusal.
      const upper = await c['city.sup1'].post('/api/v1/supervision/matters', item.matter_draft);
      expectError(upper, 400, 'matter.upper_reason_required', { field: 'upper_reason' });
    });

    it('shows the city\'s cockpit: every section with its 口径, data date and drill-down', async () => {
      const v = expectStatus(await c['city.leader'].get('/api/v1/cockpit'), 200);
      assert.equal(v.region_code, CITY);
      assert.equal(v.region_level, 'city');
      assert.equal(v.data_date, TODAY);
      assert.deepEqual(v.sections.map((s) => s.key), SECTIONS);
      for (const s of v.sections) {
        assert.match(s.definition, /[\u4e00-\u9fff]/, s.key);
        assert.ok(s.drill.route.startsWith('/'), s.key);
        assert.ok(['bar', 'pie', 'line'].includes(s.chart), s.key);
      }
      const by = Object.fromEntries(v.sections.map((s) => [s.key, s]));
      // The matter opened above is open, in 信都区.
      const open = by.matters.items.find((i) => i.key === 'open');
      assert.ok(open.value >= 1, JSON.stringify(by.matters.items));
      assert.deepEqual(open.drill, { route: '/supervision/matters', query: { status: 'open' } });
      assert.equal(by.matters.data_date, TODAY);
      assert.ok(!by.disputes.items.some((i) => i.key === 'draft'));
      assert.deepEqual(by.warnings.items.map((i) => i.key), ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
      assert.match(by.warnings.data_date, /^\d{4}-\d{2}-\d{2}$/); // the seed's ingest
      const r = by.reports;
      assert.equal(r.facts.period, String(YEAR - 1));
      assert.equal(r.facts.due_on, `${YEAR}-01-31`);
      const total = r.items.reduce((n, i) => n + i.value, 0);
      assert.equal(total, Number(r.facts.expected));
      assert.equal(Number(r.facts.expected), (await c['city.leader'].get(`/api/v1/analysis?period=${YEAR}`)).json.agencies);
      assert.equal(by.rates.months.length, 12);
      assert.equal(by.rates.months[11], TODAY.slice(0, 7));
      assert.deepEqual(by.rates.series.map((s) => s.name), ['复议纠错率', '诉讼败诉率', '公示及时率', '持证率']);
      for (const s of by.rates.series) {
        assert.equal(s.data.length, 12);
        s.data.forEach((d, i) => assert.equal(d === null, s.denominators[i] === 0, `${s.key} ${i}`));
      }
      const acts = by.acts.series[0];
      assert.equal(acts.data.length, 12);
      assert.ok(acts.data.reduce((n, d) => n + d, 0) > 0, 'the demo acts fall in the last 12 months');
    });

    it('shows a county\'s cockpit to its leaders and to the city\'s', async () => {
      const mine = expectStatus(await c['ningjin.leader'].get('/api/v1/cockpit'), 200);
      assert.equal(mine.region_code, NINGJIN);
      assert.equal(mine.region_name, '宁晋县');
      const byCity = expectStatus(await c['city.leader'].get(`/api/v1/cockpit?region=${NINGJIN}`), 200);
      assert.equal(byCity.region_code, NINGJIN);
      const reports = (v) => v.sections.find((s) => s.key === 'reports');
      assert.equal(reports(byCity).facts.expected, reports(mine).facts.expected);
      const warnings = (v) => v.sections.find((s) => s.key === 'warnings');
      assert.equal(warnings(mine).drill.query.region, NINGJIN);
      assert.deepEqual(warnings(byCity).items.map((i) => i.value), warnings(mine).items.map((i) => i.value));
      // 信都区's matter is not 宁晋县's.
      const xindu = expectStatus(await c['city.leader'].get(`/api/v1/cockpit?region=${XINDU}`), 200);
      const open = (v) => v.sections.find((s) => s.key === 'matters').items.find((i) => i.key === 'open').value;
      assert.ok(open(xindu) >= 1);
      assert.equal(open(mine), open(byCity));
      expectStatus(await c['ningjin.gov'].get('/api/v1/cockpit'), 200);
    });
  });
}
