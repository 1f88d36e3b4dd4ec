/**
 * Browser half of the Link stand-in, served as /link/v2/stable/link-initialize.js. It mirrors
 * the real web Link API (Plaid.create → { open, exit, destroy }, onSuccess/onExit/onEvent/onLoad,
 * receivedRedirectUri for the OAuth resume) so the host page's code is the code it would run
 * against cdn.plaid.com.
 *
 * Rules the code below keeps: DOM built with createElement and textContent only (institution
 * names, errors and everything else are text, never HTML); styles set through element.style so
 * a host page with a strict CSP (no inline styles) still renders it; no globals but window.Plaid.
 */
const SCRIPT = String.raw`(function () {
  'use strict';
  var API = __API_ORIGIN__;
  var ROOT_ID = 'plaid-link-standin';

  function post(path, body) {
    return fetch(API + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().then(function (json) {
          if (!res.ok) { var e = new Error(json.error_message || 'Link request failed'); e.plaid = json; throw e; }
          return json;
        });
      });
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (k === 'text') node.textContent = v;
      else if (k === 'style') Object.assign(node.style, v);
      else if (k === 'on') Object.keys(v).forEach(function (ev) { node.addEventListener(ev, v[ev]); });
      else node.setAttribute(k, v);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  var S = {
    overlay: { position: 'fixed', top: '0', left: '0', right: '0', bottom: '0', background: 'rgba(17,24,39,0.55)', display: 'flex',
      alignItems: 'center', justifyContent: 'center', zIndex: '2147483000', fontFamily: 'system-ui, -apple-system, Segoe UI, sans-serif' },
    panel: { background: '#fff', color: '#111827', width: 'min(400px, 92vw)', maxHeight: '90vh', overflowY: 'auto', borderRadius: '12px',
      padding: '24px', boxShadow: '0 10px 40px rgba(0,0,0,0.25)', boxSizing: 'border-box' },
    h2: { fontSize: '20px', margin: '0 0 16px', fontWeight: '600' },
    p: { fontSize: '14px', color: '#4b5563', margin: '0 0 16px' },
    bank: { display: 'block', width: '100%', textAlign: 'left', padding: '12px 14px', margin: '0 0 8px', border: '1px solid #e5e7eb',
      borderRadius: '8px', background: '#fff', color: '#111827', fontSize: '15px', cursor: 'pointer' },
    label: { display: 'block', fontSize: '13px', margin: '12px 0 4px', color: '#374151' },
    input: { display: 'block', width: '100%', boxSizing: 'border-box', padding: '10px', border: '1px solid #d1d5db', borderRadius: '6px', fontSize: '15px' },
    primary: { display: 'block', width: '100%', marginTop: '20px', padding: '11px', border: '0', borderRadius: '8px', background: '#111827',
      color: '#fff', fontSize: '15px', cursor: 'pointer' },
    secondary: { display: 'block', width: '100%', marginTop: '8px', padding: '10px', border: '1px solid #d1d5db', borderRadius: '8px',
      background: '#fff', color: '#111827', fontSize: '14px', cursor: 'pointer' },
    error: { background: '#fdecea', color: '#8a1c12', padding: '10px', borderRadius: '6px', fontSize: '14px', margin: '12px 0 0' }
  };

  function linkError(err) {
    var j = (err && err.plaid) || {};
    return { error_type: j.error_type || 'API_ERROR', error_code: j.error_code || 'INTERNAL_SERVER_ERROR',
      error_message: j.error_message || String((err && err.message) || err), display_message: j.display_message || null };
  }

  function create(config) {
    config = config || {};
    var token = config.token;
    var session = null, loadError = null, openWanted = false, destroyed = false, done = false;
    var root = null, panel = null, institution = null, status = null, requestId = null;

    function call(name, args) {
      var fn = config[name];
      if (typeof fn !== 'function' || destroyed) return;
      try { fn.apply(null, args); } catch (e) { setTimeout(function () { throw e; }); }
    }
    function emit(name, extra) {
      var meta = { error_code: null, error_message: null, error_type: null, exit_status: null,
        institution_id: institution ? institution.institution_id : null, institution_name: institution ? institution.name : null,
        institution_search_query: null, link_session_id: session ? session.link_session_id : null, mfa_type: null,
        request_id: requestId, selection: null, timestamp: new Date().toISOString(), view_name: null };
      call('onEvent', [name, Object.assign(meta, extra || {})]);
    }
    function exitMeta() {
      return { institution: institution ? { name: institution.name, institution_id: institution.institution_id } : null,
        status: status, link_session_id: session ? session.link_session_id : null, request_id: requestId };
    }
    function close() {
      if (root && root.parentNode) root.parentNode.removeChild(root);
      root = null; panel = null;
    }
    function finishExit(error) {
      if (done) return;
      done = true;
      emit('EXIT', { exit_status: status });
      close();
      call('onExit', [error, exitMeta()]);
    }
    function fail(err) {
      var e = linkError(err);
      emit('ERROR', { error_type: e.error_type, error_code: e.error_code, error_message: e.error_message });
      finishExit(e);
    }
    function succeed(res) {
      if (done) return;
      done = true;
      emit('TRANSITION_VIEW', { view_name: 'CONNECTED' });
      emit('HANDOFF');
      close();
      call('onSuccess', [res.public_token, res.metadata]);
    }
    function view(children) {
      if (!root) {
        root = el('div', { id: ROOT_ID, role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Plaid Link', style: S.overlay,
          on: { keydown: function (ev) { if (ev.key === 'Escape') finishExit(null); } } });
        panel = el('div', { 'class': 'plaid-link-standin-panel', style: S.panel });
        root.appendChild(panel);
        document.body.appendChild(root);
      }
      while (panel.firstChild) panel.removeChild(panel.firstChild);
      children.forEach(function (c) { panel.appendChild(c); });
      var focusable = panel.querySelector('input, button');
      if (focusable) focusable.focus();
    }
    function closeButton() {
      return el('button', { type: 'button', 'data-action': 'close', style: S.secondary, text: 'Close', on: { click: function () { finishExit(null); } } });
    }

    function showPicker() {
      status = 'institution_not_found';
      emit('TRANSITION_VIEW', { view_name: 'SELECT_INSTITUTION' });
      var buttons = session.institutions.map(function (inst) {
        return el('button', { type: 'button', 'data-institution-id': inst.institution_id, style: S.bank, text: inst.name,
          on: { click: function () { choose(inst); } } });
      });
      view([el('h2', { style: S.h2, text: 'Select your bank' })].concat(buttons, [closeButton()]));
    }
    function choose(inst) {
      institution = inst;
      emit('SELECT_INSTITUTION');
      if (inst.oauth) startOAuth(); else showCredentials();
    }
    function showCredentials() {
      status = 'requires_credentials';
      emit('TRANSITION_VIEW', { view_name: 'CREDENTIAL' });
      var user = el('input', { name: 'username', id: ROOT_ID + '-username', type: 'text', autocomplete: 'username', style: S.input });
      var pass = el('input', { name: 'password', id: ROOT_ID + '-password', type: 'password', autocomplete: 'current-password', style: S.input });
      var error = el('p', { role: 'alert', style: Object.assign({}, S.error, { display: 'none' }) });
      var submit = el('button', { type: 'submit', style: S.primary, text: 'Submit' });
      var form = el('form', { novalidate: 'novalidate', on: { submit: function (ev) {
        ev.preventDefault();
        submit.disabled = true;
        error.style.display = 'none';
        emit('SUBMIT_CREDENTIALS');
        post('/link/standin/credentials', { link_token: token, link_session_id: session.link_session_id,
          institution_id: institution.institution_id, username: user.value, password: pass.value })
          .then(succeed, function (err) {
            submit.disabled = false;
            var e = linkError(err);
            requestId = (err.plaid && err.plaid.request_id) || requestId;
            if (e.error_type !== 'ITEM_ERROR') return fail(err);
            emit('ERROR', { error_type: e.error_type, error_code: e.error_code, error_message: e.error_message });
            error.textContent = e.display_message || e.error_message;
            error.style.display = 'block';
          });
      } } }, [
        el('label', { 'for': user.id, style: S.label, text: 'Username' }), user,
        el('label', { 'for': pass.id, style: S.label, text: 'Password' }), pass,
        error, submit
      ]);
      view([el('h2', { style: S.h2, text: institution.name }), el('p', { style: S.p, text: 'Enter your credentials' }), form, closeButton()]);
    }
    function startOAuth() {
      status = 'requires_oauth';
      post('/link/standin/oauth/start', { link_token: token, link_session_id: session.link_session_id, institution_id: institution.institution_id })
        .then(function (res) {
          emit('OPEN_OAUTH');
          window.location.href = res.redirect_url;
        }, fail);
    }
    function resumeOAuth() {
      status = 'requires_oauth';
      view([el('h2', { style: S.h2, text: 'Connecting to your bank' }), el('p', { style: S.p, text: 'Finishing your secure connection…' })]);
      post('/link/standin/oauth/resume', { link_token: token, link_session_id: session.link_session_id, received_redirect_uri: config.receivedRedirectUri })
        .then(function (res) {
          institution = res.metadata && res.metadata.institution;
          if (res.exit) { emit('CLOSE_OAUTH'); finishExit(null); } else succeed(res);
        }, fail);
    }
    function show() {
      if (destroyed || done || root) return;
      emit('OPEN');
      if (config.receivedRedirectUri) resumeOAuth();
      else if (session.update_institution) { institution = session.update_institution; showCredentials(); }
      else showPicker();
    }

    post('/link/standin/session', { link_token: token }).then(function (s) {
      session = s;
      call('onLoad', []);
      if (openWanted) show();
    }, function (err) {
      loadError = err;
      if (openWanted) fail(err);
    });

    return {
      open: function () {
        if (session) show();
        else if (loadError) fail(loadError);
        else openWanted = true;
      },
      exit: function () { if (root) finishExit(null); },
      destroy: function () { destroyed = true; close(); }
    };
  }

  window.Plaid = { create: create, version: 'trax-sandbox-standin' };
})();
`;

/** The script with the API origin baked in (the origin the browser loaded it from). */
export function linkInitializeScript(apiOrigin: string): string {
  // JSON.stringify gives a valid JS string literal; escaping '<' keeps it inert if ever inlined.
  return SCRIPT.replace('__API_ORIGIN__', JSON.stringify(apiOrigin).replace(/</g, '\\u003c'));
}
