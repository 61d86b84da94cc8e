// Shared by the operations console and the demo storefront: sign-in, calls to the public API through the gateway,
// Idempotency-Keys, and problems (RFC 9457) turned into sentences a person wants to read. No framework: each page's
// Alpine component calls these.
(function () {
  'use strict';

  const TOKEN = 'orderpay.token';
  const USER = 'orderpay.user';
  const PENDING_KEYS = 'orderpay.pendingKeys';

  // The token lives in sessionStorage: it ends with the tab, and it is sent only as Authorization: Bearer.
  const session = {
    token() { return sessionStorage.getItem(TOKEN); },
    user() {
      try { return JSON.parse(sessionStorage.getItem(USER) || 'null'); } catch (e) { return null; }
    },
    save(token, user) {
      sessionStorage.setItem(TOKEN, token);
      sessionStorage.setItem(USER, JSON.stringify(user));
    },
    clear() {
      sessionStorage.removeItem(TOKEN);
      sessionStorage.removeItem(USER);
    }
  };

  /** The claims of a JWT, for display only: the gateway verifies the token on every call. */
  function claimsOf(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch (e) {
      return {};
    }
  }

  function rolesOf(claims) {
    const roles = claims.roles;
    if (Array.isArray(roles)) { return roles; }
    return typeof roles === 'string' ? roles.split(/[\s,]+/).filter(Boolean) : [];
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  const MESSAGES = {
    'out-of-stock': p => 'Sorry, there is not enough in stock for this order' + (p.detail ? ' (' + p.detail.replace(/[;.].*$/, '') + ')' : '')
      + '. Nothing was reserved and nothing was charged: change the quantity and try again.',
    'insufficient-balance': () => 'Your wallet does not have enough money for this. Nothing was charged: top up your '
      + 'wallet, or make the order smaller.',
    'rate-limited': p => 'You are going a little fast. Please wait ' + (p.retryAfter ? p.retryAfter + ' seconds' : 'a moment')
      + ' and try again.',
    'order-not-payable': () => 'This order can no longer be paid or cancelled: it was already paid, cancelled or expired.',
    'too-many-unpaid-orders': () => 'You have too many orders waiting for payment. Pay or cancel one of them first.',
    'service-unavailable': p => 'We could not finish this just now' + (p.retryAfter ? '; please try again in '
      + p.retryAfter + ' seconds' : '; please try again shortly') + '. Nothing was charged twice: trying again is safe.',
    'idempotency-key-in-flight': () => 'Your previous request is still being processed. Wait a moment, then try again.',
    'idempotency-key-reuse': () => 'This request does not match the one first sent with it. Start again.',
    'unauthorized': () => 'Your session has ended. Please sign in again.',
    'forbidden': () => 'Your account is not allowed to do this.',
    'not-found': p => (p.detail || 'Not found') + '.',
    'validation-failed': p => 'Something in the request was not right: ' + (p.errors && p.errors.length
      ? p.errors.map(e => e.field + ' ' + e.message).join('; ') : (p.detail || p.title || 'invalid input')) + '.',
    'network': () => 'The service could not be reached. Check your connection; trying again is safe.'
  };

  function describe(problem) {
    const words = MESSAGES[problem.code];
    if (words) { return words(problem); }
    return (problem.title || 'Something went wrong') + (problem.detail ? ': ' + problem.detail : '') + '.';
  }

  async function problemOf(response) {
    let body = {};
    try { body = await response.json(); } catch (e) { /* not JSON: the status says enough */ }
    const code = body.type ? body.type.substring(body.type.lastIndexOf('/') + 1) : 'http-' + response.status;
    const problem = {
      code, status: response.status, title: body.title, detail: body.detail, errors: body.errors,
      retryAfter: response.headers.get('Retry-After'), requestId: response.headers.get('X-Request-Id')
    };
    problem.message = describe(problem);
    // Worth retrying under the same Idempotency-Key: the first attempt may still land or have landed.
    problem.retryable = response.status >= 500 || code === 'idempotency-key-in-flight' || code === 'rate-limited';
    return problem;
  }

  /** One call to the public API with the session's token; resolves to the JSON body, rejects with a problem. */
  async function api(method, path, options) {
    const opts = options || {};
    const headers = { 'Accept': 'application/json, application/problem+json' };
    const token = session.token();
    if (token) { headers['Authorization'] = 'Bearer ' + token; }
    if (opts.body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (opts.idempotencyKey) { headers['Idempotency-Key'] = opts.idempotencyKey; }
    let response;
    try {
      response = await fetch(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    } catch (e) {
      const problem = { code: 'network', status: 0, retryable: true };
      problem.message = describe(problem);
      throw problem;
    }
    if (response.ok) {
      const text = await response.text();
      return text ? JSON.parse(text) : null;
    }
    const problem = await problemOf(response);
    if (response.status === 401) { session.clear(); }
    throw problem;
  }

  function pendingKeys() {
    try { return JSON.parse(sessionStorage.getItem(PENDING_KEYS) || '{}'); } catch (e) { return {}; }
  }

  /**
   * A POST that moves stock or money, under an Idempotency-Key of its own: the key is kept until the action has a
   * final answer, so that a retry of the same action (same name, same body) replays the first attempt instead of
   * repeating it; a new action gets a fresh key.
   */
  async function once(action, path, body) {
    const keys = pendingKeys();
    const name = action + ' ' + JSON.stringify(body === undefined ? null : body);
    const key = keys[name] || newKey();
    keys[name] = key;
    sessionStorage.setItem(PENDING_KEYS, JSON.stringify(keys));
    const forget = () => {
      const now = pendingKeys();
      delete now[name];
      sessionStorage.setItem(PENDING_KEYS, JSON.stringify(now));
    };
    try {
      const result = await api('POST', path, { body, idempotencyKey: key });
      forget();
      return result;
    } catch (problem) {
      if (!problem.retryable) { forget(); }
      throw problem;
    }
  }

  async function signInConfig() {
    const response = await fetch('config.json', { headers: { 'Accept': 'application/json' } });
    if (!response.ok) { return { method: 'none' }; }
    return response.json();
  }

  async function signInWithDevToken(userId, roles) {
    const response = await fetch('/api/dev/tokens', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ userId, roles })
    });
    if (!response.ok) { throw await problemOf(response); }
    const body = await response.json();
    session.save(body.token, { userId, roles: rolesOf(claimsOf(body.token)) });
  }

  // OIDC: authorization code with PKCE by oidc-client-ts (the library makes the verifier and checks the state); its
  // state and the user live in sessionStorage like the dev token.
  function oidcManager(config) {
    const here = window.location.origin + window.location.pathname;
    return new oidc.UserManager({
      authority: config.authority, client_id: config.clientId, redirect_uri: here,
      post_logout_redirect_uri: here, response_type: 'code', scope: config.scope,
      userStore: new oidc.WebStorageStateStore({ store: window.sessionStorage }),
      stateStore: new oidc.WebStorageStateStore({ store: window.sessionStorage })
    });
  }

  async function startOidcSignIn(config) {
    await oidcManager(config).signinRedirect();
  }

  /** Back from the identity provider with ?code=&state=: exchange the code (with the PKCE verifier) for tokens. */
  async function finishOidcSignIn(config) {
    const params = new URLSearchParams(window.location.search);
    if (config.method !== 'oidc' || !params.has('code') || !params.has('state')) { return false; }
    const user = await oidcManager(config).signinRedirectCallback();
    window.history.replaceState(null, '', window.location.pathname);
    const claims = claimsOf(user.access_token);
    session.save(user.access_token, { userId: claims.sub, roles: rolesOf(claims) });
    return true;
  }

  /** How this page signs in, and the sign-in it comes back from (an OIDC redirect), if any. */
  async function resume() {
    const config = await signInConfig();
    try {
      await finishOidcSignIn(config);
      return { config };
    } catch (e) {
      return { config, problem: { message: 'Sign-in did not complete: ' + (e.message || e) } };
    }
  }

  async function signOut(config) {
    session.clear();
    sessionStorage.removeItem(PENDING_KEYS);
    if (config && config.method === 'oidc') {
      await oidcManager(config).removeUser();
    }
  }

  function money(value) {
    return value == null ? '' : String(value);
  }

  function when(instant) {
    return instant ? new Date(instant).toLocaleString() : '';
  }

  /** "4:07" for 247 seconds; "0:00" once past. */
  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  window.orderpay = {
    session, api, once, resume, signInConfig, signInWithDevToken, startOidcSignIn, finishOidcSignIn, signOut, claimsOf,
    rolesOf, describe, money, when, clock
  };
})();
