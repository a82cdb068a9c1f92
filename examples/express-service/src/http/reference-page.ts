/**
 * The API reference page: a small self-contained renderer of `/openapi.json` (HTML, CSS and
 * script served by this service — no CDN, nothing fetched from elsewhere), so it works offline and
 * under a strict Content-Security-Policy (`script-src 'self'`).
 */

/** The page. */
export function apiReferencePage(): string {
  return `<!doctype html>
<html lang="tr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>izinkit API</title>
<link rel="stylesheet" href="/docs/reference.css">
<script src="/docs/reference.js" defer></script>
</head>
<body>
<header><h1>izinkit consent hub API</h1><p id="info"></p>
<p><a href="/openapi.json">openapi.json</a> · <input id="filter" type="search" placeholder="filtre / filter" aria-label="filter"></p></header>
<nav id="toc"></nav>
<main id="ops"><p>Yükleniyor… / Loading…</p></main>
</body>
</html>
`;
}

/** The stylesheet. */
export const REFERENCE_CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#fafafa}
header{background:#0f3d5e;color:#fff;padding:1rem 2rem}header a{color:#cde}
header h1{margin:.2rem 0;font-size:1.4rem}#filter{padding:.3rem;border-radius:4px;border:0;min-width:16rem}
nav{padding:.5rem 2rem;background:#eef2f5;font-size:.9rem}nav a{margin-right:1rem}
main{padding:1rem 2rem;max-width:70rem}
h2{border-bottom:2px solid #0f3d5e;padding-bottom:.2rem;margin-top:2rem}
details{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0}
summary{cursor:pointer;padding:.5rem .8rem;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}
.get{color:#0a7d32}.post{color:#0b5cad}.put{color:#8a5a00}.delete{color:#b3261e}
.perm{float:right;font-size:.8rem;color:#57606a}
.body{padding:0 1rem 1rem}pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:.8rem;border-radius:4px}
table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left;vertical-align:top}
`;

/** The renderer (plain browser JavaScript, no dependencies). */
export const REFERENCE_JS = `
'use strict';
(function () {
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }
  function resolve(doc, s, depth) {
    if (!s || depth > 8) return s;
    if (s.$ref) { var name = s.$ref.split('/').pop(); return resolve(doc, doc.components.schemas[name], depth + 1); }
    return s;
  }
  function schemaText(doc, s) {
    return JSON.stringify(s, function (k, v) {
      if (v && typeof v === 'object' && v.$ref) return Object.assign({ title: v.$ref.split('/').pop() }, resolve(doc, v, 0));
      return v;
    }, 2);
  }
  fetch('/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
    document.getElementById('info').textContent = doc.info.description || '';
    var byTag = {};
    Object.keys(doc.paths).forEach(function (p) {
      Object.keys(doc.paths[p]).forEach(function (m) {
        var op = doc.paths[p][m];
        var tag = (op.tags && op.tags[0]) || 'other';
        (byTag[tag] = byTag[tag] || []).push({ path: p, method: m, op: op });
      });
    });
    var main = document.getElementById('ops');
    var toc = document.getElementById('toc');
    main.textContent = '';
    Object.keys(byTag).sort().forEach(function (tag) {
      toc.appendChild(el('a', { href: '#tag-' + tag, text: tag }));
      main.appendChild(el('h2', { id: 'tag-' + tag, text: tag }));
      byTag[tag].forEach(function (x) {
        var op = x.op;
        var body = el('div', { class: 'body' });
        if (op.description) body.appendChild(el('p', { text: op.description }));
        var params = (op.parameters || []);
        if (params.length) {
          var t = el('table', null, [el('tr', null, [el('th', { text: 'name' }), el('th', { text: 'in' }), el('th', { text: 'required' }), el('th', { text: 'schema' })])]);
          params.forEach(function (p) {
            t.appendChild(el('tr', null, [el('td', { text: p.name }), el('td', { text: p.in }), el('td', { text: p.required ? 'yes' : '' }),
              el('td', { text: (p.description ? p.description + ' ' : '') + JSON.stringify(p.schema) })]));
          });
          body.appendChild(t);
        }
        if (op.requestBody) {
          body.appendChild(el('h4', { text: 'Request body' }));
          Object.keys(op.requestBody.content).forEach(function (ct) {
            body.appendChild(el('p', { text: ct + (op.requestBody.description ? ' — ' + op.requestBody.description : '') }));
            body.appendChild(el('pre', { text: schemaText(doc, op.requestBody.content[ct].schema) }));
          });
        }
        body.appendChild(el('h4', { text: 'Responses' }));
        Object.keys(op.responses).forEach(function (st) {
          var r = op.responses[st];
          var d = el('details', null, [el('summary', { text: st + ' — ' + r.description })]);
          if (r.content) Object.keys(r.content).forEach(function (ct) { d.appendChild(el('pre', { text: ct + '\\n' + schemaText(doc, r.content[ct].schema) })); });
          body.appendChild(d);
        });
        var perm = op['x-permission'] ? op['x-scope'] + ': ' + op['x-permission'] : 'public';
        var summary = el('summary', null, [el('span', { class: 'm ' + x.method, text: x.method }), document.createTextNode(' ' + x.path + ' — ' + op.summary), el('span', { class: 'perm', text: perm })]);
        var det = el('details', { 'data-search': (x.method + ' ' + x.path + ' ' + op.summary + ' ' + tag).toLowerCase() }, [summary, body]);
        main.appendChild(det);
      });
    });
    document.getElementById('filter').addEventListener('input', function (e) {
      var q = e.target.value.toLowerCase();
      document.querySelectorAll('details[data-search]').forEach(function (d) { d.style.display = d.getAttribute('data-search').indexOf(q) >= 0 ? '' : 'none'; });
    });
  }).catch(function (e) { document.getElementById('ops').textContent = 'openapi.json: ' + e; });
})();
`;
