// The role × endpoint × other-region matrix, generated from `lecs routes`:
// - every route declares a permission and a scope (a route without fails here);
// - every demo account × every route whose permission it lacks → 403 (401 anonymous),
//   with path parameters naming objects INSIDE the account's scope, so a 404
//   cannot hide a missing permission check; every GET it may call → 200;
// - every account × every object route × an object of ANOTHER county → 404 when
//   it holds the permission, 403 when not; never 2xx/5xx, and the objects unchanged;
// - filtered lists return only items inside the account's scope.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DBS, DEMO_USERS, ADMINS, startServer, errorOf, fetchAll, fillPath } from './lib.mjs';

const XINDU = '130503';
const NINGJIN = '130528';
const CITY = '130500';
const KNOWN_PERMISSIONS = new Set([
  'user.read', 'user.write', 'role.assign', 'user.unlock', 'audit.read', 'org.read', 'org.write', 'person.read',
  'person.write', 'cert.read', 'cert.write', 'pii.unmask', 'calendar.write', 'doc.read', 'doc.draft', 'doc.issue',
  'doc.receipt', 'file.read', 'file.upload', 'dispute.read', 'dispute.file', 'dispute.handle', 'dispute.decide',
  'supervision.read', 'supervision.handle', 'supervision.respond', 'supervision.decide', 'supervision.clue',
  'monitoring.read', 'monitoring.handle', 'monitoring.respond', 'monitoring.import', 'catalog.read', 'catalog.write',
  'report.read', 'report.fill', 'report.review', 'cockpit.read',
]);
const SCOPE_FORMS = /^(public|self|system|filtered|object:(org|person|certificate|user|document|delivery|attachment|dispute|matter|plan|clue|suggestion|guidance|warning|report):[a-z_]+)$/;
const DOC_KINDS = ['document', 'delivery'];
const isOpen = (perm) => perm === 'public' || perm === 'authenticated';

