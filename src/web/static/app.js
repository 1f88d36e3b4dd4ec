// Trax web: Plaid Link on the Banks page and on /oauth-return, and delete confirmations.
// Plain script, loaded from our own origin (the CSP allows no inline script).
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var statusEl = document.getElementById('link-status');
  var KEY = 'trax.plaid';

  function say(text) {
    if (statusEl) statusEl.textContent = text;
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (json) {
          if (!res.ok) throw new Error(json.error || 'The server answered ' + res.status + '.');
          return json;
        });
    });
  }

  function startLink(token, relinkId, receivedRedirectUri) {
    var config = {
      token: token,
      onSuccess: function (publicToken, metadata) {
        say(relinkId ? 'Relinked; syncing…' : 'Connected; fetching accounts and history…');
        var done = relinkId
          ? post('/plaid/relinked', { connectionId: relinkId })
          : post('/plaid/exchange', {
              public_token: publicToken,
              institution_id: metadata && metadata.institution ? metadata.institution.institution_id : null,
            });
        done.then(
          function () {
            sessionStorage.removeItem(KEY);
            window.location.href = '/';
          },
          function (e) {
            sessionStorage.removeItem(KEY);
            say(e.message);
          },
        );
      },
      onExit: function (err) {
        sessionStorage.removeItem(KEY);
        say(
          err ? err.display_message || err.error_message || 'Link stopped with an error.' : 'Link closed; nothing was connected.',
        );
      },
      onEvent: function () {},
    };
    if (receivedRedirectUri) config.receivedRedirectUri = receivedRedirectUri;
    window.Plaid.create(config).open();
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-plaid-link]'), function (button) {
    button.addEventListener('click', function () {
      var relinkId = button.getAttribute('data-connection-id');
      say('Opening Plaid Link…');
      post('/plaid/link-token', { relinkId: relinkId }).then(
        function (res) {
          // Kept for the OAuth round trip: the bank sends the user back to /oauth-return, where
          // Link resumes with the same token.
          sessionStorage.setItem(KEY, JSON.stringify({ linkToken: res.link_token, relinkId: relinkId }));
          startLink(res.link_token, relinkId, null);
        },
        function (e) {
          say(e.message);
        },
      );
    });
  });

  if (document.querySelector('[data-oauth-return]')) {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    } catch (e) {
      saved = null;
    }
    if (!saved)
      say(
        'This bank login cannot be resumed here: it finished already or began in another browser. Start again from the Banks page.',
      );
    else startLink(saved.linkToken, saved.relinkId, window.location.href);
  }

  // Inline category editing on the transaction list: one shared option list, cloned on demand.
  var optionsTemplate = document.getElementById('category-options');
  Array.prototype.forEach.call(document.querySelectorAll('button.category[data-txn]'), function (button) {
    button.addEventListener('click', function () {
      var cell = button.parentNode;
      if (cell.querySelector('form')) return;
      var form = document.createElement('form');
      form.className = 'category-editor';
      var select = document.createElement('select');
      select.name = 'category';
      select.appendChild(optionsTemplate.content.cloneNode(true));
      select.value = button.getAttribute('data-category') || 'uncategorized';
      var label = document.createElement('label');
      var similar = document.createElement('input');
      similar.type = 'checkbox';
      similar.name = 'similar';
      label.appendChild(similar);
      label.appendChild(document.createTextNode(' apply to similar'));
      var save = document.createElement('button');
      save.type = 'submit';
      save.textContent = 'Save';
      form.appendChild(select);
      form.appendChild(label);
      form.appendChild(save);
      cell.appendChild(form);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        post('/transactions/' + button.getAttribute('data-txn') + '/category', {
          category: select.value,
          similar: similar.checked,
        }).then(
          function (res) {
            button.textContent = res.category;
            button.setAttribute('data-category', res.slug);
            form.remove();
            say(
              res.ruleId
                ? 'Saved. A rule now applies it to similar transactions: ' + res.similar + ' recategorized.'
                : 'Saved; Trax will remember it.',
            );
            if (res.similar > 0)
              setTimeout(function () {
                window.location.reload();
              }, 600);
          },
          function (e) {
            say(e.message);
          },
        );
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('form[data-confirm]'), function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
})();
