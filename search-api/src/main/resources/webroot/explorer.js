// Transcript explorer: a thin client over the search API (see DESIGN.md "Search API").
// Every piece of text from the API is put into the page with textContent. The API's highlight is HTML-escaped
// text with <em> around matches: it is split on the marks, unescaped, and rebuilt as text nodes and <mark>
// elements, so nothing from a transcript is ever parsed as HTML. A redaction placeholder ([CARD]) of a kind
// the message's pii lists is shown as a grey chip naming what was removed; the same characters in a message
// without that kind are what the customer typed, and stay text.
'use strict';

const FACETS = [
  ['vendor', 'Vendor'], ['source', 'Source'], ['bot', 'Bot'], ['intent', 'Intent'],
  ['role', 'Role'], ['channel', 'Channel'], ['language', 'Language'], ['pii', 'Personal data'],
];
// What each built-in kind of personal data is; a pattern of the user's own is shown by its name.
const PII_KINDS = {
  email: 'e-mail address', phone: 'phone number', card: 'payment card number', iban: 'IBAN (bank account)',
  national_id: 'national id number', ip: 'IP address',
};
const FIELDS = ['from', 'to', 'minConfidence', 'maxConfidence'];
const LOW_CONFIDENCE = 0.5;
const KEY_STORAGE = 'transcriptExplorer.apiKey';
const PAGE_SIZE = 20;

const $ = (id) => document.getElementById(id);
// mode: 'messages' (/api/search) or 'conversations' (/api/conversations: the words may fall in different messages)
const state = { mode: 'messages', q: '', filters: {}, fields: {}, fallback: false, cursor: null, loading: false };
let opener = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };
function unescapeHtml(s) {
  return s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (m) => ENTITIES[m]);
}

function piiKinds(pii) {
  if (Array.isArray(pii)) return pii.map(String);
  return typeof pii === 'string' ? [pii] : [];
}

function piiLabel(kind) {
  return PII_KINDS[kind] || kind;
}

// "a [CARD] b" with pii ["card"] -> [text "a ", <span class=redacted>card</span>, text " b"]; built with text nodes only.
function redacted(text, pii) {
  const kinds = piiKinds(pii);
  if (!kinds.length) return [document.createTextNode(text)];
  const byPlaceholder = new Map(kinds.map((k) => ['[' + k.toUpperCase() + ']', k]));
  const out = [];
  for (const part of String(text).split(/(\[[A-Za-z0-9_]+\])/)) {
    const kind = byPlaceholder.get(part);
    if (kind) {
      out.push(el('span', {
        class: 'redacted', 'data-kind': kind, title: 'redacted: ' + piiLabel(kind),
      }, kind.replace(/_/g, ' ')));
    } else if (part) {
      out.push(document.createTextNode(part));
    }
  }
  return out;
}

// "a &lt;b&gt; <em>c</em>" -> [text "a <b> ", <mark>c</mark>]; no other markup is recognised.
function highlighted(fragment, pii) {
  const out = [];
  const parts = String(fragment).split(/(<em>|<\/em>)/);
  let inMark = false;
  for (const part of parts) {
    if (part === '<em>') { inMark = true; continue; }
    if (part === '</em>') { inMark = false; continue; }
    if (part) {
      const nodes = redacted(unescapeHtml(part), pii);
      if (inMark) out.push(el('mark', {}, nodes));
      else out.push(...nodes);
    }
  }
  return out;
}

function highlightText(hit) {
  const h = hit.highlight;
  if (Array.isArray(h) && h.length) return h.join(' … ');
  if (typeof h === 'string' && h) return h;
  return null;
}

// --- API access, asking once for a key when the API answers 401 -------------------------------
let keyWaiters = null;

function askForKey(reason) {
  if (keyWaiters) return new Promise((resolve) => keyWaiters.push(resolve));
  keyWaiters = [];
  const dialog = $('key-dialog');
  $('key-reason').textContent = reason;
  dialog.hidden = false;
  const input = $('key');
  input.value = '';
  input.focus();
  return new Promise((resolve) => keyWaiters.push(resolve));
}