for (const kind of DBS) {
  describe(`scope matrix (${kind})`, () => {
    let server;
    let routes;
    const clients = new Map(); // username → Client
    const me = new Map(); // username → /me body
    let city; // city.sup1: sees the whole city
    let allOrgs; // every organisation (as city.sup1)
    let orgById;
    let usersByName; // as sys
    let certNumber;
    // Official documents made in setup: {id, issuer, issued}; deliveries: {id, owner, document}.
    const docs = [];
    const deliveries = [];
    // Attachments uploaded in setup, one by every account holding file.upload: {id, owner}.
    const attachments = [];
    // Disputes made in setup: {id, region, applicant, parties, competent, draft}.
    const disputes = [];
    // Supervision objects made in setup: matters {id, region, handling, target, team (org ids)},
    // plans {id, region, org}, clues {id, region (the county), county, room}.
    const matters = [];
    const plans = [];
    const clues = [];
    // suggestions {id, region, org, target, issued}, guidance requests {id, region, from, to}.
    const suggestions = [];
    const guidance = [];
    // Monitoring warnings of the demo data (when the seed ingests any): {id, region, agency}.
    const warnings = [];
    // Statistical reports (Art 15) opened in setup by each agency liaison: {id, region, agency}.
    const reports = [];

    // Objects owned by org `orgId` (people and certificates), read as city.sup1.
    const ownedCache = new Map();
    async function ownedBy(orgId) {
      if (ownedCache.has(orgId)) return ownedCache.get(orgId);
      const people = (await city.get(`/api/v1/people?org_id=${orgId}&size=5`)).json.items;
      const certs = (await city.get(`/api/v1/certificates?org_id=${orgId}&size=5`)).json.items;
      const o = { people, certs };
      ownedCache.set(orgId, o);
      return o;
    }

    // Path values for `user` whose objects lie inside the user's own organisation.
    const inScopeCache = new Map();
    async function inScopeValues(username) {
      if (inScopeCache.has(username)) return inScopeCache.get(username);
      const u = me.get(username).user;
      const own = await ownedBy(u.org.id);
      const anyCert = (await city.get('/api/v1/certificates?size=1')).json.items[0];
      const cert = own.certs[0] ?? anyCert;
      const person = u.person_id ?? own.people[0]?.id ?? cert.person_id;
      // An issued document and a delivery inside the account's scope, when there is one.
      const allowed = ADMINS.includes(username) ? null : allowedOrgIds(username);
      const inScope = (orgId) => allowed === null || allowed.has(orgId);
      const doc = docs.find((d) => d.issued && docVisible(inScope, d));
      // A delivery is seen by the issuer's side and by its recipient organisation.
      const issuerOf = (documentId) => docs.find((d) => d.id === documentId).issuer;
      const delivery = deliveries.find((d) => inScope(d.owner) || inScope(issuerOf(d.document)));
      const attachment = attachments.find((a) => inScope(a.owner));
      const dispute = ADMINS.includes(username) ? undefined : disputes.find((d) => disputeVisible(username, d));
      const matter = ADMINS.includes(username) ? undefined : matters.find((m) => matterVisible(username, m));
      const plan = ADMINS.includes(username) ? undefined : plans.find((p) => planVisible(username, p));
      const clue = ADMINS.includes(username) ? undefined : clues.find((x) => clueVisible(username, x));
      const suggestion = ADMINS.includes(username) ? undefined : suggestions.find((x) => suggestionVisible(username, x));
      const guide = ADMINS.includes(username) ? undefined : guidance.find((x) => guidanceVisible(username, x));
      // A warning the account reads with monitoring.read (the agency's own people read one only once sent).
      const held = me.get(username).permissions.includes('monitoring.read');
      const warning = held ? warnings.find((w) => covers(scopeOf(username), w.region, w.agency)) : undefined;
      const readsReports = me.get(username).permissions.includes('report.read');
      const report = readsReports ? reports.find((x) => covers(scopeOf(username), x.region, x.agency)) : undefined;
      const v = {
        org: u.org.id,
        person,
        certificate: cert.id,
        user: u.id,
        number: certNumber,
        ownObjects: own.certs.length > 0 && own.people.length > 0,
        document: (doc ?? docs[0]).id,
        delivery: (delivery ?? deliveries[0]).id,
        attachment: (attachment ?? attachments[0]).id,
        dispute: (dispute ?? disputes[0]).id,
        matter: (matter ?? matters[0]).id,
        plan: (plan ?? plans[0]).id,
        clue: (clue ?? clues[0]).id,
        suggestion: (suggestion ?? suggestions[0]).id,
        guidance: (guide ?? guidance[0]).id,
        warning: (warning ?? warnings[0])?.id,
        ownWarning: warning !== undefined,
        report: (report ?? reports[0]).id,
        ownReport: report !== undefined,
        ownDispute: dispute !== undefined,
        ownMatter: matter !== undefined,
        ownPlan: plan !== undefined,
        ownClue: clue !== undefined,
        ownSuggestion: suggestion !== undefined,
        ownGuidance: guide !== undefined,
        ownDocument: doc !== undefined,
        ownDelivery: delivery !== undefined,
        ownAttachment: attachment !== undefined,
      };
      inScopeCache.set(username, v);
      return v;
    }

    // Path parameters: {id} names an object of the route's scope kind; the others take a sample value.
    const pathFor = (route, values) =>
      fillPath(route.pattern, {
        id: route.scope_kind ? values[route.scope_kind] : '1',
        number: values.number,
        date: '2026-10-08',
        token: 'no-such-token',
        doc_type: 'supervision_notice',
      });
    // Query parameters a GET route needs to answer 200.
    // GET routes on an in-scope object whose part the setup never makes: the route's own refusal.
    const NOT_YET = { '/api/v1/disputes/{id}/decision': 'dispute.no_decision' };
    const SAMPLE_QUERY = {
      '/api/v1/calendar/days': '?year=2026',
      '/api/v1/calendar/days/export.xlsx': '?year=2026',
      '/api/v1/calendar/due': '?from=2026-09-30&working_days=5',
      '/api/v1/reports/compliance': '?template=annual&period=2026',
      '/api/v1/reports/aggregate': '?template=annual&period=2026',
      '/api/v1/reports/aggregate.xlsx': '?template=annual&period=2026',
      '/api/v1/reports/compliance/export.xlsx': '?template=annual&period=2026',
    };

    before(async () => {
      server = await startServer(kind);
      routes = server.routes();
      for (const u of DEMO_USERS) clients.set(u, ADMINS.includes(u) ? await server.admin(u) : await server.session(u));
      for (const [u, c] of clients) {
        const r = await c.get('/api/v1/me');
        assert.equal(r.status, 200, `${u} /me: ${r.text}`);
        me.set(u, r.json);
      }
      city = clients.get('city.sup1');
      allOrgs = (await fetchAll(city, '/api/v1/orgs')).items;
      orgById = new Map(allOrgs.map((o) => [o.id, o]));
      usersByName = new Map((await fetchAll(clients.get('sys'), '/api/v1/users', 100)).items.map((u) => [u.username, u]));
      certNumber = (await city.get('/api/v1/certificates?size=1')).json.items[0].number;
      await makeDocuments();
      await makeAttachments();
      await makeDisputes();
      await makeSupervision();
      for (const w of (await city.get('/api/v1/monitoring/warnings?size=100')).json.items)
        warnings.push({ id: w.id, region: w.region_code, agency: w.agency_id });
      for (const u of ['agency.scjg', 'xindu.agency', 'ningjin.agency']) {
        const r = await clients.get(u).post('/api/v1/reports', { agency_id: me.get(u).user.org.id, template: 'annual', period: '2026' });
        assert.equal(r.status, 200, `${u} report: ${r.text}`);
        reports.push({ id: r.json.id, region: r.json.region_code, agency: r.json.agency_id });
      }
    });

    // Supervision objects for the object routes of the supervision module: a matter of 邢台市司法局
    // on 邢台市市场监督管理局 and a plan (with its matter) of each department on an agency of its
    // own region; a clue of each county's named township room on its township government. 宁晋县's
    // room has no demo account: one is made for it (sys creates it, sec gives the role).
    async function makeSupervision() {
      const orgOf = (u) => me.get(u).user.org.id;
      const addMatter = async (id) => {
        const r = await city.get(`/api/v1/supervision/matters/${id}`);
        assert.equal(r.status, 200, r.text);
        const m = r.json;
        matters.push({ id: m.id, region: m.region_code, handling: m.handling_org_id, target: m.target_org_id, team: m.team.map((x) => x.org_id) });
      };
      const made = await city.post('/api/v1/supervision/matters', {
        source: 'complaint', categories: ['art11_3'], subject: '行政处罚案件办理情况', target_org_id: orgOf('agency.scjg'),
      });
      assert.equal(made.status, 201, `city.sup1 matter: ${made.text}`);
      await addMatter(made.json.id);
      const plan = async (username, target) => {
        const r = await clients.get(username).post('/api/v1/supervision/plans', {
          kind: 'routine', title: '日常监督计划', period_start: '2026-01-01', period_end: '2026-12-31', categories: ['art11_1'], target_org_ids: [target],
        });
        assert.equal(r.status, 201, `${username} plan: ${r.text}`);
        const p = r.json.plan;
        plans.push({ id: p.id, region: orgById.get(p.org_id).region_code, org: p.org_id });
        await addMatter(r.json.matter_ids[0]);
      };
      await plan('city.sup1', orgOf('agency.scjg'));
      await plan('xindu.sup1', orgOf('xindu.agency'));
      await plan('ningjin.sup1', orgOf('ningjin.agency'));

      const ningjinRoom = allOrgs.find((o) => o.kind === 'supervision_room' && o.region_code === '130528100');
      const roomPerson = (await ownedBy(ningjinRoom.id)).people[0];
      const password = 'Ningjin#Room-2026';
      const created = await clients.get('sys').post('/api/v1/users', {
        username: 'ningjin.room', display_name: roomPerson.name, org_id: ningjinRoom.id, person_id: roomPerson.id, password,
      });
      assert.equal(created.status, 201, created.text);
      const roles = await clients.get('sec').put(`/api/v1/users/${created.json.id}/roles`, { roles: ['room_supervisor'], version: created.json.version });
      assert.equal(roles.status, 200, roles.text);
      let njRoom = await server.login('ningjin.room', password);
      if (njRoom.user.must_change_password) {
        const changed = await njRoom.post('/api/v1/auth/password', { old_password: password, new_password: 'Ningjin#Room-2026b' });
        assert.equal(changed.status, 204, changed.text);
        njRoom = await server.login('ningjin.room', 'Ningjin#Room-2026b');
      }
      const clue = async (client, room) => {
        const township = allOrgs.find((o) => o.kind === 'township_gov' && o.region_code === room.region_code);
        const r = await client.post('/api/v1/supervision/clues', { target_org_id: township.id, content: '执法人员未出示执法证件' });
        assert.equal(r.status, 201, `clue: ${r.text}`);
        const region = r.json.county_org_id === orgOf('xindu.sup1') ? XINDU : NINGJIN;
        clues.push({ id: r.json.id, region, county: r.json.county_org_id, room: r.json.room_org_id });
      };
      await clue(clients.get('xindu.room'), orgById.get(orgOf('xindu.room')));
      await clue(njRoom, ningjinRoom);
      assert.deepEqual(matters.map((m) => m.region), [CITY, CITY, XINDU, NINGJIN]);
      assert.deepEqual(plans.map((p) => p.region), [CITY, XINDU, NINGJIN]);
      assert.deepEqual(clues.map((x) => x.region), [XINDU, NINGJIN]);

      // 监督建议书 (Art 15): each department's to an agency of its region, issued where the department has
      // a leader's account (信都区's stays a draft); guidance requests (Art 18) of both counties to the city.
      const suggest = async (username, target, issuer) => {
        const r = await clients.get(username).post('/api/v1/supervision/suggestions', {
          target_org_id: target, subject: '规范行政处罚裁量', body: ['建议细化行政处罚裁量基准。'],
        });
        assert.equal(r.status, 201, `${username} suggestion: ${r.text}`);
        let s = r.json;
        if (issuer) {
          const i = await clients.get(issuer).post(`/api/v1/supervision/suggestions/${s.id}/issue`, { version: s.version });
          assert.equal(i.status, 200, `${issuer} issue: ${i.text}`);
          s = i.json;
        }
        suggestions.push({ id: s.id, region: orgById.get(s.org_id).region_code, org: s.org_id, target: s.target_org_id, issued: s.status !== 'drafted' });
        // Its document, and once issued its delivery to the agency, join the documents of the docs matrix.
        docs.push({ id: s.document_id, issuer: s.org_id, issued: s.status !== 'drafted' });
        if (s.status !== 'drafted') {
          const d = await city.get(`/api/v1/documents/${s.document_id}/deliveries`);
          assert.equal(d.status, 200, d.text);
          for (const x of d.json.items) deliveries.push({ id: x.id, owner: x.recipient_org_id, document: s.document_id });
        }
      };
      await suggest('city.sup1', orgOf('agency.scjg'), 'city.leader');
      await suggest('xindu.sup1', orgOf('xindu.agency'), null);
      await suggest('ningjin.sup1', orgOf('ningjin.agency'), 'ningjin.leader');
      for (const u of ['xindu.sup1', 'ningjin.sup1']) {
        const r = await clients.get(u).post('/api/v1/supervision/guidance', { question: '提级监督的理由应当如何写明？' });
        assert.equal(r.status, 201, `${u} guidance: ${r.text}`);
        guidance.push({ id: r.json.id, region: orgById.get(r.json.from_org_id).region_code, from: r.json.from_org_id, to: r.json.to_org_id });
      }
      assert.deepEqual(suggestions.map((x) => [x.region, x.issued]), [[CITY, true], [XINDU, false], [NINGJIN, true]]);
      assert.deepEqual(guidance.map((x) => x.region), [XINDU, NINGJIN]);
    }

    // The data scope of an account as auth computes it (org/rules compute_scope): the whole city, region
    // prefixes, and organisation ids (its own and its subordinates'). Supervision objects match their
    // parties (the target, the team, the room) by organisation id only (supervision/scope.cpp).
    function scopeOf(username) {
      if (ADMINS.includes(username)) return { whole: true, prefixes: [], orgs: new Set() };
      const u = me.get(username).user;
      const own = orgById.get(u.org.id);
      if (u.roles.every((r) => ['expert', 'social_supervisor', 'evaluator'].includes(r)))
        return { whole: false, prefixes: [], orgs: new Set([own.id]) };
      if (['government', 'supervision_dept'].includes(own.kind))
        return own.level === 'city'
          ? { whole: true, prefixes: [], orgs: new Set() }
          : { whole: false, prefixes: [own.region_code.slice(0, 6)], orgs: new Set() };
      const subs = new Set([own.id]);
      const withSubordinates = ['supervision_room', 'organ', 'authorized', 'entrusted', 'dispatched', 'township_gov', 'vertical', 'enforcement_team'];
      if (withSubordinates.includes(own.kind)) {
        let grew = true;
        while (grew) {
          grew = false;
          for (const o of allOrgs)
            if (!subs.has(o.id) && [o.parent_id, o.entrusting_id].some((p) => p && subs.has(p))) {
              subs.add(o.id);
              grew = true;
            }
        }
      }
      const prefixes = own.kind === 'supervision_room' && own.region_code.length === 9 ? [own.region_code] : [];
      return { whole: false, prefixes, orgs: subs };
    }
    const covers = (s, region, orgId) => s.whole || s.prefixes.some((p) => region.startsWith(p)) || s.orgs.has(orgId);
    function matterVisible(username, m) {
      const s = scopeOf(username);
      return covers(s, m.region, m.handling) || s.orgs.has(m.target) || m.team.some((o) => s.orgs.has(o));
    }
    const planVisible = (username, p) => covers(scopeOf(username), p.region, p.org);
    function clueVisible(username, x) {
      const s = scopeOf(username);
      return covers(s, x.region, x.county) || s.orgs.has(x.room);
    }
    // A suggestion: its department's; once issued, the target agency's too (supervision/advice.cpp).
    function suggestionVisible(username, x) {
      const s = scopeOf(username);
      return covers(s, x.region, x.org) || (x.issued && s.orgs.has(x.target));
    }
    // A guidance request: the asking county department's and the city department's.
    function guidanceVisible(username, x) {
      const s = scopeOf(username);
      return covers(s, x.region, x.from) || s.orgs.has(x.to) || s.orgs.has(x.from);
    }

    // Disputes for the object routes of the coordination module, each with its applicant's own
    // 公函: 市本级 agency.scjg against a 信都区 agency (→ the city), xindu.agency against another
    // 信都区 agency (→ 信都区), ningjin.agency against ningjin.agency2's (→ 宁晋县), and a draft of
    // agency.scjg (its applicant's alone).
    async function makeDisputes() {
      const orgOf = (u) => me.get(u).user.org.id;
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
      const xinduOther = allOrgs.find((o) => o.region_code === XINDU && o.kind === 'organ' && o.id !== orgOf('xindu.agency'));
      const make = async (username, against, submit) => {
        const client = clients.get(username);
        const up = await client.request('POST', '/api/v1/attachments', {
          raw: pdf,
          headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('提请协调的公函.pdf') },
        });
        assert.equal(up.status, 201, `${username} letter: ${up.text}`);
        const basis = [{ law: '《中华人民共和国行政处罚法》', article: '第二十二条' }];
        const r = await client.post('/api/v1/disputes', {
          letter_attachment_id: up.json.id,
          focus: '对同一违法行为的管辖存在争议',
          parties: [
            { org_id: orgOf(username), position: '不属本机关职责', legal_basis: basis },
            { org_id: against, position: '不属本机关职责', legal_basis: basis },
          ],
          negotiation: { date: '2026-01-05', participants: '双方法制机构负责人', outcome: '未达成一致' },
        });
        assert.equal(r.status, 201, `${username} dispute: ${r.text}`);
        let d = r.json;
        if (submit) {
          const s = await client.post(`/api/v1/disputes/${d.id}/submit`, { version: d.version });
          assert.equal(s.status, 200, `${username} submit: ${s.text}`);
          d = s.json;
        }
        disputes.push({
          id: d.id,
          region: d.region_code,
          applicant: d.applicant_org_id,
          parties: d.parties.map((p) => p.org_id),
          competent: d.competent_org_id,
          draft: d.status === 'draft',
        });
      };
      await make('agency.scjg', orgOf('xindu.agency'), true);
      await make('xindu.agency', xinduOther.id, true);
      await make('ningjin.agency', orgOf('ningjin.agency2'), true);
      await make('agency.scjg', orgOf('xindu.agency'), false);
      assert.deepEqual(disputes.map((d) => d.region), [CITY, XINDU, NINGJIN, CITY]);
    }

    // Whether `username` sees dispute d (coordination/store.hpp visible()): its applicant's
    // organisation always; once submitted, its parties, the competent department, and whoever's
    // region scope (government and department: city or county; a township room: its township)
    // covers the competent region.
    function disputeVisible(username, d) {
      const u = me.get(username).user;
      const own = orgById.get(u.org.id);
      const allowed = allowedOrgIds(username);
      const orgs = allowed === null || ['government', 'supervision_dept'].includes(own.kind) ? new Set([own.id]) : allowed;
      if (orgs.has(d.applicant)) return true;
      if (d.draft) return false;
      if (orgs.has(d.competent) || d.parties.some((p) => orgs.has(p))) return true;
      if (!['government', 'supervision_dept', 'supervision_room'].includes(own.kind)) return false;
      if (own.level === 'city' && own.kind !== 'supervision_room') return true;
      const prefix = own.kind === 'supervision_room' ? own.region_code : own.region_code.slice(0, 6);
      return d.region.startsWith(prefix);
    }

    // A 1×1 PNG uploaded by every account that may upload; each is owned by the uploader's organisation.
    async function makeAttachments() {
      const png = Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f00050001ff' +
          '89993d1d0000000049454e44ae426082',
        'hex',
      );
      for (const [username, client] of clients) {
        if (!me.get(username).permissions.includes('file.upload')) continue;
        const r = await client.request('POST', '/api/v1/attachments', {
          raw: png,
          headers: { 'content-type': 'image/png', 'x-file-name': encodeURIComponent(`${username}现场照片.png`) },
        });
        assert.equal(r.status, 201, `${username} upload: ${r.text}`);
        attachments.push({ id: r.json.id, owner: me.get(username).user.org.id });
      }
      assert.ok(attachments.length >= 10, `attachments: ${attachments.length}`);
    }

    // Documents and deliveries for the object routes of the docs module: an issued one of
    // 邢台市司法局 delivered to 信都区 organisations, an issued one of 宁晋县司法局 delivered to a
    // 宁晋县 agency, and a draft of 信都区司法局.
    async function makeDocuments() {
      const orgOf = (u) => me.get(u).user.org.id;
      const draft = async (username, title) => {
        const r = await clients.get(username).post('/api/v1/documents', {
          doc_type: 'supervision_notice',
          title,
          recipients: [{ name: '被监督单位' }],
          body: ['经查，存在执法案卷不规范问题。', '请于三十日内整改。'],
          fields: { target_org: '被监督单位', correction_deadline: '30日' },
        });
        assert.equal(r.status, 201, `${username} draft: ${r.text}`);
        return r.json;
      };
      const issue = async (username, d) => {
        const r = await clients.get(username).post(`/api/v1/documents/${d.id}/issue`, {});
        assert.equal(r.status, 200, `${username} issue: ${r.text}`);
        docs.push({ id: d.id, issuer: d.issuer_org_id, issued: true });
        return r.json;
      };
      const deliver = async (username, d, recipientOrg) => {
        const r = await clients.get(username).post(`/api/v1/documents/${d.id}/deliveries`, {
          recipient_org_id: recipientOrg,
          channel: 'direct',
          delivered_on: d.issue_date,
        });
        assert.equal(r.status, 201, `${username} delivery: ${r.text}`);
        deliveries.push({ id: r.json.id, owner: recipientOrg, document: d.id });
      };
      const cityDoc = await issue('city.leader', await draft('city.leader', '关于规范行政执法案卷的通知'));
      for (const u of ['xindu.sup1', 'xindu.room', 'xindu.agency']) await deliver('city.leader', cityDoc, orgOf(u));
      const ningjinDoc = await issue('ningjin.leader', await draft('ningjin.leader', '关于宁晋县执法案卷整改的通知'));
      await deliver('ningjin.leader', ningjinDoc, orgOf('ningjin.agency'));
      const xinduDraft = await draft('xindu.sup1', '关于信都区执法案卷整改的通知');
      docs.push({ id: xinduDraft.id, issuer: xinduDraft.issuer_org_id, issued: false });
    }

    // A document is seen inside its issuer's scope and by the organisations it was delivered to.
    const docVisible = (inScope, d) =>
      inScope(d.issuer) || deliveries.some((v) => v.document === d.id && inScope(v.owner));

    // A document and a delivery owned inside `county`, for the foreign-object matrix.
    function docObjectsIn(county) {
      const inCounty = (orgId) => orgById.get(orgId).region_code.startsWith(county);
      const document = docs.find((d) => inCounty(d.issuer));
      const delivery = deliveries.find((d) => inCounty(d.owner));
      const attachment = attachments.find((a) => inCounty(a.owner));
      const dispute = disputes.find((d) => !d.draft && d.region.startsWith(county));
      const matter = matters.find((m) => m.region.startsWith(county));
      const plan = plans.find((p) => p.region.startsWith(county));
      const clue = clues.find((x) => x.region.startsWith(county));
      const suggestion = suggestions.find((x) => x.region.startsWith(county));
      const guide = guidance.find((x) => x.region.startsWith(county));
      const warning = warnings.find((x) => x.region.startsWith(county));
      const report = reports.find((x) => x.region.startsWith(county));
      return {
        document: document.id, delivery: delivery.id, deliveryDocument: delivery.document, attachment: attachment.id,
        dispute: dispute.id, matter: matter.id, plan: plan.id, clue: clue.id, suggestion: suggestion.id, guidance: guide.id,
        warning: warning?.id, report: report?.id,
      };
    }
    after(async () => {
      await server?.stop();
    });

    it('has a route table in which every route declares a known permission and a scope', () => {
      assert.ok(routes.length >= 30, `routes: ${routes.length}`);
      const bad = [];
      for (const r of routes) {
        const name = `${r.method} ${r.pattern}`;
        if (!r.permission) bad.push(`${name}: no permission`);
        else if (!isOpen(r.permission) && !KNOWN_PERMISSIONS.has(r.permission)) bad.push(`${name}: unknown permission ${r.permission}`);
        if (!r.scope || r.scope === 'unset') bad.push(`${name}: scope unset`);
        else if (!SCOPE_FORMS.test(r.scope)) bad.push(`${name}: unknown scope ${r.scope}`);
        if (r.scope?.startsWith('object:')) {
          if (!r.scope_kind || !r.pattern.includes(`{${r.scope_param}}`)) bad.push(`${name}: object scope without its parameter`);
        }
        if (r.permission === 'public' && !['public'].includes(r.scope)) bad.push(`${name}: public permission but scope ${r.scope}`);
        if (!r.summary) bad.push(`${name}: no summary`);
      }
      assert.deepEqual(bad, []);
      // A route naming an object by id is object-scoped, or (self) reaches only the caller's own rows.
      // Public routes (under /api/v1/public/) may name an object whose data is public, e.g. a signing key.
      for (const r of routes.filter((x) => /\{id\}/.test(x.pattern)))
        if (r.scope === 'public') assert.match(r.pattern, /^\/api\/v1\/public\//, `${r.method} ${r.pattern}`);
        else assert.match(r.scope, /^(object:|self$)/, `${r.method} ${r.pattern}`);
    });

    it('gives every demo account the permissions of its role (api-contract)', () => {
      const perms = (u) => [...me.get(u).permissions].sort();
      const supervisor = ['catalog.read', 'catalog.write', 'cert.read', 'dispute.handle', 'dispute.read', 'doc.draft', 'doc.read',
        'doc.receipt', 'file.read', 'file.upload', 'monitoring.handle', 'monitoring.read', 'org.read', 'person.read',
        'report.read', 'report.review', 'supervision.handle', 'supervision.read'];
      assert.deepEqual(perms('city.sup1'), supervisor);
      assert.deepEqual(perms('xindu.sup1'), supervisor);
      assert.deepEqual(perms('city.leader'), ['catalog.read', 'catalog.write', 'cert.read', 'cert.write', 'cockpit.read',
        'dispute.handle',
        'dispute.read', 'doc.draft', 'doc.issue', 'doc.read', 'doc.receipt', 'file.read', 'file.upload', 'monitoring.handle',
        'monitoring.read', 'org.read', 'person.read', 'person.write', 'pii.unmask', 'report.read', 'report.review',
        'supervision.handle', 'supervision.read']);
      const govLeader = ['catalog.read', 'cert.read', 'cockpit.read', 'dispute.decide', 'dispute.read', 'doc.issue', 'doc.read', 'file.read',
        'monitoring.read', 'org.read', 'person.read', 'report.read', 'supervision.decide', 'supervision.read'];
      assert.deepEqual(perms('gov.leader'), govLeader);
      assert.deepEqual(perms('ningjin.gov'), govLeader);
      assert.deepEqual(perms('xindu.room'), ['cert.read', 'dispute.read', 'doc.read', 'file.read', 'file.upload', 'org.read', 'person.read',
        'report.read', 'supervision.clue', 'supervision.read']);
      assert.deepEqual(perms('xindu.agency'), ['catalog.read', 'cert.read', 'dispute.file', 'dispute.read', 'doc.read', 'doc.receipt',
        'file.read', 'file.upload', 'monitoring.import', 'monitoring.respond', 'org.read', 'person.read', 'report.fill',
        'report.read', 'supervision.read', 'supervision.respond']);
      assert.deepEqual(perms('scjg.head'), ['catalog.read', 'cert.read', 'dispute.read', 'doc.read', 'file.read', 'monitoring.respond',
        'org.read', 'person.read', 'report.read', 'supervision.read']);
      assert.deepEqual(perms('sys'), ['calendar.write', 'cert.read', 'cert.write', 'monitoring.import', 'org.read',
        'org.write', 'person.read', 'person.write', 'user.read', 'user.write']);
      assert.deepEqual(perms('sec'), ['role.assign', 'user.read', 'user.unlock']);
      assert.deepEqual(perms('aud'), ['audit.read']);
      for (const u of ['expert1', 'social1', 'eval1']) assert.deepEqual(perms(u), [], u);
      assert.equal(me.get('xindu.sup1').user.org.region_code, XINDU);
      assert.equal(me.get('ningjin.sup1').user.org.region_code, NINGJIN);
    });

    it('answers 401 to an anonymous caller on every non-public route', async () => {
      const anon = server.anon();
      const values = await inScopeValues('city.sup1');
      let n = 0;
      for (const r of routes) {
        if (r.permission === 'public') continue;
        const res = await anon.request(r.method, pathFor(r, values), r.method === 'GET' ? {} : { body: {} });
        assert.equal(res.status, 401, `${r.method} ${r.pattern}: ${res.text}`);
        assert.equal(errorOf(res).code, 'unauthenticated');
        n++;
      }
      assert.equal(n, routes.filter((r) => r.permission !== 'public').length);
    });

    it('answers 403 to every account on every route whose permission it lacks, objects in its own scope', async () => {
      const failures = [];
      let checked = 0;
      for (const [username, client] of clients) {
        const held = new Set(me.get(username).permissions);
        const values = await inScopeValues(username);
        for (const r of routes) {
          if (isOpen(r.permission) || held.has(r.permission)) continue;
          const path = pathFor(r, values);
          const res = await client.request(r.method, path, r.method === 'GET' ? {} : { body: {} });
          checked++;
          if (res.status !== 403 || res.json?.error?.code !== 'forbidden')
            failures.push(`${username} ${r.method} ${path} (${r.permission}): ${res.status} ${res.text.slice(0, 200)}`);
          else errorOf(res);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(checked > 200, `cases: ${checked}`);
    });

    it('answers 200 to every account on every GET route it holds, objects in its own scope', async () => {
      const failures = [];
      let checked = 0;
      for (const [username, client] of clients) {
        const held = new Set(me.get(username).permissions);
        const values = await inScopeValues(username);
        for (const r of routes) {
          if (r.method !== 'GET' || r.permission === 'public') continue;
          if (r.permission !== 'authenticated' && !held.has(r.permission)) continue;
          // An organisation without people or certificates has no in-scope object of those kinds.
          if (['person', 'certificate'].includes(r.scope_kind) && !values.ownObjects) continue;
          // Nor, for most accounts, an issued document or a delivery of its own.
          if (r.scope_kind === 'document' && !values.ownDocument) continue;
          if (r.scope_kind === 'delivery' && !values.ownDelivery) continue;
          if (r.scope_kind === 'attachment' && !values.ownAttachment) continue;
          if (r.scope_kind === 'dispute' && !values.ownDispute) continue;
          if (r.scope_kind === 'matter' && !values.ownMatter) continue;
          if (r.scope_kind === 'plan' && !values.ownPlan) continue;
          if (r.scope_kind === 'clue' && !values.ownClue) continue;
          if (r.scope_kind === 'suggestion' && !values.ownSuggestion) continue;
          if (r.scope_kind === 'guidance' && !values.ownGuidance) continue;
          if (r.scope_kind === 'warning' && !values.ownWarning) continue;
          if (r.scope_kind === 'report' && !values.ownReport) continue;
          // The drill-down names an agency of the account's scope and a month (its own organisation will do).
          const drill = ['/api/v1/monitoring/acts', '/api/v1/monitoring/acts/export.xlsx'].includes(r.pattern) ? `?agency=${values.org}&month=2026-01` : '';
          const path = pathFor(r, values) + (SAMPLE_QUERY[r.pattern] ?? drill);
          const res = await client.get(path);
          checked++;
          // No dispute of the setup has reached the government's decision: the route answers its own
          // 404 (past the scope check, which answers not_found), not 200.
          const notYet = NOT_YET[r.pattern];
          if (notYet && res.status === 404 && res.json?.error?.code === notYet) continue;
          if (res.status !== 200) failures.push(`${username} GET ${path}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(checked > 100, `cases: ${checked}`);
    });

    // The county whose objects are foreign to `username`, and one of its organisations
    // outside the user's scope that owns people and certificates.
    async function foreignObjects(username) {
      if (ADMINS.includes(username)) return null; // administrators: the whole city
      const u = me.get(username).user;
      const county = u.org.region_code.startsWith(NINGJIN) ? XINDU : NINGJIN;
      const client = clients.get(username);
      let visible = new Set();
      if (me.get(username).permissions.includes('org.read'))
        visible = new Set((await fetchAll(client, `/api/v1/orgs?region=${county}`)).items.map((o) => o.id));
      for (const o of allOrgs.filter((x) => x.region_code.startsWith(county) && !visible.has(x.id))) {
        const own = await ownedBy(o.id);
        if (own.certs.length && own.people.length) {
          const foreignUser = usersByName.get(county === NINGJIN ? 'ningjin.sup1' : 'xindu.sup1');
          return {
            county, org: o.id, person: own.people[0].id, certificate: own.certs[0].id, user: foreignUser.id, number: certNumber,
            ...docObjectsIn(county),
          };
        }
      }
      return null; // the whole county is in scope (city-level accounts)
    }

    async function snapshot(v) {
      const get = async (p) => {
        const r = await city.get(p);
        assert.equal(r.status, 200, `${p}: ${r.text}`);
        return r.json;
      };
      const sys = clients.get('sys');
      const users = (await fetchAll(sys, '/api/v1/users', 100)).items.filter((x) => x.id === v.user);
      return {
        org: await get(`/api/v1/orgs/${v.org}`),
        staffing: await get(`/api/v1/orgs/${v.org}/staffing`),
        person: await get(`/api/v1/people/${v.person}`),
        certificate: await get(`/api/v1/certificates/${v.certificate}`),
        user: users,
        orgs: (await city.get('/api/v1/orgs?size=1')).json.total,
        people: (await city.get('/api/v1/people?size=1')).json.total,
        certificates: (await city.get('/api/v1/certificates?size=1')).json.total,
        document: await get(`/api/v1/documents/${v.document}`),
        deliveries: await get(`/api/v1/documents/${v.deliveryDocument}/deliveries`),
        documents: (await get('/api/v1/documents?size=200')).items.length,
        attachment: await get(`/api/v1/attachments/${v.attachment}`),
        dispute: await get(`/api/v1/disputes/${v.dispute}`),
        disputeEvents: (await get(`/api/v1/disputes/${v.dispute}/timeline`)).items.length,
        matter: await get(`/api/v1/supervision/matters/${v.matter}`),
        matterRecords: await get(`/api/v1/supervision/matters/${v.matter}/records`),
        matterEvents: (await get(`/api/v1/supervision/matters/${v.matter}/timeline`)).items.length,
        matters: (await get('/api/v1/supervision/matters?size=1')).total,
        plan: await get(`/api/v1/supervision/plans/${v.plan}`),
        clue: await get(`/api/v1/supervision/clues/${v.clue}`),
        clues: (await get('/api/v1/supervision/clues')).items.length,
        suggestion: await get(`/api/v1/supervision/suggestions/${v.suggestion}`),
        suggestions: (await get('/api/v1/supervision/suggestions')).items.length,
        guidance: await get(`/api/v1/supervision/guidance/${v.guidance}`),
        guidanceCount: (await get('/api/v1/supervision/guidance')).items.length,
        report: v.report ? await get(`/api/v1/reports/${v.report}`) : null,
        reports: (await get('/api/v1/reports?size=1')).total,
      };
    }

    // Calls every object route as `username` on foreign objects; returns the failures.
    async function foreignMatrix(username, v) {
      const client = clients.get(username);
      const held = new Set(me.get(username).permissions);
      const failures = [];
      let checked = 0;
      for (const r of routes.filter((x) => x.scope.startsWith('object:'))) {
        const path = pathFor(r, v);
        const res = await client.request(r.method, path, r.method === 'GET' ? {} : { body: {} });
        checked++;
        const want = isOpen(r.permission) || held.has(r.permission) ? [404, 'not_found'] : [403, 'forbidden'];
        if (res.status !== want[0] || res.json?.error?.code !== want[1])
          failures.push(`${username} ${r.method} ${path}: want ${want[0]}, got ${res.status} ${res.text.slice(0, 200)}`);
        else {
          const e = errorOf(res);
          if (want[0] === 404) assert.equal(e.message, '对象不存在或不在您的数据权限范围内');
        }
      }
      return { failures, checked };
    }

    it('xindu.sup1 (信都区司法局) gets 403 or 404 for every 宁晋县 object, and nothing changes', async () => {
      // Several 宁晋县 organisations, each with its people and certificates.
      const ningjinOrgs = allOrgs.filter((o) => o.region_code.startsWith(NINGJIN));
      assert.ok(ningjinOrgs.length >= 5, `宁晋县 orgs: ${ningjinOrgs.length}`);
      let tried = 0;
      for (const o of ningjinOrgs) {
        const own = await ownedBy(o.id);
        if (!own.people.length || !own.certs.length) continue;
        const v = {
          org: o.id,
          person: own.people[0].id,
          certificate: own.certs[0].id,
          user: usersByName.get('ningjin.sup1').id,
          number: certNumber,
          ...docObjectsIn(NINGJIN),
        };
        const before = await snapshot(v);
        const { failures, checked } = await foreignMatrix('xindu.sup1', v);
        assert.deepEqual(failures, []);
        assert.equal(checked, routes.filter((x) => x.scope.startsWith('object:')).length);
        assert.deepEqual(await snapshot(v), before);
        if (++tried === 3) break;
      }
      assert.equal(tried, 3, '3 宁晋县 organisations with people and certificates');
    });

    it('every account gets 404 (permission held) or 403 (not) for every object route on another county\'s objects', async () => {
      const failures = [];
      let accounts = 0;
      let checked = 0;
      for (const username of DEMO_USERS) {
        const v = await foreignObjects(username);
        if (!v) continue;
        const before = await snapshot(v);
        const r = await foreignMatrix(username, v);
        failures.push(...r.failures);
        checked += r.checked;
        assert.deepEqual(await snapshot(v), before, `${username}: foreign objects changed`);
        accounts++;
      }
      assert.deepEqual(failures, []);
      // Every county-, township- and agency-level account has foreign objects; city-level supervisors do not.
      for (const u of ['xindu.sup1', 'xindu.agency', 'xindu.room', 'ningjin.sup1', 'ningjin.leader', 'ningjin.gov',
        'ningjin.agency', 'ningjin.agency2', 'agency.scjg', 'scjg.head', 'expert1', 'social1', 'eval1'])
        assert.ok((await foreignObjects(u)) !== null, `${u} has foreign objects`);
      for (const u of ['city.sup1', 'city.leader', 'sys']) assert.equal(await foreignObjects(u), null, `${u} sees the whole city`);
      assert.ok(accounts >= 13 && checked >= 13 * 12, `accounts ${accounts}, cases ${checked}`);
    });

    // The organisations an account may see, from its organisation's kind and level
    // (org/rules kScopeTable): null for the whole city.
    function allowedOrgIds(username) {
      const u = me.get(username).user;
      const own = orgById.get(u.org.id);
      const participant = u.roles.every((r) => ['expert', 'social_supervisor', 'evaluator'].includes(r));
      if (participant) return new Set([own.id]);
      const countyWide = ['government', 'supervision_dept'].includes(own.kind);
      if (countyWide && own.level === 'city') return null;
      if (countyWide && own.level === 'county') {
        const county = own.region_code.slice(0, 6);
        return new Set(allOrgs.filter((o) => o.region_code.startsWith(county)).map((o) => o.id));
      }
      const ids = new Set([own.id]);
      if (own.kind === 'supervision_room' && own.region_code.length === 9)
        for (const o of allOrgs) if (o.region_code.startsWith(own.region_code)) ids.add(o.id);
      const withSubordinates = ['supervision_room', 'organ', 'authorized', 'entrusted', 'dispatched', 'township_gov', 'vertical', 'enforcement_team'];
      if (!withSubordinates.includes(own.kind)) return ids;
      // Subordinates: parent_id or entrusting_id leads (transitively) to the own organisation.
      const subs = new Set([own.id]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const o of allOrgs)
          if (!subs.has(o.id) && [o.parent_id, o.entrusting_id].some((p) => p && subs.has(p))) {
            subs.add(o.id);
            grew = true;
          }
      }
      for (const id of subs) ids.add(id);
      return ids;
    }

    it('filtered lists show xindu.sup1 only 信都区, whatever the query asks for', async () => {
      const c = clients.get('xindu.sup1');
      const xinduOrgIds = new Set(allOrgs.filter((o) => o.region_code.startsWith(XINDU)).map((o) => o.id));
      const orgs = await fetchAll(c, '/api/v1/orgs');
      assert.ok(orgs.total > 0);
      assert.equal(orgs.total, xinduOrgIds.size);
      for (const o of orgs.items) assert.ok(o.region_code.startsWith(XINDU), `${o.name} ${o.region_code}`);
      const people = await fetchAll(c, '/api/v1/people');
      assert.ok(people.total > 0);
      for (const p of people.items) assert.ok(xinduOrgIds.has(p.org_id), `${p.name} of ${p.org_name}`);
      const certs = await fetchAll(c, '/api/v1/certificates');
      assert.ok(certs.total > 0);
      for (const x of certs.items) assert.ok(xinduOrgIds.has(x.org_id), `${x.number} of ${x.org_name}`);
      const trainings = await fetchAll(c, '/api/v1/trainings');
      for (const t of trainings.items) assert.ok(xinduOrgIds.has(t.org_id), `training ${t.id}`);
      // Asking for 宁晋县 by filter finds nothing.
      const ningjinOrg = allOrgs.find((o) => o.region_code.startsWith(NINGJIN) && o.kind === 'supervision_dept');
      assert.equal((await c.get(`/api/v1/orgs?region=${NINGJIN}`)).json.total, 0);
      for (const p of ['people', 'certificates', 'trainings']) {
        const r = await c.get(`/api/v1/${p}?org_id=${ningjinOrg.id}`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.total, 0, `${p}?org_id=宁晋县司法局`);
        assert.deepEqual(r.json.items, []);
      }
      const ningjinDocs = await c.get(`/api/v1/documents?issuer_org_id=${ningjinOrg.id}`);
      assert.equal(ningjinDocs.status, 200, ningjinDocs.text);
      assert.deepEqual(ningjinDocs.json.items, []);
      assert.ok((await city.get(`/api/v1/documents?issuer_org_id=${ningjinOrg.id}`)).json.items.length > 0);
      const q = await c.get(`/api/v1/orgs?q=${encodeURIComponent('宁晋')}`);
      assert.equal(q.json.total, 0);
      // The tree holds 信都区 organisations only.
      const tree = await c.get('/api/v1/orgs/tree');
      assert.equal(tree.status, 200);
      const seen = [];
      const walkOrgs = (nodes) => nodes.forEach((n) => { seen.push(n.id); walkOrgs(n.children); });
      const walkRegions = (nodes) => nodes.forEach((n) => { walkOrgs(n.orgs); walkRegions(n.children); });
      walkRegions(tree.json);
      assert.ok(seen.length > 0);
      for (const id of seen) assert.ok(xinduOrgIds.has(id), `tree shows ${orgById.get(id)?.name}`);
    });

    it('finds no 宁晋县 person for xindu.sup1 even by the full ID number (blind-index search)', async () => {
      const leader = clients.get('city.leader');
      const ningjinPerson = (await fetchAll(city, `/api/v1/people?q=${encodeURIComponent('')}`)).items.find(
        (p) => p.id_no && allOrgs.find((o) => o.id === p.org_id)?.region_code.startsWith(NINGJIN),
      );
      const full = await leader.post(`/api/v1/people/${ningjinPerson.id}/unmask`, { reason: '范围测试' });
      assert.equal(full.status, 200, full.text);
      const byCity = await city.get(`/api/v1/people?q=${full.json.id_no}`);
      assert.equal(byCity.json.total, 1);
      const byXindu = await clients.get('xindu.sup1').get(`/api/v1/people?q=${full.json.id_no}`);
      assert.equal(byXindu.status, 200);
      assert.equal(byXindu.json.total, 0);
      assert.deepEqual(byXindu.json.items, []);
      const byName = await clients.get('xindu.sup1').get(`/api/v1/people?q=${encodeURIComponent(ningjinPerson.name)}`);
      assert.ok(byName.json.items.every((p) => p.id !== ningjinPerson.id));
    });

    it('filtered lists of every account stay inside its scope', async () => {
      const failures = [];
      for (const username of DEMO_USERS) {
        const held = new Set(me.get(username).permissions);
        const c = clients.get(username);
        const allowed = ADMINS.includes(username) ? null : allowedOrgIds(username);
        const inScope = (orgId) => allowed === null || allowed.has(orgId);
        if (held.has('org.read')) {
          const orgs = await fetchAll(c, '/api/v1/orgs');
          for (const o of orgs.items) if (!inScope(o.id)) failures.push(`${username} /orgs shows ${o.name}`);
          if (allowed !== null && orgs.total !== allowed.size) failures.push(`${username} /orgs total ${orgs.total} ≠ ${allowed.size}`);
          for (const t of (await fetchAll(c, '/api/v1/trainings')).items)
            if (!inScope(t.org_id)) failures.push(`${username} /trainings shows ${t.id}`);
        }
        if (held.has('person.read'))
          for (const p of (await fetchAll(c, '/api/v1/people')).items)
            if (!inScope(p.org_id)) failures.push(`${username} /people shows ${p.name} of ${p.org_name}`);
        if (held.has('cert.read'))
          for (const x of (await fetchAll(c, '/api/v1/certificates')).items)
            if (!inScope(x.org_id)) failures.push(`${username} /certificates shows ${x.number}`);
        if (held.has('doc.read')) {
          const r = await c.get('/api/v1/documents?size=200');
          for (const d of r.json.items)
            if (!docVisible(inScope, docs.find((x) => x.id === d.id))) failures.push(`${username} /documents shows ${d.title}`);
          const own = docs.filter((d) => docVisible(inScope, d)).length;
          if (r.json.items.length !== own) failures.push(`${username} /documents: ${r.json.items.length} ≠ ${own}`);
        }
        if (held.has('dispute.read')) {
          const r = await c.get('/api/v1/disputes?size=100');
          const seen = new Set(r.json.items.map((d) => d.id));
          for (const d of disputes)
            if (seen.has(d.id) !== disputeVisible(username, d))
              failures.push(`${username} /disputes ${seen.has(d.id) ? 'shows' : 'hides'} ${d.id} (${d.region}${d.draft ? ', draft' : ''})`);
          if (r.json.total !== seen.size) failures.push(`${username} /disputes total ${r.json.total} ≠ ${seen.size}`);
        }
        if (held.has('supervision.read')) {
          const r = await c.get('/api/v1/supervision/matters?size=100');
          const seen = new Set(r.json.items.map((m) => m.id));
          for (const m of matters)
            if (seen.has(m.id) !== matterVisible(username, m))
              failures.push(`${username} /supervision/matters ${seen.has(m.id) ? 'shows' : 'hides'} ${m.id} (${m.region})`);
          if (r.json.total !== seen.size || seen.size !== matters.filter((m) => matterVisible(username, m)).length)
            failures.push(`${username} /supervision/matters total ${r.json.total}, items ${seen.size}`);
          const cl = new Set((await c.get('/api/v1/supervision/clues')).json.items.map((x) => x.id));
          for (const x of clues)
            if (cl.has(x.id) !== clueVisible(username, x))
              failures.push(`${username} /supervision/clues ${cl.has(x.id) ? 'shows' : 'hides'} ${x.id} (${x.region})`);
          if (cl.size !== clues.filter((x) => clueVisible(username, x)).length) failures.push(`${username} /supervision/clues: ${cl.size}`);
          for (const [path, list, visible] of [
            ['/api/v1/supervision/suggestions', suggestions, suggestionVisible],
            ['/api/v1/supervision/guidance', guidance, guidanceVisible],
          ]) {
            const got = new Set((await c.get(path)).json.items.map((x) => x.id));
            for (const x of list)
              if (got.has(x.id) !== visible(username, x)) failures.push(`${username} ${path} ${got.has(x.id) ? 'shows' : 'hides'} ${x.id} (${x.region})`);
            if (got.size !== list.filter((x) => visible(username, x)).length) failures.push(`${username} ${path}: ${got.size}`);
          }
        }
        // The analysis (Art 15) names only agencies of the account's scope; a county's account asking for
        // the other county, for the analysis or the cockpit, is 404.
        if (held.has('report.review')) {
          const r = await c.get('/api/v1/analysis');
          if (r.status !== 200) failures.push(`${username} /analysis: ${r.status}`);
          else
            for (const x of [...r.json.outliers, ...r.json.inaction, ...r.json.reconsideration])
              if (!inScope(x.agency_id)) failures.push(`${username} /analysis shows ${x.agency_name}`);
        }
        const own = me.get(username).user.org?.region_code ?? '';
        if (own.startsWith(XINDU) || own.startsWith(NINGJIN)) {
          const other = own.startsWith(XINDU) ? NINGJIN : XINDU;
          for (const [perm, path] of [['report.review', '/api/v1/analysis'], ['cockpit.read', '/api/v1/cockpit']]) {
            if (!held.has(perm)) continue;
            for (const region of [other, CITY]) {
              const r = await c.get(`${path}?region=${region}`);
              if (r.status !== 404) failures.push(`${username} ${path}?region=${region}: ${r.status}`);
            }
          }
        }
        if (held.has('user.read')) {
          const users = await fetchAll(c, '/api/v1/users', 100);
          // Every demo account and the 宁晋县 room's account made in setup.
          assert.equal(users.total, DEMO_USERS.length + 1, `${username} (whole city) sees every account`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
