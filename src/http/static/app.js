// Vaksam UI enhancements. Loaded with `defer`; the pages work without it (forms post normally).
// Text from the server is only ever put into the page with textContent, never as markup.
'use strict';

const LANG = document.documentElement.lang === 'en' ? 'en' : 'sv';
const CSRF = document.body.dataset.csrf || '';
const TEXT = {
  sv: {
    valid: 'Frågan är giltig.',
    checking: 'Kontrollerar…',
    running: 'Kör testet…',
    failed: 'Testkörningen misslyckades: ',
    scanned: 'Inlägg genomsökta: {n} (senaste {d} dagarna). Träffar nu: {before}, med utkastet: {after}.',
    added: 'Läggs till ({n})',
    dropped: 'Tas bort ({n})',
    none: 'Inga.',
    open: 'öppna',
    confirm: 'Är du säker?',
  },
  en: {
    valid: 'The query is valid.',
    checking: 'Checking…',
    running: 'Running the backtest…',
    failed: 'The backtest failed: ',
    scanned: 'Posts scanned: {n} (last {d} days). Matches now: {before}, with the draft: {after}.',
    added: 'Added ({n})',
    dropped: 'Dropped ({n})',
    none: 'None.',
    open: 'open',
    confirm: 'Are you sure?',
  },
}[LANG];

function fill(template, vars) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in vars ? String(vars[key]) : whole));
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': CSRF },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error((data && data.error && data.error.message) || `HTTP ${response.status}`);
  return data;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Elements that only make sense with script: shown here, hidden in the markup.
for (const node of document.querySelectorAll('.add-rule, #backtest-run')) node.hidden = false;
for (const node of document.querySelectorAll('.no-js')) node.hidden = true;

for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm || TEXT.confirm)) event.preventDefault();
  });
}

/* ---- Live syntax check of rule queries ---- */

function statusOf(textarea) {
  return document.getElementById(textarea.getAttribute('aria-describedby'));
}

async function checkQuery(textarea) {
  const status = statusOf(textarea);
  const query = textarea.value;
  if (!status) return;
  if (query.trim() === '') {
    status.textContent = '';
    status.className = 'query-status';
    textarea.removeAttribute('aria-invalid');
    return;
  }
  status.textContent = TEXT.checking;
  try {
    const result = await api('POST', '/api/v1/query/check', { query, lang: textarea.dataset.queryLang || 'any' });
    if (textarea.value !== query) return;
    status.replaceChildren();
    if (result.ok) {
      status.className = 'query-status good';
      status.textContent = TEXT.valid;
      textarea.removeAttribute('aria-invalid');
      return;
    }
    status.className = 'query-status bad';
    textarea.setAttribute('aria-invalid', 'true');
    const position = result.error.position;
    const lineStart = query.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
    const lineEnd = query.indexOf('\n', position);
    const line = query.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    status.append(result.error.message, el('span', { class: 'caret' }, `${line}\n${' '.repeat(Math.max(0, position - lineStart))}^`));
  } catch (error) {
    status.className = 'query-status bad';
    status.textContent = error.message;
  }
}

const scheduleCheck = debounce(checkQuery, 300);
document.addEventListener('input', (event) => {
  if (event.target instanceof HTMLTextAreaElement && event.target.classList.contains('query')) scheduleCheck(event.target);
});

/* ---- Adding rule rows ---- */

for (const button of document.querySelectorAll('.add-rule')) {
  button.addEventListener('click', () => {
    const list = button.closest('.rule-list');
    const rows = list.querySelectorAll('.rule');
    const template = rows[rows.length - 1];
    const row = template.cloneNode(true);
    const index = rows.length;
    for (const field of row.querySelectorAll('[name]')) {
      field.name = field.name.replace(/\.\d+\.(id|query|weight)$/, `.${index}.$1`);
      field.value = '';
      if (field.id) field.id = field.name;
    }
    const status = row.querySelector('.query-status');
    const base = `rules.${list.dataset.lang}.${list.dataset.kind}.${index}.status`;
    status.id = base;
    status.textContent = '';
    row.querySelector('textarea').setAttribute('aria-describedby', base);
    button.before(row);
    row.querySelector('input').focus();
  });
}

/* ---- Live backtest ---- */