function keySubmitted(event) {
  event.preventDefault();
  const key = $('key').value.trim();
  if (!key) return;
  sessionStorage.setItem(KEY_STORAGE, key);
  $('key-dialog').hidden = true;
  const waiters = keyWaiters || [];
  keyWaiters = null;
  waiters.forEach((resolve) => resolve(key));
}

async function api(path) {
  for (;;) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    const headers = { Accept: 'application/json' };
    if (key) headers.Authorization = 'Bearer ' + key;
    const response = await fetch(path, { headers });
    if (response.status === 401) {
      if (key) sessionStorage.removeItem(KEY_STORAGE);
      await askForKey(key
        ? 'The API refused that key. Enter a valid key (it is kept in this browser tab only).'
        : 'This search API asks for a key. It is kept in this browser tab only.');
      continue;
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      throw new Error('the API answered ' + response.status + ' without JSON');
    }
    if (!response.ok) throw new Error((body && body.error) || ('the API answered ' + response.status));
    return body;
  }
}

// --- search ------------------------------------------------------------------------------------
function searchParams(withCursor) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const [name, value] of Object.entries(state.filters)) p.set(name, value);
  for (const [name, value] of Object.entries(state.fields)) if (value !== '') p.set(name, value);
  if (state.fallback) p.set('fallback', 'true');
  if (withCursor && state.cursor) p.set('cursor', state.cursor);
  return p;
}

function readForm() {
  state.mode = $('mode-conversations').checked ? 'conversations' : 'messages';
  state.q = $('q').value.trim();
  state.fields = {};
  for (const f of FIELDS) state.fields[f] = $(f).value;
  state.fallback = $('fallback').checked;
}

function writeForm() {
  $('mode-conversations').checked = state.mode === 'conversations';
  $('mode-messages').checked = state.mode !== 'conversations';
  $('q').value = state.q;
  for (const f of FIELDS) $(f).value = state.fields[f] || '';
  $('fallback').checked = state.fallback;
}

async function search() {
  state.cursor = null;
  const shown = searchParams(false);
  if (state.mode === 'conversations') shown.set('mode', 'conversations');
  history.replaceState(null, '', '?' + shown.toString());
  const p = searchParams(false);
  p.set('size', PAGE_SIZE);
  await load(p, false);
}

async function more() {
  const p = searchParams(true);
  p.set('size', PAGE_SIZE);
  await load(p, true);
}

async function load(params, append) {
  state.loading = true;
  document.body.classList.add('loading');
  $('error').hidden = true;
  try {
    const conversations = state.mode === 'conversations';
    const result = await api((conversations ? 'api/conversations?' : 'api/search?') + params.toString());
    if (!append) {
      renderFacets(result.facets || {});
      renderHistogram(result.histogram || []);
      $('hits').replaceChildren();
      state.shown = 0;
    }
    if (conversations) renderConversationHits(result.hits || [], append);
    else renderHits(result.hits || [], append);
    state.shown += (result.hits || []).length;
    state.cursor = result.cursor || null;
    const total = typeof result.total === 'object' && result.total ? result.total.value : result.total;
    const noun = conversations ? ['conversation', 'conversations'] : ['message', 'messages'];
    $('summary').textContent = (total ?? 0).toLocaleString() + ' ' + (total === 1 ? noun[0] : noun[1]) +
      (state.shown ? ' · showing ' + state.shown.toLocaleString() : '') + (state.q ? ' for “' + state.q + '”' : '');
    $('more').hidden = !state.cursor || (result.hits || []).length === 0 || state.shown >= (total ?? 0);
    if (!append) renderExpansion(result.query, total);
    renderChips();
  } catch (e) {
    $('error').textContent = 'Search failed: ' + e.message;
    $('error').hidden = false;
  } finally {
    state.loading = false;
    document.body.classList.remove('loading');
    document.body.dataset.ready = 'true';
  }
}

