#!/usr/bin/env python3
"""A small LECS HTTP client for the benches (standard library only).

  lecs_client.py upload BASE USER PATH FILE CONTENT_TYPE
      logs in (an administrator enrols TOTP first), streams FILE as the body of POST PATH
      (1 MiB writes: the client never holds the file), prints the answer's JSON and, on stderr,
      `seconds: S`.
  lecs_client.py latency BASE USER N PATH [PATH …]
      logs in, sends N GETs over one kept-alive connection cycling through the PATHs (after 50
      warm-up requests), prints `p50_ms p95_ms p99_ms max_ms` ; any non-200 fails.
"""
import base64
import hashlib
import hmac
import http.client
import json
import os
import struct
import sys
import time
from urllib.parse import urlparse

PASSWORD = 'Xingtai#2026demo'


def totp(secret_b32, step):
    key = base64.b32decode(secret_b32 + '=' * (-len(secret_b32) % 8), casefold=True)
    h = hmac.new(key, struct.pack('>Q', step), hashlib.sha1).digest()
    off = h[-1] & 15
    n = struct.unpack('>I', h[off:off + 4])[0] & 0x7FFFFFFF
    return '%06d' % (n % 1000000)


class Session:
    def __init__(self, base):
        u = urlparse(base)
        self.host, self.port = u.hostname, u.port
        self.cookie = None
        self.csrf = None

    def conn(self, timeout=3600):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout, blocksize=1 << 20)

    def call(self, method, path, body=None, headers=None, conn=None):
        c = conn or self.conn()
        h = dict(headers or {})
        if self.cookie:
            h['Cookie'] = self.cookie
        if self.csrf and method != 'GET':
            h['X-CSRF-Token'] = self.csrf
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h['Content-Type'] = 'application/json'
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        if conn is None:
            c.close()
        return r.status, r.getheader('Set-Cookie') or '', data

    def login(self, user, code=None):
        body = {'username': user, 'password': PASSWORD}
        if code:
            body['totp'] = code
        status, cookie, data = self.call('POST', '/api/v1/auth/login', body)
        if status != 200:
            sys.exit(f'login {user}: {status} {data[:300]!r}')
        self.cookie = cookie.split(';')[0]
        answer = json.loads(data)
        self.csrf = answer['csrf_token']
        return answer


def logged_in(base, user):
    s = Session(base)
    answer = s.login(user)
    if user in ('sys', 'sec', 'aud'):
        # Administrators act only after TOTP: enrol, confirm, log in again with a fresh step.
        status, _, data = s.call('POST', '/api/v1/auth/totp/enroll', {})
        if status != 200:
            sys.exit(f'totp enroll: {status} {data[:300]!r}')
        secret = json.loads(data)['secret']
        step = int(time.time() // 30)
        status, _, data = s.call('POST', '/api/v1/auth/totp/confirm', {'code': totp(secret, step)})
        if status != 204:
            sys.exit(f'totp confirm: {status} {data[:300]!r}')
        while int(time.time() // 30) == step:  # a used step is refused: wait for the next one
            time.sleep(0.5)
        s = Session(base)
        s.login(user, totp(secret, step + 1))
    return s


def upload(base, user, path, file, content_type):
    s = logged_in(base, user)
    size = os.path.getsize(file)
    with open(file, 'rb') as f:
        t0 = time.monotonic()
        status, _, data = s.call('POST', path, body=f,
                                 headers={'Content-Type': content_type, 'Content-Length': str(size)})
        secs = time.monotonic() - t0
    if status != 200:
        sys.exit(f'upload: {status} {data[:500]!r}')
    print(data.decode())
    print(f'seconds: {secs:.3f}', file=sys.stderr)


def latency(base, user, n, paths):
    s = logged_in(base, user)
    c = s.conn(timeout=60)
    times = []
    for i in range(50 + n):
        t0 = time.perf_counter()
        status, _, data = s.call('GET', paths[i % len(paths)], conn=c)
        dt = (time.perf_counter() - t0) * 1000
        if status != 200:
            sys.exit(f'GET {paths[i % len(paths)]}: {status} {data[:300]!r}')
        if i >= 50:
            times.append(dt)
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print(f'{pick(0.5):.2f} {pick(0.95):.2f} {pick(0.99):.2f} {times[-1]:.2f}')


if __name__ == '__main__':
    if len(sys.argv) >= 7 and sys.argv[1] == 'upload':
        upload(*sys.argv[2:7])
    elif len(sys.argv) >= 6 and sys.argv[1] == 'latency':
        latency(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:])
    else:
        sys.exit(__doc__)
