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
      select.focus();
      // Escape closes the editor unsaved and gives focus back to its row (the keys work from there).
      form.addEventListener('keydown', function (event) {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        form.remove();
        var row = button.closest('tr[data-row]');
        if (!row) return button.focus();
        row.tabIndex = 0;
        row.focus();
      });
      var url = '/transactions/' + button.getAttribute('data-txn') + '/category';
      function saveCategory(applySimilar) {
        post(url, { category: select.value, similar: applySimilar }).then(
          function (res) {
            button.textContent = res.category;
            button.setAttribute('data-category', res.slug);
            form.remove();
            if (!res.ruleId) return say('Saved; Trax will remember it.');
            say('Saved. A rule now applies it to similar transactions: ' + res.similar + ' recategorized.');
            if (res.undoId) offerUndo(res.undoId);
          },
          function (e) {
            say(e.message);
          },
        );
      }
      // "Similar" shows the rule, how many rows it moves and a few of them; only then applies.
      function preview() {
        post(url + '/preview', { category: select.value }).then(
          function (p) {
            var box = form.querySelector('.similar-preview') || document.createElement('div');
            box.className = 'similar-preview';
            box.textContent = '';
            var head = document.createElement('p');
            head.textContent =
              'This creates a rule: ' +
              p.rule +
              ' → ' +
              p.category +
              '. It matches ' +
              p.matched +
              ' transactions; ' +
              p.moves +
              ' other' +
              (p.moves === 1 ? '' : 's') +
              ' would move to ' +
              p.category +
              (p.moves ? ', for example:' : '.');
            box.appendChild(head);
            var list = document.createElement('ul');
            p.sample.forEach(function (m) {
              var li = document.createElement('li');
              li.textContent = m.date + ' ' + m.description + ' ' + m.amount + ' (now ' + m.from + ')';
              list.appendChild(li);
            });
            box.appendChild(list);
            var apply = document.createElement('button');
            apply.type = 'button';
            apply.textContent = 'Apply to ' + p.moves + ' more';
            apply.addEventListener('click', function () {
              saveCategory(true);
            });
            var cancel = document.createElement('button');
            cancel.type = 'button';
            cancel.textContent = 'Cancel';
            cancel.addEventListener('click', function () {
              form.remove();
              say('Nothing changed.');
            });
            box.appendChild(apply);
            box.appendChild(cancel);
            form.appendChild(box);
          },
          function (e) {
            say(e.message);
          },
        );
      }
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (similar.checked) preview();
        else saveCategory(false);
      });
    });
  });

  // Keyboard editing on the transaction list: j/k or arrows move the focused row, n edits its
  // note, t adds or removes a tag, c opens its category editor. Labels come from the page
  // (data- attributes), in the page's language.
  var table = document.querySelector('table.transactions[data-note-label]');
  if (table) {
    var rows = function () {
      return Array.prototype.slice.call(table.querySelectorAll('tr[data-row]'));
    };
    var focusRow = function (row) {
      rows().forEach(function (r) {
        r.tabIndex = -1;
      });
      row.tabIndex = 0;
      row.focus();
    };
    var rowError = function (row, text) {
      var el = row.querySelector('.row-error');
      if (el) el.textContent = text;
    };
    var openEditor = function (row, kind) {
      if (row.querySelector('form.row-editor')) return;
      var id = Number(row.getAttribute('data-row'));
      var cell = row.querySelector('td.description');
      var form = document.createElement('form');
      form.className = 'row-editor';
      var input = document.createElement('input');
      input.type = 'text';
      input.name = kind;
      input.setAttribute('aria-label', table.getAttribute(kind === 'note' ? 'data-note-label' : 'data-tag-label'));
      if (kind === 'note') input.value = row.querySelector('.note').textContent;
      form.appendChild(input);
      cell.appendChild(form);
      input.focus();
      var close = function () {
        form.remove();
        focusRow(row);
      };
      form.addEventListener('keydown', function (event) {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        close();
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var done =
          kind === 'note'
            ? post('/transactions/note', { id: id, text: input.value }).then(function (res) {
                row.querySelector('.note').textContent = res.note || '';
              })
            : post('/transactions/tag', { id: id, tag: input.value }).then(function (res) {
                var box = row.querySelector('.tags');
                box.textContent = '';
                res.tags.forEach(function (t) {
                  var span = document.createElement('span');
                  span.className = 'tag';
                  span.textContent = '#' + t;
                  box.appendChild(span);
                });
              });
        done.then(
          function () {
            rowError(row, '');
            say(table.getAttribute('data-saved'));
            close();
          },
          function (e) {
            rowError(row, e.message);
          },
        );
      });
    };
    table.addEventListener('focusin', function (event) {
      var row = event.target.closest && event.target.closest('tr[data-row]');
      if (row && event.target === row) focusRow(row);
    });
    document.addEventListener('keydown', function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var target = event.target;
      if (target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) return;
      var list = rows();
      if (!list.length) return;
      var row = target && target.closest ? target.closest('tr[data-row]') : null;
      var index = row ? list.indexOf(row) : -1;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        focusRow(list[Math.min(list.length - 1, index + 1)]);
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        focusRow(list[Math.max(0, index - 1)]);
      } else if (row && (event.key === 'n' || event.key === 't')) {
        event.preventDefault();
        openEditor(row, event.key === 'n' ? 'note' : 'tag');
      } else if (row && event.key === 'c') {
        event.preventDefault();
        row.querySelector('button.category').click();
      }
    });
  }

  // After a bulk change, one button takes it back; the page then shows the restored categories.
  function offerUndo(undoId) {
    if (!statusEl) return;
    var undo = document.createElement('button');
    undo.type = 'button';
    undo.className = 'undo';
    undo.textContent = 'Undo';
    undo.addEventListener('click', function () {
      undo.disabled = true;
      post('/undo/' + undoId, {}).then(
        function (res) {
          say('Undone: ' + res.restored + ' transactions back to their previous category.');
          setTimeout(function () {
            window.location.reload();
          }, 600);
        },
        function (e) {
          say(e.message);
        },
      );
    });
    statusEl.appendChild(document.createTextNode(' '));
    statusEl.appendChild(undo);
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-confirm]'), function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
})();