// Builds the narrative definition from the form exactly as src/http/narratives/form.ts does on the server.
function narrativeFromForm(form) {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) || '');
  const number = (value) => (value.trim() === '' ? undefined : Number(value.replace(',', '.')));
  const rules = {};
  const found = [];
  for (const [name, value] of data.entries()) {
    const match = /^rules\.(sv|ar|en|any)\.(positive|negative)\.(\d+)\.(id|query|weight)$/.exec(name);
    if (!match) continue;
    const key = `${match[1]}.${match[2]}.${match[3]}`;
    let rule = found.find((r) => r.key === key);
    if (!rule) found.push((rule = { key, lang: match[1], kind: match[2], index: Number(match[3]), id: '', query: '', weight: '' }));
    rule[match[4]] = String(value).trim();
  }
  found.sort((a, b) => a.index - b.index);
  for (const rule of found) {
    if (rule.id === '' && rule.query === '') continue;
    rules[rule.lang] = rules[rule.lang] || { positive: [], negative: [] };
    const entry = { id: rule.id, query: rule.query };
    if (rule.weight !== '') entry.weight = number(rule.weight);
    rules[rule.lang][rule.kind].push(entry);
  }
  const lines = (value) => value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return {
    slug: form.dataset.slug,
    title: { sv: text('title.sv'), en: text('title.en') },
    description: text('description'),
    severity: text('severity'),
    enabled: data.get('enabled') === 'on',
    threshold: number(text('threshold')),
    counterFacts: { sv: text('counterFacts.sv'), en: text('counterFacts.en'), ar: text('counterFacts.ar') },
    rules,
    exemplars: { sv: lines(text('exemplars.sv')), en: lines(text('exemplars.en')), ar: lines(text('exemplars.ar')) },
  };
}

// Marks each matched term (the exact text that matched) where it occurs in the excerpt.
function excerptNode(sample) {
  const node = el('span', { class: 'post-text', dir: 'auto' });
  const spans = [];
  for (const term of sample.matched) {
    for (let at = sample.excerpt.indexOf(term); term && at >= 0; at = sample.excerpt.indexOf(term, at + term.length)) spans.push([at, at + term.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    node.append(sample.excerpt.slice(at, start), el('mark', {}, sample.excerpt.slice(start, end)));
    at = end;
  }
  node.append(sample.excerpt.slice(at));
  return node;
}

function sampleList(title, count, samples) {
  const section = el('section', { class: 'backtest-section' }, el('h3', {}, fill(title, { n: count })));
  if (samples.length === 0) {
    section.append(el('p', { class: 'muted' }, TEXT.none));
    return section;
  }
  const items = samples.map((sample) =>
    el('li', {}, excerptNode(sample), ' ', el('span', { class: 'small muted' }, `${sample.score} · ${sample.stance} · `), el('a', { href: `/posts/${sample.postId}` }, TEXT.open)),
  );
  section.append(el('ol', { class: 'backtest-list' }, ...items));
  return section;
}

const runButton = document.getElementById('backtest-run');
if (runButton) {
  runButton.addEventListener('click', async () => {
    const form = document.getElementById('narrative-form');
    const out = document.getElementById('backtest-result');
    const days = Number(document.getElementById('backtest-days').value) || 14;
    out.replaceChildren(el('p', {}, TEXT.running));
    runButton.disabled = true;
    try {
      const result = await api('POST', `/api/v1/narratives/${encodeURIComponent(form.dataset.slug)}/backtest`, { narrative: narrativeFromForm(form), days });
      out.replaceChildren(
        el('p', { class: 'backtest-summary' }, fill(TEXT.scanned, { n: result.postsScanned, d: days, before: result.saved, after: result.draft })),
        sampleList(TEXT.added, result.added, result.samples.added),
        sampleList(TEXT.dropped, result.dropped, result.samples.dropped),
      );
    } catch (error) {
      out.replaceChildren(el('p', { class: 'error', role: 'alert' }, TEXT.failed + error.message));
    } finally {
      runButton.disabled = false;
    }
  });
}

/* ---- Keyboard triage in lists marked data-keyboard-list (threat review queue) ---- */

const keyboardList = document.querySelector('[data-keyboard-list]');
if (keyboardList) {
  const rows = () => [...keyboardList.querySelectorAll('tbody tr[data-href]')];
  let current = 0;
  const select = (index) => {
    const all = rows();
    if (all.length === 0) return;
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((row, i) => row.classList.toggle('selected', i === current));
    all[current].scrollIntoView({ block: 'nearest' });
  };
  select(0);
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || target.closest('input, textarea, select, [contenteditable]')) return;
    const row = rows()[current];
    if (event.key === 'j') select(current + 1);
    else if (event.key === 'k') select(current - 1);
    else if (event.key === 'Enter' && row) window.location.href = row.dataset.href;
    else if (row && ['a', 'e', 'd'].includes(event.key)) {
      const form = row.querySelector(`form[data-key="${event.key}"]`);
      if (form) form.requestSubmit();
    } else return;
    event.preventDefault();
  });
}

/* ---- Keyboard shortcuts on a single case page ---- */

document.addEventListener('keydown', (event) => {
  if (keyboardList || event.ctrlKey || event.metaKey || event.altKey || event.target.closest('input, textarea, select, [contenteditable]')) return;
  const form = document.querySelector(`form[data-key="${event.key}"]`);
  if (!form) return;
  event.preventDefault();
  form.requestSubmit();
});
