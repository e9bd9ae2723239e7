// Login, lockout, sessions, CSRF, TOTP for administrators, password change,
// users and roles over real HTTP, on each database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  DBS, DEMO_PASSWORD, DEMO_USERS, startServer, expectError, expectStatus, errorOf, fetchAll, totpCode, totpStep,
  Client,
} from './lib.mjs';

const NEW_PASSWORD = 'Shunde&Road-2027';

// Runs one SQL statement on the server's database with the database's own client, as an operator
// (or a clock) would change it: used to age a session instead of waiting 30 minutes.
function sql(server, statement) {
  if (server.kind === 'sqlite') {
    const path = server.dbUrl.slice('sqlite://'.length);
    execFileSync('sqlite3', ['-cmd', '.timeout 5000', path, statement], { stdio: 'pipe' });
  } else {
    execFileSync('psql', [server.dbUrl, '-v', 'ON_ERROR_STOP=1', '-qc', statement], { stdio: 'pipe' });
  }
}

for (const kind of DBS) {
  describe(`auth (${kind})`, () => {
    let server;
    let sys;
    let sec;
    let usersByName;
    before(async () => {
      server = await startServer(kind);
      sys = await server.admin('sys');
      sec = await server.admin('sec');
      usersByName = new Map((await fetchAll(sys, '/api/v1/users', 100)).items.map((u) => [u.username, u]));
    });
    after(async () => {
      await server?.stop();
    });

    const tryLogin = (client, username, password, extra = {}) =>
      client.post('/api/v1/auth/login', { username, password, ...extra });

    it('logs in with a session cookie, the user, the permissions and a CSRF token', async () => {
      const res = await tryLogin(server.anon(), 'city.sup1', DEMO_PASSWORD);
      assert.equal(res.status, 200, res.text);
      const cookie = res.headers.get('set-cookie');
      assert.match(cookie, /^lecs_session=[A-Za-z0-9_-]{40,}; /);
      for (const attr of ['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']) assert.ok(cookie.includes(attr), `${attr} in ${cookie}`);
      assert.ok(!cookie.includes('Secure'), 'no Secure flag on a loopback listener');
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.json.user.username, 'city.sup1');
      assert.deepEqual(res.json.user.roles, ['supervisor']);
      assert.equal(res.json.user.org.region_code, '130500');
      assert.equal(res.json.user.must_change_password, false);
      assert.deepEqual([...res.json.permissions].sort(), ['catalog.read', 'catalog.write', 'cert.read', 'dispute.handle', 'dispute.read', 'doc.draft', 'doc.read', 'doc.receipt', 'file.read', 'file.upload', 'monitoring.handle', 'monitoring.read', 'org.read', 'person.read', 'report.read', 'report.review', 'supervision.handle', 'supervision.read']);
      assert.match(res.json.csrf_token, /^[A-Za-z0-9_-]{40,}$/);
      assert.ok(!res.text.includes('password_hash') && !res.text.includes(DEMO_PASSWORD));
    });

    it('answers /me with the same user and CSRF token as the login', async () => {
      const c = await server.login('xindu.sup1');
      const me = await c.get('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal(me.json.csrf_token, c.csrf);
      assert.equal(me.json.user.username, 'xindu.sup1');
      assert.equal(me.json.user.org.region_code, '130503');
      assert.deepEqual([...me.json.permissions].sort(), ['catalog.read', 'catalog.write', 'cert.read', 'dispute.handle', 'dispute.read', 'doc.draft', 'doc.read', 'doc.receipt', 'file.read', 'file.upload', 'monitoring.handle', 'monitoring.read', 'org.read', 'person.read', 'report.read', 'report.review', 'supervision.handle', 'supervision.read']);
    });

    it('gives an unknown user exactly the answer of a wrong password', async () => {
      const a = server.anon();
      const wrong = await tryLogin(a, 'city.sup2', 'Wrong#Password1');
      const unknown = await tryLogin(a, 'nobody.here', 'Wrong#Password1');
      expectError(wrong, 401, 'auth.invalid_credentials', { message: '用户名或密码错误' });
      expectError(unknown, 401, 'auth.invalid_credentials', { message: '用户名或密码错误' });
      assert.equal(unknown.text, wrong.text);
      assert.equal(wrong.headers.get('set-cookie'), null);
    });

    it('refuses a login body with missing, wrong-typed or overlong fields', async () => {
      const a = server.anon();
      const cases = [
        [{ password: DEMO_PASSWORD }, 'validation.required', 'username', '「用户名」不能为空'],
        [{ username: '', password: DEMO_PASSWORD }, 'validation.required', 'username', '「用户名」不能为空'],
        [{ username: 'city.sup1' }, 'validation.required', 'password', '「密码」不能为空'],
        [{ username: 42, password: DEMO_PASSWORD }, 'validation.wrong_type', 'username', '「用户名」格式不正确'],
        [{ username: 'city.sup1', password: ['x'] }, 'validation.wrong_type', 'password', '「密码」格式不正确'],
        [{ username: 'u'.repeat(65), password: DEMO_PASSWORD }, 'validation.too_long', 'username', '不能超过64个字'],
        [{ username: 'city.sup1', password: 'p'.repeat(129) }, 'validation.too_long', 'password', '不能超过128个字'],
        [{ username: 'city.sup1', password: DEMO_PASSWORD, totp: 123456 }, 'validation.wrong_type', 'totp', '格式不正确'],
      ];
      for (const [body, code, field, message] of cases) {
        const res = await a.post('/api/v1/auth/login', body);
        expectError(res, 400, code, { field, message });
        assert.equal(res.headers.get('set-cookie'), null);
      }
    });

    it('locks an account after 5 failures for 30 minutes, even against the right password', async () => {
      const a = server.anon();
      for (let i = 1; i <= 4; i++)
        expectError(await tryLogin(a, 'city.sup3', `Wrong#Password${i}`), 401, 'auth.invalid_credentials');
      // The fifth failure locks.
      expectError(await tryLogin(a, 'city.sup3', 'Wrong#Password5'), 401, 'auth.locked', { message: '锁定30分钟' });
      const right = await tryLogin(a, 'city.sup3', DEMO_PASSWORD);
      expectError(right, 401, 'auth.locked', { message: '账户已被锁定30分钟' });
      assert.equal(right.headers.get('set-cookie'), null);
      // From another address too: the lockout is the account's, not the IP's.
      expectError(await tryLogin(server.anon(), 'city.sup3', DEMO_PASSWORD), 401, 'auth.locked');
    });

    it('locks an unknown name the same way, so lockout does not reveal accounts', async () => {
      const a = server.anon();
      const answers = [];
      for (let i = 1; i <= 6; i++) answers.push(await tryLogin(a, 'ghost.account', `Wrong#Password${i}`));
      for (let i = 0; i < 4; i++) expectError(answers[i], 401, 'auth.invalid_credentials');
      expectError(answers[4], 401, 'auth.locked');
      expectError(answers[5], 401, 'auth.locked');
      // Word for word the answer of a locked account.
      assert.equal(answers[5].json.error.message, '登录失败次数过多，账户已被锁定30分钟，请稍后再试或联系安全管理员解锁');
      assert.equal(answers[4].text, answers[5].text);
    });

    it('lets the security administrator unlock a locked account', async () => {
      const a = server.anon();
      for (let i = 1; i <= 5; i++) await tryLogin(a, 'city.sup2', `Wrong#Password${i}`);
      expectError(await tryLogin(a, 'city.sup2', DEMO_PASSWORD), 401, 'auth.locked');
      const id = usersByName.get('city.sup2').id;
      // sys may not unlock (三权分立: user.unlock is the security administrator's).
      expectError(await sys.post(`/api/v1/users/${id}/unlock`, {}), 403, 'forbidden');
      expectError(await tryLogin(a, 'city.sup2', DEMO_PASSWORD), 401, 'auth.locked');
      expectStatus(await sec.post(`/api/v1/users/${id}/unlock`, {}), 204);
      const ok = await tryLogin(a, 'city.sup2', DEMO_PASSWORD);
      assert.equal(ok.status, 200, ok.text);
    });

    it('limits login attempts per IP to 20 a minute (429)', async () => {
      const a = server.anon();
      for (let i = 1; i <= 20; i++) {
        const res = await tryLogin(a, `flood${i}`, 'Wrong#Password1');
        expectError(res, 401, 'auth.invalid_credentials');
      }
      const res = await tryLogin(a, 'city.sup1', DEMO_PASSWORD);
      expectError(res, 429, 'rate_limited', { message: '登录尝试过于频繁' });
      assert.equal(res.headers.get('set-cookie'), null);
      // Another address is not affected.
      assert.equal((await tryLogin(server.anon(), 'city.sup1', DEMO_PASSWORD)).status, 200);
    });

    it('answers 401 to a bogus, overlong, empty or logged-out session cookie', async () => {
      const cookies = [
        'lecs_session=bogus',
        `lecs_session=${'A'.repeat(43)}`,
        `lecs_session=${'A'.repeat(5000)}`,
        'lecs_session=',
        'other=1',
      ];
      for (const cookie of cookies) {
        const c = new Client(server.base, cookie, 'x');
        expectError(await c.get('/api/v1/me'), 401, 'unauthenticated', { message: '请先登录' });
        expectError(await c.get('/api/v1/orgs'), 401, 'unauthenticated');
        c.close();
      }
    });

    it('ends the session at logout (204, cookie cleared, the token refused afterwards)', async () => {
      const c = await server.login('gov.leader');
      assert.equal((await c.get('/api/v1/me')).status, 200);
      // Logout is state-changing: CSRF applies.
      expectError(await c.post('/api/v1/auth/logout', {}, { headers: { 'x-csrf-token': 'wrong' } }), 403, 'csrf.invalid');
      assert.equal((await c.get('/api/v1/me')).status, 200);
      const out = await c.post('/api/v1/auth/logout', {});
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie'), /^lecs_session=; .*Max-Age=0/);
      expectError(await c.get('/api/v1/me'), 401, 'unauthenticated');
      expectError(await c.get('/api/v1/orgs'), 401, 'unauthenticated');
      expectError(await c.post('/api/v1/auth/logout', {}), 401, 'unauthenticated');
    });

    it('ends a session idle for 30 minutes, and any session 12 hours after login (401)', async () => {
      const minute = 60 * 1000;
      const ofUser = (name) => `user_id = (SELECT id FROM users WHERE username = '${name}')`;
      // Idle: 29 minutes without a request is still a session; 31 minutes is not.
      const idle = await server.login('ningjin.agency2');
      sql(server, `UPDATE sessions SET last_seen_at = last_seen_at - ${29 * minute} WHERE ${ofUser('ningjin.agency2')}`);
      assert.equal((await idle.get('/api/v1/me')).status, 200);
      sql(server, `UPDATE sessions SET last_seen_at = last_seen_at - ${31 * minute} WHERE ${ofUser('ningjin.agency2')}`);
      expectError(await idle.get('/api/v1/me'), 401, 'unauthenticated');
      // Absolute: used a moment ago, but logged in 12 hours and a minute ago.
      const old = await server.login('ningjin.agency');
      assert.equal((await old.get('/api/v1/me')).status, 200);
      sql(server, `UPDATE sessions SET created_at = created_at - ${(12 * 60 + 1) * minute}, ` +
        `expires_at = expires_at - ${(12 * 60 + 1) * minute} WHERE ${ofUser('ningjin.agency')}`);
      expectError(await old.get('/api/v1/me'), 401, 'unauthenticated');
    });

    it('refuses a state-changing call with a missing or wrong X-CSRF-Token (403 csrf.invalid), changing nothing', async () => {
      const leader = await server.login('city.leader');
      const person = (await leader.get('/api/v1/people?size=1')).json.items[0];
      const body = { version: person.version, position: '已被篡改' };
      for (const token of [undefined, '', 'wrong', leader.csrf.slice(0, -1), leader.csrf + 'x']) {
        const headers = token === undefined ? { 'x-csrf-token': undefined } : { 'x-csrf-token': token };
        const res = await leader.patch(`/api/v1/people/${person.id}`, body, { headers });
        expectError(res, 403, 'csrf.invalid', { message: '请求校验失败' });
      }
      // Another session's token does not fit either.
      const other = await server.login('city.leader');
      expectError(await leader.patch(`/api/v1/people/${person.id}`, body, { headers: { 'x-csrf-token': other.csrf } }), 403, 'csrf.invalid');
      const after = await leader.get(`/api/v1/people/${person.id}`);
      assert.deepEqual(after.json, person);
      // A GET needs no token.
      assert.equal((await leader.get('/api/v1/people?size=1', { headers: { 'x-csrf-token': undefined } })).status, 200);
    });

    it('changes the password: policy, wrong old password, other sessions ended', async () => {
      const c = await server.login('social1');
      const other = await server.login('social1');
      const cases = [
        [{ new_password: NEW_PASSWORD }, 400, 'validation.required', 'old_password'],
        [{ old_password: DEMO_PASSWORD }, 400, 'validation.required', 'new_password'],
        [{ old_password: 'Wrong#Password1', new_password: NEW_PASSWORD }, 400, 'auth.wrong_password', 'old_password'],
        [{ old_password: DEMO_PASSWORD, new_password: 'Short#1a' }, 400, 'auth.password_policy', 'new_password'],
        [{ old_password: DEMO_PASSWORD, new_password: 'alllowercaseletters' }, 400, 'auth.password_policy', 'new_password'],
        [{ old_password: DEMO_PASSWORD, new_password: 'Social1#Password' }, 400, 'auth.password_policy', 'new_password'],
        [{ old_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD }, 400, 'auth.password_policy', 'new_password'],
      ];
      for (const [body, status, code, field] of cases) expectError(await c.post('/api/v1/auth/password', body), status, code, { field });
      const e = expectError(await c.post('/api/v1/auth/password', { old_password: DEMO_PASSWORD, new_password: 'Short#1a' }), 400, 'auth.password_policy');
      assert.ok(e.message.includes('12'), e.message);
      assert.ok(e.basis.length > 0, 'the policy error cites its basis');
      // Nothing changed so far: the other session still works and the old password still logs in.
      assert.equal((await other.get('/api/v1/me')).status, 200);
      assert.equal((await c.post('/api/v1/auth/password', { old_password: DEMO_PASSWORD, new_password: NEW_PASSWORD })).status, 204);
      assert.equal((await c.get('/api/v1/me')).status, 200, 'the changing session lives on');
      expectError(await other.get('/api/v1/me'), 401, 'unauthenticated');
      expectError(await tryLogin(server.anon(), 'social1', DEMO_PASSWORD), 401, 'auth.invalid_credentials');
      assert.equal((await tryLogin(server.anon(), 'social1', NEW_PASSWORD)).status, 200);
    });

    it('forces a password change after a reset: only self routes until then', async () => {
      const id = usersByName.get('ningjin.gov').id;
      const temp = 'Temporary#Pass2026';
      const before = await server.login('ningjin.gov');
      expectError(await sys.post(`/api/v1/users/${id}/reset-password`, { new_password: temp }), 403, 'forbidden');
      expectError(await sec.post(`/api/v1/users/${id}/reset-password`, { new_password: 'weak' }), 400, 'auth.password_policy');
      expectError(await sec.post(`/api/v1/users/${id}/reset-password`, {}), 400, 'validation.required', { field: 'new_password' });
      assert.equal((await before.get('/api/v1/me')).status, 200, 'refused resets end nothing');
      expectStatus(await sec.post(`/api/v1/users/${id}/reset-password`, { new_password: temp }), 204);
      expectError(await before.get('/api/v1/me'), 401, 'unauthenticated');
      const c = await server.login('ningjin.gov', temp);
      assert.equal(c.user.must_change_password, true);
      expectError(await c.get('/api/v1/orgs'), 403, 'auth.password_change_required', { message: '请先修改密码' });
      expectError(await c.get('/api/v1/people'), 403, 'auth.password_change_required');
      assert.equal((await c.get('/api/v1/me')).status, 200);
      expectStatus(await c.post('/api/v1/auth/password', { old_password: temp, new_password: NEW_PASSWORD }), 204);
      assert.equal((await c.get('/api/v1/orgs?size=1')).status, 200);
    });

    it('gives an administrator no permissions until TOTP is enrolled, then demands the code at login', async () => {
      const first = await server.login('aud');
      assert.deepEqual(first.permissions, []);
      assert.equal(first.user.must_enrol_totp, true);
      expectError(await first.get('/api/v1/audit'), 403, 'forbidden');
      expectError(await first.post('/api/v1/auth/totp/confirm', { code: '123456' }), 409, 'auth.totp_not_enrolled');
      const enrol = await first.post('/api/v1/auth/totp/enroll', {});
      assert.equal(enrol.status, 200, enrol.text);
      assert.match(enrol.json.secret, /^[A-Z2-7]{32}$/);
      assert.equal(enrol.json.otpauth_uri, `otpauth://totp/LECS:aud?secret=${enrol.json.secret}&issuer=LECS`);
      const secret = enrol.json.secret;
      const step = totpStep();
      const wrong = String((Number(totpCode(secret, step)) + 1) % 1000000).padStart(6, '0');
      expectError(await first.post('/api/v1/auth/totp/confirm', { code: wrong }), 400, 'auth.totp_invalid', { field: 'code' });
      expectError(await first.post('/api/v1/auth/totp/confirm', { code: 'abcdef' }), 400, 'auth.totp_invalid');
      expectError(await first.post('/api/v1/auth/totp/confirm', {}), 400, 'validation.required', { field: 'code' });
      expectStatus(await first.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, step) }), 204);
      expectError(await first.post('/api/v1/auth/totp/enroll', {}), 409, 'auth.totp_already_enabled');
      const a = server.anon();
      expectError(await tryLogin(a, 'aud', DEMO_PASSWORD), 401, 'auth.totp_required', { field: 'totp', message: '请输入动态验证码' });
      expectError(await tryLogin(a, 'aud', DEMO_PASSWORD, { totp: wrong }), 401, 'auth.totp_invalid', { field: 'totp' });
      // The code of the confirmed step was used: a replay is refused.
      expectError(await tryLogin(a, 'aud', DEMO_PASSWORD, { totp: totpCode(secret, step) }), 401, 'auth.totp_invalid');
      const ok = await tryLogin(server.anon(), 'aud', DEMO_PASSWORD, { totp: totpCode(secret, step + 1) });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.json.permissions, ['audit.read']);
      assert.equal(ok.json.user.totp_enabled, true);
      assert.equal(ok.json.user.must_enrol_totp, false);
    });

    it('creates users with a bad-input table, each refusal leaving the list unchanged', async () => {
      const orgId = usersByName.get('xindu.sup1').org.id;
      const total = async () => (await sys.get('/api/v1/users?size=1')).json.total;
      const before = await total();
      assert.equal(before, DEMO_USERS.length);
      const good = { username: 'xindu.clerk', display_name: '信都区文员', org_id: orgId, password: 'Xindu#Clerk-2026' };
      const cases = [
        [{ ...good, username: undefined }, 400, 'validation.required', 'username'],
        [{ ...good, username: 'x'.repeat(33) }, 400, 'validation.too_long', 'username'],
        [{ ...good, username: 'Bad Name' }, 400, 'auth.invalid_username', 'username'],
        [{ ...good, username: '.dot' }, 400, 'auth.invalid_username', 'username'],
        [{ ...good, username: 7 }, 400, 'validation.wrong_type', 'username'],
        [{ ...good, display_name: '' }, 400, 'validation.required', 'display_name'],
        [{ ...good, display_name: '名'.repeat(65) }, 400, 'validation.too_long', 'display_name'],
        [{ ...good, org_id: undefined }, 400, 'validation.required', 'org_id'],
        [{ ...good, org_id: 'abc' }, 400, 'validation.wrong_type', 'org_id'],
        [{ ...good, org_id: '999999999' }, 400, 'auth.org_not_found', 'org_id'],
        [{ ...good, password: undefined }, 400, 'validation.required', 'password'],
        [{ ...good, password: 'short' }, 400, 'auth.password_policy', 'password'],
        [{ ...good, password: 'Xindu.Clerk#2026' }, 400, 'auth.password_policy', 'password'],
        [{ ...good, username: 'city.sup1' }, 409, 'auth.username_taken', 'username'],
      ];
      for (const [body, status, code, field] of cases) {
        const res = await sys.post('/api/v1/users', body);
        expectError(res, status, code, { field });
      }
      // Only sys_admin creates users; sec and a supervisor may not.
      expectError(await sec.post('/api/v1/users', good), 403, 'forbidden');
      expectError(await (await server.session('city.sup1')).post('/api/v1/users', good), 403, 'forbidden');
      assert.equal(await total(), before);
      const created = await sys.post('/api/v1/users', good);
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.username, 'xindu.clerk');
      assert.deepEqual(created.json.roles, []);
      assert.equal(created.json.org.region_code, '130503');
      assert.equal(await total(), before + 1);
    });

    // Server bug (reported): auth/service.cpp create_user stores person_id unchecked,
    // so an account can link to a person who does not exist or works elsewhere.
    it('refuses a person_id that does not exist or belongs to another organisation', async () => {
      const orgId = usersByName.get('xindu.sup1').org.id;
      const elsewhere = usersByName.get('city.sup1').person_id;
      const total = async () => (await sys.get('/api/v1/users?size=1')).json.total;
      const before = await total();
      const body = { display_name: '关联测试', org_id: orgId, password: 'Xindu#Clerk-2026' };
      const wrong = [];
      for (const [username, person_id] of [['link.unknown', '999999999'], ['link.elsewhere', elsewhere]]) {
        const res = await sys.post('/api/v1/users', { ...body, username, person_id });
        if (res.status !== 400 || res.json?.error?.field !== 'person_id') wrong.push(`${username}: ${res.status} ${res.text.slice(0, 120)}`);
      }
      assert.deepEqual(wrong, []);
      assert.equal(await total(), before);
    });

    it('replays a creating POST with the same Idempotency-Key and body, and refuses the key with another body', async () => {
      const orgId = usersByName.get('ningjin.sup1').org.id;
      const body = { username: 'ningjin.clerk', display_name: '宁晋县文员', org_id: orgId, password: 'Ningjin#Clerk-2026' };
      const total = async () => (await sys.get('/api/v1/users?size=1')).json.total;
      const before = await total();
      const headers = { 'idempotency-key': 'create-ningjin-clerk-1' };
      const first = await sys.post('/api/v1/users', body, { headers });
      assert.equal(first.status, 201, first.text);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const again = await sys.post('/api/v1/users', body, { headers });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.text, first.text);
      const other = await sys.post('/api/v1/users', { ...body, display_name: '别的人' }, { headers });
      expectError(other, 422, 'idempotency.key_reused', { field: 'Idempotency-Key', message: '同一幂等键不能用于不同的请求' });
      assert.equal(await total(), before + 1, 'exactly one row created');
      // Without the key the duplicate is an ordinary conflict.
      expectError(await sys.post('/api/v1/users', body), 409, 'auth.username_taken');
      // Keys are per user: another administrator's identical key is a fresh request (refused by permission here).
      expectError(await sec.post('/api/v1/users', body, { headers }), 403, 'forbidden');
      expectError(await sys.post('/api/v1/users', body, { headers: { 'idempotency-key': 'k'.repeat(129) } }), 422, 'idempotency.key_invalid');
      // A refused request frees its key: the same key with a corrected body then succeeds.
      const k2 = { 'idempotency-key': 'create-ningjin-clerk-2' };
      expectError(await sys.post('/api/v1/users', { ...body, username: 'ningjin.clerk2', password: 'weak' }, { headers: k2 }), 400, 'auth.password_policy');
      const fixed = await sys.post('/api/v1/users', { ...body, username: 'ningjin.clerk2' }, { headers: k2 });
      assert.equal(fixed.status, 201, fixed.text);
      assert.equal(await total(), before + 2);
    });

    it('sets roles: 三权分立, unknown role, stale version, own roles, permission', async () => {
      const target = (await fetchAll(sys, '/api/v1/users', 100)).items.find((u) => u.username === 'eval1');
      const path = `/api/v1/users/${target.id}/roles`;
      const cases = [
        [sec, { roles: ['sys_admin', 'audit_admin'], version: target.version }, 400, 'auth.separation_of_duties', 'roles'],
        [sec, { roles: ['emperor'], version: target.version }, 400, 'auth.unknown_role', 'roles'],
        [sec, { roles: 'supervisor', version: target.version }, 400, 'validation.wrong_type', 'roles'],
        [sec, { version: target.version }, 400, 'validation.required', 'roles'],
        [sec, { roles: ['supervisor'] }, 400, 'validation.required', 'version'],
        [sec, { roles: ['supervisor'], version: '1' }, 400, 'validation.wrong_type', 'version'],
        [sec, { roles: ['supervisor'], version: target.version + 7 }, 409, 'version_conflict', 'version'],
        [sys, { roles: ['supervisor'], version: target.version }, 403, 'forbidden', ''],
      ];
      for (const [client, body, status, code, field] of cases) expectError(await client.put(path, body), status, code, { field });
      const e = expectError(await sec.put(path, { roles: ['sys_admin', 'security_admin'], version: target.version }), 400, 'auth.separation_of_duties');
      assert.ok(e.message.includes('三权分立'));
      assert.ok(e.basis.length > 0);
      const secId = usersByName.get('sec').id;
      expectError(await sec.put(`/api/v1/users/${secId}/roles`, { roles: ['security_admin'], version: usersByName.get('sec').version }), 403, 'forbidden', { message: '不能修改自己的角色' });
      const unchanged = (await fetchAll(sys, '/api/v1/users', 100)).items.find((u) => u.username === 'eval1');
      assert.deepEqual(unchanged, target);
      const ok = await sec.put(path, { roles: ['evaluator', 'expert'], version: target.version });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.json.roles, ['evaluator', 'expert']);
      assert.equal(ok.json.version, target.version + 1);
      expectError(await sec.put(path, { roles: ['evaluator'], version: target.version }), 409, 'version_conflict');
      expectError(await sec.put('/api/v1/users/999999999/roles', { roles: ['evaluator'], version: 1 }), 404, 'not_found');
      expectError(await sec.put('/api/v1/users/abc/roles', { roles: ['evaluator'], version: 1 }), 404, 'not_found');
    });
  });
}