/** How the API read q: what each term also searched, how many hits hold every term, a learned intent. */
function renderExpansion(query, total) {
  const box = $('expansion');
  const parts = [];
  for (const term of (query && query.terms) || []) {
    const also = (term.synonyms || []).slice(0, 6);
    if (also.length) parts.push(term.text + ' also as ' + also.join(', ') + (term.synonyms.length > also.length ? ' …' : ''));
    if (term.typos) parts.push(term.text + ' also misspelt');
    if (term.optional) parts.push(term.text + ' not required');
  }
  if (query && typeof query.allTerms === 'number' && query.allTerms < (total ?? 0)) {
    parts.push(query.allTerms.toLocaleString() + ' hold every term, the rest most of them');
  }
  if (query && query.intent) parts.push('and messages of intent ' + query.intent.name + ' (' + query.intent.language + ')');
  box.textContent = parts.length ? 'Searched: ' + parts.join(' · ') : '';
  box.hidden = parts.length === 0;
}

function renderFacets(facets) {
  const nav = $('facets');
  nav.replaceChildren();
  for (const [name, label] of FACETS) {
    const buckets = facets[name] || [];
    const active = state.filters[name];
    if (!buckets.length && !active) continue;
    const list = el('ul');
    const seen = new Set();
    for (const b of buckets) {
      seen.add(String(b.value));
      list.append(el('li', {}, facetButton(name, String(b.value), b.count, active === String(b.value))));
    }
    // a facet this search does not count (conversations have no pii facet): the filter without a count
    if (active && !seen.has(active)) list.append(el('li', {}, facetButton(name, active, name in facets ? 0 : null, true)));
    nav.append(el('section', { class: 'facet', 'data-facet': name }, el('h3', { text: label }), list));
  }
}

function facetButton(name, value, count, pressed) {
  const shown = name === 'pii' ? piiLabel(value) : value;
  return el('button', {
    type: 'button', 'aria-pressed': pressed ? 'true' : 'false', 'data-value': value,
    title: (pressed ? 'Remove filter ' : 'Filter by ') + name + ' = ' + shown,
    onclick: () => {
      if (pressed) delete state.filters[name];
      else state.filters[name] = value;
      search();
    },
  }, el('span', { class: 'value', text: shown }),
  el('span', { class: 'count', text: count === null ? '' : Number(count).toLocaleString() }));
}

function renderChips() {
  const chips = $('active-filters');
  chips.replaceChildren();
  for (const [name, value] of Object.entries(state.filters)) {
    chips.append(el('button', {
      type: 'button', class: 'chip', title: 'Remove this filter',
      onclick: () => { delete state.filters[name]; search(); },
    }, (name === 'pii' ? 'personal data: ' + piiLabel(value) : name + ': ' + value) + ' ×'));
  }
}

function renderHistogram(buckets) {
  const box = $('histogram');
  box.replaceChildren();
  box.hidden = buckets.length === 0;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  for (const b of buckets) {
    const day = String(b.date).slice(0, 10);
    box.append(el('div', {
      class: 'bar', title: day + ': ' + b.count + ' messages · click to show that day',
      style: 'height:' + Math.max(b.count ? 4 : 0, Math.round(100 * b.count / max)) + '%',
      onclick: () => { $('from').value = day; $('to').value = day; readForm(); search(); },
    }));
  }
  const axis = $('histogram-axis');
  axis.replaceChildren();
  if (buckets.length) {
    axis.append(el('span', { text: String(buckets[0].date).slice(0, 10) }),
      el('span', { text: 'messages per day · busiest ' + max.toLocaleString() }),
      el('span', { text: String(buckets[buckets.length - 1].date).slice(0, 10) }));
  }
  if (buckets.length) box.setAttribute('aria-label', 'Messages per day, ' + String(buckets[0].date).slice(0, 10) + ' to ' + String(buckets[buckets.length - 1].date).slice(0, 10));
}

function intentBadges(intent, fallback) {
  const badges = [];
  const isFallback = fallback === true || (intent && intent.fallback === true);
  if (isFallback) badges.push(el('span', { class: 'badge fallback', title: 'The bot did not understand' }, '⚠ fallback'));
  if (intent && intent.name) {
    const c = typeof intent.confidence === 'number' ? intent.confidence : null;
    const low = c !== null && c < LOW_CONFIDENCE;
    badges.push(el('span', {
      class: 'badge intent' + (low ? ' low' : ''),
      title: low ? 'Low confidence (below ' + LOW_CONFIDENCE + ')' : 'Intent and confidence',
    }, (low ? '▼ ' : '') + intent.name + (c !== null ? ' · ' + c.toFixed(2) : '')));
  }
  return badges;
}

