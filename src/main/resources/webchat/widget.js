/*
 * Recado web chat widget. Embedded with one tag:
 *   <script src="https://recado.example/webchat/<widget key>.js" async></script>
 * Everything shown comes from textContent, never innerHTML: no text of a visitor or an agent is read
 * as HTML. Messages not yet acknowledged are kept in localStorage and sent again after a reconnect or
 * a reload; the server stores each client id once.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__recadoWebchat) { return; }
  var src = new URL(script.src, location.href);
  var match = src.pathname.match(/\/webchat\/([A-Za-z0-9_-]+)\.js$/);
  var key = src.searchParams.get('w') || (match && match[1] !== 'widget' ? match[1] : null);
  if (!key || !/^[A-Za-z0-9_-]{1,60}$/.test(key)) { return; }
  window.__recadoWebchat = true;
  var socketUrl = (src.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + src.host + '/webchat/ws/' + key;
  var cookieName = 'recado_wc_' + key.replace(/[^A-Za-z0-9]/g, '').slice(-12);
  var pendingKey = 'recado_wc_pending_' + key;
  var MAX_TEXT = 2000;
  // the few words of the widget's own, in the page's language (the business's texts come as they are set)
  var WORDS = {
    en: { typing: 'Typing\u2026', offline: 'Offline' },
    es: { typing: 'Escribiendo\u2026', offline: 'Fuera de l\u00ednea' }
  }[(document.documentElement.lang || navigator.language || 'en').slice(0, 2).toLowerCase() === 'es' ? 'es' : 'en'];

  var state = {
    socket: null, ready: false, attempt: 0, lastSeen: 0, shown: {}, own: {}, delivered: [], unread: [],
    formDone: false, needsForm: false, open: false, pending: loadPending()
  };

  function loadPending() {
    try { return JSON.parse(localStorage.getItem(pendingKey) || '[]'); } catch (e) { return []; }
  }
  function savePending() {
    try { localStorage.setItem(pendingKey, JSON.stringify(state.pending)); } catch (e) { /* private mode */ }
  }
  function token() {
    var found = document.cookie.split('; ').filter(function (c) { return c.indexOf(cookieName + '=') === 0; })[0];
    return found ? decodeURIComponent(found.substring(cookieName.length + 1)) : null;
  }
  function keepToken(value) {
    document.cookie = cookieName + '=' + encodeURIComponent(value) + '; path=/; max-age=31536000; SameSite=Lax'
      + (location.protocol === 'https:' ? '; Secure' : '');
  }
  function clientId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return 'c' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) { e.textContent = text; }
    return e;
  }

  var style = el('style');
  style.textContent = [
    '#recado-wc-bubble{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;',
    'color:#fff;font:600 24px/56px sans-serif;cursor:pointer;z-index:2147483000;box-shadow:0 2px 8px rgba(0,0,0,.3)}',
    '#recado-wc-panel{position:fixed;right:20px;bottom:86px;width:340px;max-width:calc(100vw - 40px);height:460px;',
    'max-height:calc(100vh - 110px);background:#fff;color:#222;border-radius:10px;box-shadow:0 4px 20px rgba(0,0,0,.3);',
    'display:none;flex-direction:column;font:14px/1.4 sans-serif;z-index:2147483000;overflow:hidden}',
    '#recado-wc-panel.recado-wc-open{display:flex}',
    '#recado-wc-panel [hidden]{display:none!important}',
    '#recado-wc-head{color:#fff;padding:12px;font-weight:600}',
    '#recado-wc-notice{padding:8px 12px;background:#fff8e1;font-size:13px;white-space:pre-wrap}',
    '#recado-wc-typing{padding:0 12px 6px;font-size:12px;color:#666;font-style:italic}',
    '#recado-wc-log{flex:1;overflow-y:auto;padding:8px 12px;display:flex;flex-direction:column;gap:6px}',
    '.recado-wc-line{max-width:80%;padding:6px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}',
    '.recado-wc-in{align-self:flex-end;background:#e3f2fd}.recado-wc-out{align-self:flex-start;background:#f1f1f1}',
    '.recado-wc-pending{opacity:.6}.recado-wc-failed{border:1px solid #c62828}',
    '#recado-wc-form{padding:8px 12px;display:flex;flex-direction:column;gap:6px}',
    '#recado-wc-form input[type=text],#recado-wc-form input[type=email],#recado-wc-form input[type=tel]{padding:6px;border:1px solid #bbb;border-radius:4px}',
    '#recado-wc-form .recado-wc-error{color:#c62828;font-size:12px}',
    '#recado-wc-compose{display:flex;border-top:1px solid #ddd}',
    '#recado-wc-text{flex:1;border:0;padding:10px;font:inherit;resize:none}',
    '#recado-wc-send{border:0;color:#fff;padding:0 14px;cursor:pointer}'
  ].join('');
  document.head.appendChild(style);

  var bubble = el('button', { id: 'recado-wc-bubble', type: 'button', 'aria-label': 'Chat' }, '\u2709');
  var panel = el('div', { id: 'recado-wc-panel', role: 'dialog', 'aria-label': 'Chat' });
  var head = el('div', { id: 'recado-wc-head' }, 'Chat');
  var notice = el('div', { id: 'recado-wc-notice', hidden: '' });
  var log = el('div', { id: 'recado-wc-log', 'aria-live': 'polite' });
  var typing = el('div', { id: 'recado-wc-typing', hidden: '' }, WORDS.typing);
  var form = el('form', { id: 'recado-wc-form', hidden: '' });
  var nameInput = el('input', { type: 'text', name: 'name', placeholder: 'Name', maxlength: '100', 'aria-label': 'Name' });
  var emailInput = el('input', { type: 'email', name: 'email', placeholder: 'Email', maxlength: '254', 'aria-label': 'Email' });
  var phoneInput = el('input', { type: 'tel', name: 'phone', placeholder: 'Phone', maxlength: '32', 'aria-label': 'Phone' });
  var consentLabel = el('label');
  var consentBox = el('input', { type: 'checkbox', name: 'consent' });
  var consentText = 'I agree to receive news and offers';
  consentLabel.appendChild(consentBox);
  consentLabel.appendChild(document.createTextNode(' ' + consentText));
  var formError = el('div', { 'class': 'recado-wc-error' });
  var formButton = el('button', { type: 'submit' }, 'Start chat');
  [nameInput, emailInput, phoneInput, consentLabel, formError, formButton].forEach(function (e) { form.appendChild(e); });
  var compose = el('form', { id: 'recado-wc-compose' });
  var textInput = el('textarea', { id: 'recado-wc-text', rows: '2', maxlength: String(MAX_TEXT), placeholder: 'Write a message', 'aria-label': 'Message' });
  var sendButton = el('button', { id: 'recado-wc-send', type: 'submit' }, 'Send');
  compose.appendChild(textInput);
  compose.appendChild(sendButton);
  [head, notice, log, typing, form, compose].forEach(function (e) { panel.appendChild(e); });
  document.body.appendChild(panel);
  document.body.appendChild(bubble);

  function paint(color) {
    [bubble, head, sendButton].forEach(function (e) { e.style.background = color; });
  }
  paint('#1f6feb');

  bubble.addEventListener('click', function () {
    state.open = !state.open;
    panel.classList.toggle('recado-wc-open', state.open);
    if (state.open) { textInput.focus(); markRead(); }
  });
  document.addEventListener('visibilitychange', markRead);

  function line(dir, text, id, cid) {
    var e = el('div', { 'class': 'recado-wc-line recado-wc-' + dir }, text);
    if (id) { e.setAttribute('data-id', String(id)); }
    if (cid) { e.setAttribute('data-client-id', cid); }
    log.appendChild(e);
    log.scrollTop = log.scrollHeight;
    return e;
  }

  function showForm(show) {
    state.needsForm = show;
    form.hidden = !show;
    compose.hidden = show;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    formError.textContent = '';
    frame({ type: 'form', name: nameInput.value, email: emailInput.value, phone: phoneInput.value,
      consent: consentBox.checked, consent_text: consentText, page: location.href });
  });

  compose.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = textInput.value.trim();
    if (!text) { return; }
    if (text.length > MAX_TEXT) { text = text.substring(0, MAX_TEXT); }
    textInput.value = '';
    var item = { client_id: clientId(), text: text };
    state.pending.push(item);
    savePending();
    state.own[item.client_id] = line('in', text, null, item.client_id);
    state.own[item.client_id].classList.add('recado-wc-pending');
    flush();
  });
  textInput.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); compose.requestSubmit(); }
  });

  function frame(payload) {
    if (state.socket && state.socket.readyState === 1) { state.socket.send(JSON.stringify(payload)); return true; }
    return false;
  }

  function flush() {
    if (!state.ready || state.needsForm) { return; }
    state.pending.forEach(function (item) { frame({ type: 'send', client_id: item.client_id, text: item.text }); });
  }

  function markRead() {
    if (!state.open || document.visibilityState !== 'visible' || !state.unread.length) { return; }
    if (frame({ type: 'read', ids: state.unread })) { state.unread = []; }
  }

  function received(m) {
    if (state.shown[m.id]) { return; }
    state.shown[m.id] = true;
    state.lastSeen = Math.max(state.lastSeen, m.id);
    var mine = m.client_id && state.own[m.client_id];
    if (mine) {
      mine.classList.remove('recado-wc-pending');
      mine.setAttribute('data-id', String(m.id));
    } else {
      var e = line(m.dir === 'out' ? 'out' : 'in', m.text, m.id, m.client_id);
      if (m.client_id) { state.own[m.client_id] = e; }
    }
    if (m.dir === 'out') {
      showTyping(0);
      // read implies delivered; a delivered sent after read could overtake it on the way to the message
      state.unread.push(m.id);
      if (!(state.open && document.visibilityState === 'visible')) { frame({ type: 'delivered', ids: [m.id] }); }
      markRead();
    }
  }

  function acknowledged(a) {
    state.pending = state.pending.filter(function (p) { return p.client_id !== a.client_id; });
    savePending();
    received({ id: a.id, dir: 'in', client_id: a.client_id, text: '' });
  }

  function refused(e) {
    if (e.code === 'rate_limited' && e.client_id) {
      setTimeout(flush, Math.min(60000, e.retry_after_ms || 3000));
    } else if (e.code === 'form_required') {
      showForm(true);
    } else if (e.code === 'too_long' && e.client_id) {
      state.pending = state.pending.filter(function (p) { return p.client_id !== e.client_id; });
      savePending();
      if (state.own[e.client_id]) { state.own[e.client_id].classList.add('recado-wc-failed'); }
    } else if (e.code === 'invalid' && !e.client_id) {
      formError.textContent = e.message ? (e.field ? e.field + ': ' : '') + e.message : 'Please check the form';
    }
  }

  function showTyping(forMs) {
    clearTimeout(state.typingTimer);
    typing.hidden = !forMs;
    if (forMs) { state.typingTimer = setTimeout(function () { typing.hidden = true; }, Math.min(forMs, 30000)); }
  }

  // the widget's look, and whether it is online: offline it asks who is writing first ("leave a message")
  function look(widget) {
    head.textContent = (widget.title || 'Chat') + (widget.online === false ? ' \u00b7 ' + WORDS.offline : '');
    if (/^#[0-9a-fA-F]{6}$/.test(widget.color || '')) { paint(widget.color); }
    var text = widget.online ? widget.greeting
      : [widget.offline_text, widget.reply_time].filter(function (t) { return t; }).join('\n');
    notice.textContent = text || '';
    notice.hidden = !text;
    panel.setAttribute('data-online', String(!!widget.online));
    showForm(!!widget.prechat_form && !state.formDone);
  }

  function welcome(w) {
    if (w.token) { keepToken(w.token); }
    state.formDone = !!w.form_done;
    look(w.widget || {});
    state.ready = true;
    state.attempt = 0;
    flush();
  }

  function connect() {
    var socket = new WebSocket(socketUrl);
    state.socket = socket;
    socket.onopen = function () {
      frame({ type: 'hello', token: token(), last_seen: state.lastSeen, page: location.href });
    };
    socket.onmessage = function (event) {
      var m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (m.type === 'welcome') { welcome(m); }
      else if (m.type === 'msg') { received(m); }
      else if (m.type === 'ack') { acknowledged(m); }
      else if (m.type === 'form_ok') { state.formDone = true; showForm(false); flush(); }
      else if (m.type === 'error') { refused(m); }
      else if (m.type === 'typing') { showTyping(m.for_ms || 6000); }
      else if (m.type === 'presence') { look(m.widget || {}); flush(); }
    };
    socket.onclose = function () {
      state.ready = false;
      if (state.socket !== socket) { return; }
      var delay = Math.min(30000, 1000 * Math.pow(2, state.attempt++)) * (0.5 + Math.random() / 2);
      setTimeout(connect, delay);
    };
  }

  state.pending.forEach(function (item) {
    state.own[item.client_id] = line('in', item.text, null, item.client_id);
    state.own[item.client_id].classList.add('recado-wc-pending');
  });
  connect();
}());