function when(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  return isNaN(d) ? String(ts) : d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function renderHits(hits, append) {
  const list = $('hits');
  if (!hits.length && !append) {
    list.append(el('li', { class: 'empty', text: 'No message matches. Try fewer words or remove a filter.' }));
    return;
  }
  for (const hit of hits) {
    const snippet = highlightText(hit);
    const button = el('button', {
      type: 'button', class: 'hit', 'data-conversation': hit.conversationId, 'data-source': hit.source,
      onclick: (e) => openConversation(hit, e.currentTarget),
    },
    el('div', { class: 'line' },
      el('span', { class: 'badge role-' + hit.role, text: hit.role }),
      el('span', { text: hit.vendor + ' · ' + hit.source + (hit.bot ? ' · ' + hit.bot : '') }),
      el('time', { datetime: hit.timestamp, text: when(hit.timestamp) }),
      hit.language ? el('span', { text: hit.language }) : null,
      intentBadges(hit.intent, hit.fallback)),
    el('div', { class: 'snippet', lang: hit.language || null }, snippet ? highlighted(snippet, hit.pii) : redacted(hit.text || '', hit.pii)));
    list.append(el('li', {}, button));
  }
}

// A conversation found as a whole: where and when, how long, and its best messages with the words marked.
function renderConversationHits(hits, append) {
  const list = $('hits');
  if (!hits.length && !append) {
    list.append(el('li', { class: 'empty', text: 'No conversation holds every word. Try fewer words or remove a filter.' }));
    return;
  }
  for (const hit of hits) {
    const matches = Array.isArray(hit.matches) ? hit.matches : [];
    const total = hit.messages && typeof hit.messages.total === 'number' ? hit.messages.total : 0;
    const target = {
      source: hit.source, conversationId: hit.conversationId, vendor: hit.vendor,
      messageId: matches.length ? matches[0].messageId : null,
      matchIds: matches.map((m) => String(m.messageId)),
    };
    const button = el('button', {
      type: 'button', class: 'hit conversation-hit', 'data-conversation': hit.conversationId, 'data-source': hit.source,
      onclick: (e) => openConversation(target, e.currentTarget),
    },
    el('div', { class: 'line' },
      el('span', { class: 'badge conversation', text: 'conversation' }),
      el('span', { class: 'conversation-id', text: hit.vendor + ' · ' + hit.source + ' · ' + hit.conversationId }),
      el('time', { datetime: hit.startedAt || null, text: when(hit.startedAt) }),
      el('span', { class: 'message-count', text: total.toLocaleString() + (total === 1 ? ' message' : ' messages') })),
    matches.length ? el('ul', { class: 'matches', 'aria-label': 'Matching messages' }, matches.map((m) =>
      el('li', { class: 'match' },
        el('span', { class: 'badge role-' + m.role, text: m.role }),
        el('span', { class: 'snippet' }, m.highlight ? highlighted(m.highlight, m.pii) : redacted(m.text || '', m.pii))))) : null);
    list.append(el('li', {}, button));
  }
}

// --- conversation --------------------------------------------------------------------------------
function messageIdOf(hit) {
  return hit.messageId || (hit.message && hit.message.id) || hit.id;
}

async function openConversation(hit, from) {
  opener = from;
  const wanted = messageIdOf(hit);
  const path = 'api/conversations/' + encodeURIComponent(hit.source) + '/' + encodeURIComponent(hit.conversationId) +
    (wanted ? '?highlight=' + encodeURIComponent(wanted) : '');
  const overlay = $('conversation');
  $('conversation-title').textContent = hit.conversationId;
  $('conversation-meta').textContent = 'Loading…';
  $('transcript').replaceChildren();
  overlay.hidden = false;
  $('conversation-close').focus();
  try {
    renderConversation(await api(path), hit);
  } catch (e) {
    $('conversation-meta').textContent = 'Could not load the conversation: ' + e.message;
  }
}

// The API marks the message asked for (highlight=<messageId>); ids are compared only if it did not.
function messageMatches(m, hit, serverMarks) {
  if (hit.matchIds && hit.matchIds.includes(String(m.messageId))) return true; // every match of a conversation hit
  if (serverMarks) return m.highlighted === true;
  const ids = [m.messageId, m.id].filter(Boolean).map(String);
  return ids.includes(String(messageIdOf(hit))) || ids.includes(String(hit.id));
}

function renderConversation(body, hit) {
  const conversation = body.conversation || {};
  const messages = body.messages || conversation.messages || [];
  const parts = [conversation.vendor || hit.vendor, conversation.source || hit.source];
  const bot = conversation.bot && (conversation.bot.name || conversation.bot.id);
  if (bot) parts.push(bot);
  const channel = conversation.channel && (conversation.channel.name || conversation.channel);
  if (channel && typeof channel === 'string') parts.push(channel);
  const start = (conversation.conversation && conversation.conversation.start) || conversation['@timestamp'];
  if (start) parts.push(when(start));
  parts.push(messages.length + ' messages' + (body.truncated ? ' (first ' + messages.length + ' of ' + body.total + ')' : ''));
  if (conversation.handover === true) parts.push('handed over to an agent');
  $('conversation-meta').textContent = parts.filter(Boolean).join(' · ');
  const list = $('transcript');
  let target = null;
  const serverMarks = messages.some((m) => typeof m.highlighted === 'boolean');
  for (const m of messages) {
    const role = ['user', 'bot', 'agent', 'system'].includes(m.role) ? m.role : 'system';
    const isHit = messageMatches(m, hit, serverMarks);
    const options = Array.isArray(m.options) ? m.options : [];
    const item = el('li', { class: 'msg ' + role + (isHit ? ' hit-message' : ''), 'data-role': role, lang: m.language || null },
      el('div', { class: 'who' }, el('span', { text: role }),
        el('time', { datetime: m.timestamp || m['@timestamp'], text: when(m.timestamp || m['@timestamp']) }),
        intentBadges(m.intent, m.fallback)),
      el('div', { class: 'bubble' }, m.highlight && isHit ? highlighted(highlightText(m) || m.text || '', m.pii) : redacted(m.text || '', m.pii)),
      options.length ? el('ul', { class: 'options', 'aria-label': 'Quick replies' },
        options.map((o) => el('li', {}, redacted(typeof o === 'string' ? o : String(o.title || o.label || o.value || JSON.stringify(o)), m.pii)))) : null);
    if (isHit && !target) target = item;
    list.append(item);
  }
  if (target) {
    target.setAttribute('aria-current', 'true');
    target.scrollIntoView({ block: 'center' });
  }
}

function closeConversation() {
  $('conversation').hidden = true;
  if (opener) opener.focus();
  opener = null;
}

// --- wiring --------------------------------------------------------------------------------------
function start() {
  const params = new URLSearchParams(location.search);
  state.mode = params.get('mode') === 'conversations' ? 'conversations' : 'messages';
  state.q = params.get('q') || '';
  for (const [name] of FACETS) if (params.get(name)) state.filters[name] = params.get(name);
  for (const f of FIELDS) state.fields[f] = params.get(f) || '';
  state.fallback = params.get('fallback') === 'true';
  writeForm();

  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); readForm(); search(); });
  $('more').addEventListener('click', more);
  for (const id of ['mode-messages', 'mode-conversations']) $(id).addEventListener('change', () => { readForm(); search(); });
  $('conversation-close').addEventListener('click', closeConversation);
  $('conversation').addEventListener('click', (e) => { if (e.target === e.currentTarget) closeConversation(); });
  $('key-form').addEventListener('submit', keySubmitted);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('conversation').hidden) { e.preventDefault(); closeConversation(); }
  });
  search();
}

document.addEventListener('DOMContentLoaded', start);
