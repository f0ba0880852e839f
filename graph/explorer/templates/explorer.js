/* Peru Nexus explorer. Data comes from <script type="application/json" id="kg-data">.
 * Every piece of data reaches the page as text: the DOM is built with createElement and
 * textContent only (never innerHTML), and tooltips are DOM elements built the same way. */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('kg-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var DEFAULT_NODE_FONT = '#1f2933', DEFAULT_EDGE_FONT = '#52606d';

  // ------------------------------------------------------------ small helpers
  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'text') node.textContent = props[k];
        else if (k === 'className') node.className = props[k];
        else if (k === 'dataset') Object.keys(props[k]).forEach(function (d) { node.dataset[d] = props[k][d]; });
        else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), props[k]);
        else node[k] = props[k];
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function fold(s) { return String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim(); }
  function humanize(name) {
    var s = String(name).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function swatch(shape, fill, stroke, size) {
    size = size || 14;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', size); svg.setAttribute('height', size);
    svg.setAttribute('viewBox', '0 0 20 20'); svg.setAttribute('class', 'swatch');
    svg.setAttribute('aria-hidden', 'true');
    var shapeEl;
    var points = {
      diamond: '10,1 19,10 10,19 1,10', triangle: '10,2 19,18 1,18', square: '3,3 17,3 17,17 3,17',
      star: '10,1 12.6,7 19,7.3 14,11.4 15.7,18 10,14.3 4.3,18 6,11.4 1,7.3 7.4,7',
      hexagon: '10,1 18,5.5 18,14.5 10,19 2,14.5 2,5.5'
    }[shape];
    if (points) { shapeEl = document.createElementNS(SVG, 'polygon'); shapeEl.setAttribute('points', points); }
    else {
      shapeEl = document.createElementNS(SVG, 'circle');
      shapeEl.setAttribute('cx', 10); shapeEl.setAttribute('cy', 10); shapeEl.setAttribute('r', 8);
    }
    shapeEl.setAttribute('fill', fill); shapeEl.setAttribute('stroke', stroke || fill);
    svg.appendChild(shapeEl);
    return svg;
  }
  function lineSwatch(color, dashed) {
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', 34); svg.setAttribute('height', 10); svg.setAttribute('class', 'swatch');
    svg.setAttribute('aria-hidden', 'true');
    var line = document.createElementNS(SVG, 'line');
    line.setAttribute('x1', 1); line.setAttribute('y1', 5); line.setAttribute('x2', 27); line.setAttribute('y2', 5);
    line.setAttribute('stroke', color); line.setAttribute('stroke-width', 2);
    if (dashed) line.setAttribute('stroke-dasharray', '5 4');
    var head = document.createElementNS(SVG, 'polygon');
    head.setAttribute('points', '26,1 33,5 26,9'); head.setAttribute('fill', color);
    svg.appendChild(line); svg.appendChild(head);
    return svg;
  }

  // ------------------------------------------------------------ indexes
  var typeInfo = {}, sectionTypes = {}, predInfo = {};
  D.types.forEach(function (t) {
    typeInfo[t.name] = t;
    (sectionTypes[t.section] = sectionTypes[t.section] || []).push(t);
  });
  D.predicates.forEach(function (p) { predInfo[p.name] = p; });
  var incident = {};
  Object.keys(D.nodes).forEach(function (id) { incident[id] = []; });
  Object.keys(D.edges).forEach(function (eid) {
    var e = D.edges[eid];
    incident[e.from].push(eid);
    if (e.to !== e.from) incident[e.to].push(eid);
  });
  function nodeLabel(id) { return D.nodes[id] ? D.nodes[id].label : id; }
  Object.keys(incident).forEach(function (id) {
    incident[id].sort(function (a, b) {
      var ea = D.edges[a], eb = D.edges[b];
      var ka = (ea.from === id ? '0' : '1') + ea.label + '\u0000' + nodeLabel(ea.from === id ? ea.to : ea.from);
      var kb = (eb.from === id ? '0' : '1') + eb.label + '\u0000' + nodeLabel(eb.from === id ? eb.to : eb.from);
      return ka < kb ? -1 : ka > kb ? 1 : (a < b ? -1 : 1);
    });
  });

  // ------------------------------------------------------------ time
  // Python (graph/builder/time.py, the one rule) gives each node and edge the years it holds,
  // span = [first, last] (null: open), and the words for its time (when); the page only compares.
  function holds(f, y) {
    var a = f.span[0], b = f.span[1];
    return (a === null || a <= y) && (b === null || y <= b);
  }

  // ------------------------------------------------------------ tooltips (DOM elements, text only)
  function nodeTip(id) {
    var f = D.nodes[id];
    var tip = el('div', { className: 'tip' }, el('b', { text: f.label }), humanize(f.type));
    if (f.aliases && f.aliases.length) tip.appendChild(el('div', { text: 'Also: ' + f.aliases.join('; ') }));
    if (f.description) tip.appendChild(el('div', { text: f.description }));
    tip.appendChild(el('div', { className: 'when', text: plural(f.degree || 0, 'relationship', 'relationships') + ' · click for the dossier' }));
    return tip;
  }
  function edgeTip(eid) {
    var e = D.edges[eid];
    var tip = el('div', { className: 'tip' },
      el('b', { text: nodeLabel(e.from) + ' — ' + e.label + ' → ' + nodeLabel(e.to) }));
    tip.appendChild(el('div', { className: 'when', text: e.when || 'Undated: shown in every year' }));
    if (e.status === 'disputed') tip.appendChild(el('div', { className: 'status-disputed', text: 'Disputed: the sources disagree' }));
    tip.appendChild(el('div', { className: 'when', text: plural((e.citations || []).length, 'citation', 'citations') + ' · click for the evidence' }));
    return tip;
  }

  D.vis.nodes.forEach(function (n) { n.title = nodeTip(n.id); });
  D.vis.edges.forEach(function (e) { e.title = edgeTip(e.id); });
  var origNode = {}, origEdge = {};
  D.vis.nodes.forEach(function (n) { origNode[n.id] = { id: n.id, color: n.color, borderWidth: 1, font: { color: DEFAULT_NODE_FONT, size: 13 } }; });
  // On a big graph, dimming every other node costs a second per click: emphasise the neighbours instead.
  var BIG = D.vis.nodes.length > 1500;
  D.vis.edges.forEach(function (e) { origEdge[e.id] = { id: e.id, color: e.color, font: { color: DEFAULT_EDGE_FONT } }; });

  // ------------------------------------------------------------ filters and the network
  var hiddenTypes = new Set(), hiddenPreds = new Set();
  var year = (D.year === null || D.year === undefined) ? null : D.year;
  var visN = new Set(), visE = new Set();

  function computeVisible() {
    visN = new Set(); visE = new Set();
    Object.keys(D.nodes).forEach(function (id) {
      var f = D.nodes[id];
      if (!hiddenTypes.has(f.type) && (year === null || holds(f, year))) visN.add(id);
    });
    Object.keys(D.edges).forEach(function (eid) {
      var e = D.edges[eid];
      if (!hiddenPreds.has(e.predicate) && visN.has(e.from) && visN.has(e.to) && (year === null || holds(e, year))) visE.add(eid);
    });
  }
  computeVisible();

  var nodesDS = new vis.DataSet(D.vis.nodes), edgesDS = new vis.DataSet(D.vis.edges);
  var nodesView = new vis.DataView(nodesDS, { filter: function (n) { return visN.has(n.id); } });
  var edgesView = new vis.DataView(edgesDS, { filter: function (e) { return visE.has(e.id); } });
  var container = document.getElementById('network');
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, D.vis.options);

  var countsEl = document.getElementById('counts');
  function updateCounts() {
    var nN = Object.keys(D.nodes).length, nE = Object.keys(D.edges).length;
    countsEl.dataset.nodes = visN.size; countsEl.dataset.edges = visE.size;
    countsEl.textContent = (visN.size === nN ? plural(nN, 'entity', 'entities') : visN.size + ' of ' + plural(nN, 'entity', 'entities'))
      + ' · ' + (visE.size === nE ? plural(nE, 'relationship', 'relationships') : visE.size + ' of ' + plural(nE, 'relationship', 'relationships'))
      + (year !== null ? ' · as of ' + year : '');
  }

  function applyFilters() {
    var keep = current;
    clearHighlight();
    computeVisible();
    nodesView.refresh(); edgesView.refresh();
    updateCounts();
    refreshLegendState();
    if (keep && keep.kind === 'node' && visN.has(keep.id)) { network.selectNodes([keep.id]); highlight(keep.id); }
    else if (keep && keep.kind === 'edge' && visE.has(keep.id)) network.selectEdges([keep.id]);
    else network.unselectAll();
    if (keep) (keep.kind === 'node' ? showNode : showEdge)(keep.id);
  }

  // ------------------------------------------------------------ neighbourhood highlight
  var highlighted = null;
  function highlight(id) {
    clearHighlight();
    var near = new Set([id]), conn = new Set();
    incident[id].forEach(function (eid) {
      if (!visE.has(eid)) return;
      conn.add(eid); near.add(D.edges[eid].from); near.add(D.edges[eid].to);
    });
    var nu = [], eu = [];
    if (BIG) {
      near.forEach(function (n) {
        if (visN.has(n)) nu.push({ id: n, borderWidth: 3, color: { background: origNode[n].color.background, border: '#111111' }, font: { color: '#000000', size: 16 } });
      });
    } else {
      visN.forEach(function (n) {
        if (!near.has(n)) nu.push({ id: n, color: { background: '#e9ecef', border: '#d5dadf' }, font: { color: '#e6e9ec' } });
      });
      visE.forEach(function (e) {
        if (!conn.has(e)) eu.push({ id: e, color: { color: '#eceff2', highlight: '#eceff2' }, font: { color: 'rgba(0,0,0,0)' } });
      });
    }
    nodesDS.update(nu); edgesDS.update(eu);
    highlighted = { nodes: nu.map(function (x) { return x.id; }), edges: eu.map(function (x) { return x.id; }), center: id, near: near };
  }
  function clearHighlight() {
    if (!highlighted) return;
    nodesDS.update(highlighted.nodes.map(function (n) { return origNode[n]; }));
    edgesDS.update(highlighted.edges.map(function (e) { return origEdge[e]; }));
    highlighted = null;
  }

  // ------------------------------------------------------------ dossier
  var dossier = document.getElementById('dossier'), body = document.getElementById('dossier-body');
  var current = null;

  function nodeLink(id) {
    var f = D.nodes[id];
    if (!f) return el('span', { text: id });
    return el('button', { type: 'button', className: 'link', text: f.label, title: humanize(f.type),
      onclick: function () { selectNode(id, true); } });
  }
  function sourceText(c) {
    var s = D.sources[c.source] || {};
    var bits = [s.title || c.source];
    if (s.author) bits.push(s.author);
    if (s.date) bits.push(s.date);
    return bits.join(' — ');
  }
  function citationBlock(c) {
    var box = el('div', { className: 'citation' + (c.stance === 'disputes' ? ' disputes' : '') },
      el('div', { className: 'src', text: sourceText(c) }),
      c.locator ? el('div', { className: 'loc', text: c.locator }) : null,
      c.quote ? el('blockquote', { text: '\u201c' + c.quote + '\u201d' }) : null);
    if (c.by) box.appendChild(el('div', { className: 'when', text: 'Claim made by: ' + nodeLabel(c.by) }));
    if (c.stance === 'disputes') box.appendChild(el('div', { className: 'status-disputed', text: 'This citation disputes the statement' }));
    if (c.note) box.appendChild(el('div', { className: 'when', text: 'Note: ' + c.note }));
    return box;
  }
  function statementBlock(eid) {
    var e = D.edges[eid];
    var block = el('div', { className: 'statement', dataset: { statement: eid } },
      el('div', { className: 'line' }, nodeLink(e.from), ' ', el('span', { className: 'pred', text: e.label }), ' ', nodeLink(e.to)));
    block.appendChild(el('div', { className: 'when' + (e.when ? '' : ' undated'), text: e.when || 'Undated: shown in every year' }));
    if (e.place) block.appendChild(el('div', { className: 'when' }, 'Where: ', nodeLink(e.place)));
    block.appendChild(el('div', { className: e.status === 'disputed' ? 'status-disputed' : 'when',
      text: e.status === 'disputed' ? 'Disputed: the sources disagree' : 'Status: asserted' }));
    if (!visE.has(eid)) block.appendChild(el('div', { className: 'note', text: 'Hidden by the current filters' }));
    (e.citations || []).forEach(function (c) { block.appendChild(citationBlock(c)); });
    return block;
  }
  function openDossier() { dossier.hidden = false; dossier.scrollTop = 0; }

  function showNode(id) {
    var f = D.nodes[id], t = typeInfo[f.type];
    current = { kind: 'node', id: id };
    clear(body);
    body.dataset.node = id; delete body.dataset.edge;
    body.appendChild(el('div', { className: 'dossier-type' }, swatch(t.shape, t.color, t.border), humanize(f.type)));
    body.appendChild(el('h2', { className: 'dossier-title', text: f.label }));
    if (f.aliases && f.aliases.length) body.appendChild(el('div', { className: 'aliases', text: 'Also known as: ' + f.aliases.join('; ') }));
    if (f.description) body.appendChild(el('p', { className: 'description', text: f.description }));
    if (f.when) body.appendChild(el('div', { className: 'when', text: f.when }));
    if (!visN.has(id)) body.appendChild(el('p', { className: 'note', text: 'Hidden by the current filters.' }));
    if (f.citations && f.citations.length) {
      body.appendChild(el('h3', { text: 'Evidence' }));
      f.citations.forEach(function (c) { body.appendChild(citationBlock(c)); });
    }
    if (f.estimates && f.estimates.length) {
      body.appendChild(el('h3', { text: 'Estimates' }));
      f.estimates.forEach(function (est) {
        var amount = est.value !== undefined ? String(est.value) : (est.min === est.max ? String(est.min) : est.min + '–' + est.max);
        var box = el('div', { className: 'statement' }, el('div', { className: 'line', text: humanize(est.measure) + ': ' + amount + (est.unit ? ' ' + est.unit : '') }));
        box.appendChild(el('div', { className: 'when', text: est.when || 'Undated' }));
        if (est.status === 'disputed') box.appendChild(el('div', { className: 'status-disputed', text: 'Disputed: the sources disagree' }));
        (est.citations || []).forEach(function (c) { box.appendChild(citationBlock(c)); });
        body.appendChild(box);
      });
    }
    var list = incident[id];
    body.appendChild(el('h3', { text: 'Relationships (' + list.length + ')' }));
    if (!list.length) body.appendChild(el('p', { className: 'note', text: 'None in this graph.' }));
    list.forEach(function (eid) { body.appendChild(statementBlock(eid)); });
    openDossier();
  }
  function showEdge(eid) {
    current = { kind: 'edge', id: eid };
    clear(body);
    body.dataset.edge = eid; delete body.dataset.node;
    body.appendChild(el('div', { className: 'dossier-type', text: 'Statement' }));
    body.appendChild(el('h2', { className: 'dossier-title', text: D.edges[eid].label }));
    var p = predInfo[D.edges[eid].predicate];
    if (p && p.comment) body.appendChild(el('p', { className: 'note', text: p.comment }));
    body.appendChild(statementBlock(eid));
    openDossier();
  }
  function closeDossier() {
    current = null; dossier.hidden = true; clear(body);
    clearHighlight(); network.unselectAll();
  }
  document.getElementById('close').addEventListener('click', closeDossier);
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && ev.target !== search && current) closeDossier();
    else if (ev.key === '/' && ev.target.tagName !== 'INPUT') { search.focus(); ev.preventDefault(); }
  });

  function selectNode(id, focus) {
    if (!D.nodes[id]) return;
    showNode(id);
    if (visN.has(id)) {
      network.selectNodes([id]);
      highlight(id);
      if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: BIG ? false : { duration: 350, easingFunction: 'easeInOutQuad' } });
    } else {
      clearHighlight(); network.unselectAll();
    }
  }
  function selectEdge(eid) {
    clearHighlight();
    showEdge(eid);
    network.selectEdges([eid]);
  }

  network.on('doubleClick', function (params) {
    if (params.nodes.length) network.focus(params.nodes[0], { scale: Math.max(network.getScale(), 1.4), animation: BIG ? false : { duration: 350 } });
  });
  document.getElementById('fit').addEventListener('click', function () { network.fit({ animation: false }); });
  network.on('click', function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else closeDossier();
  });

  // ------------------------------------------------------------ search
  var search = document.getElementById('search'), results = document.getElementById('results');
  var searchIndex = Object.keys(D.nodes).map(function (id) {
    var f = D.nodes[id];
    return { id: id, names: [{ text: f.label, key: fold(f.label), alias: false }].concat(
      (f.aliases || []).map(function (a) { return { text: a, key: fold(a), alias: true }; })) };
  });
  var activeResult = -1, resultIds = [];
  function score(key, q) {
    if (key === q) return 0;
    if (key.indexOf(q) === 0) return 1;
    if ((' ' + key).indexOf(' ' + q) >= 0) return 2;
    if (key.indexOf(q) >= 0) return 3;
    return -1;
  }
  function find(q) {
    q = fold(q);
    if (!q) return [];
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = null;
      entry.names.forEach(function (n) {
        var s = score(n.key, q);
        if (s >= 0 && (best === null || s < best.score || (s === best.score && !n.alias && best.alias))) best = { score: s, name: n };
      });
      if (best) hits.push({ id: entry.id, score: best.score, via: best.name });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || (D.nodes[b.id].degree || 0) - (D.nodes[a.id].degree || 0)
        || (D.nodes[a.id].label < D.nodes[b.id].label ? -1 : 1);
    });
    return hits.slice(0, 30);
  }
  function renderResults() {
    var hits = find(search.value);
    clear(results);
    resultIds = hits.map(function (h) { return h.id; });
    activeResult = hits.length ? 0 : -1;
    if (!search.value.trim()) { results.hidden = true; return; }
    if (!hits.length) results.appendChild(el('li', { className: 'none', text: 'No name or alias matches' }));
    hits.forEach(function (h, i) {
      var f = D.nodes[h.id];
      var sub = humanize(f.type) + (h.via.alias ? ' · alias: ' + h.via.text : '') + (visN.has(h.id) ? '' : ' · hidden by filters');
      var li = el('li', { role: 'option', dataset: { id: h.id },
        onmousedown: function (ev) { ev.preventDefault(); choose(h.id); } },
        el('span', { text: f.label }), el('span', { className: 'sub', text: sub }));
      li.setAttribute('aria-selected', i === activeResult ? 'true' : 'false');
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function markActive() {
    Array.prototype.forEach.call(results.children, function (li, i) {
      li.setAttribute('aria-selected', i === activeResult ? 'true' : 'false');
      if (i === activeResult) li.scrollIntoView({ block: 'nearest' });
    });
  }
  function choose(id) { results.hidden = true; selectNode(id, true); }
  search.addEventListener('input', renderResults);
  search.addEventListener('focus', function () { if (search.value.trim()) renderResults(); });
  search.addEventListener('blur', function () { results.hidden = true; });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown' && resultIds.length) { activeResult = (activeResult + 1) % resultIds.length; markActive(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp' && resultIds.length) { activeResult = (activeResult - 1 + resultIds.length) % resultIds.length; markActive(); ev.preventDefault(); }
    else if (ev.key === 'Enter') { if (activeResult >= 0) choose(resultIds[activeResult]); ev.preventDefault(); }
    else if (ev.key === 'Escape') { results.hidden = true; }
  });

  // ------------------------------------------------------------ legend and filters
  var typeBoxes = {}, sectionBoxes = {}, predBoxes = {};
  var typesEl = document.getElementById('types');
  D.sections.forEach(function (s) {
    var ts = sectionTypes[s.name] || [];
    var total = ts.reduce(function (n, t) { return n + t.count; }, 0);
    var sbox = el('input', { type: 'checkbox', checked: true, onchange: function () {
      ts.forEach(function (t) { if (sbox.checked) hiddenTypes.delete(t.name); else hiddenTypes.add(t.name); });
      applyFilters();
    } });
    sbox.dataset.section = s.name;
    sectionBoxes[s.name] = sbox;
    var group = el('div', { className: 'group' },
      el('label', { className: 'row' }, sbox, swatch(s.shape, '#7b8794', '#52606d'), s.title, el('span', { className: 'count', text: total })));
    ts.forEach(function (t) {
      var box = el('input', { type: 'checkbox', checked: true, onchange: function () {
        if (box.checked) hiddenTypes.delete(t.name); else hiddenTypes.add(t.name);
        applyFilters();
      } });
      box.dataset.type = t.name;
      typeBoxes[t.name] = box;
      group.appendChild(el('label', { className: 'item' }, box, swatch(t.shape, t.color, t.border), humanize(t.name),
        el('span', { className: 'count', text: t.count })));
    });
    typesEl.appendChild(group);
  });
  var edgeKey = document.getElementById('edge-key');
  edgeKey.appendChild(el('div', { className: 'edge-key' }, lineSwatch('#9aa3ad', false), 'asserted (arrow: subject → object)'));
  edgeKey.appendChild(el('div', { className: 'edge-key' }, lineSwatch('#c0392b', true), 'disputed: the sources disagree (dashed)'));
  edgeKey.appendChild(el('p', { className: 'note', text: 'Zoom in to read relationship names; hover for details, click for the evidence.' }));
  var predsEl = document.getElementById('predicates');
  D.predicates.forEach(function (p) {
    var box = el('input', { type: 'checkbox', checked: true, onchange: function () {
      if (box.checked) hiddenPreds.delete(p.name); else hiddenPreds.add(p.name);
      applyFilters();
    } });
    box.dataset.predicate = p.name;
    predBoxes[p.name] = box;
    predsEl.appendChild(el('label', { className: 'item', title: p.comment || '' }, box, p.label, el('span', { className: 'count', text: p.count })));
  });
  function refreshLegendState() {
    D.sections.forEach(function (s) {
      var ts = sectionTypes[s.name] || [];
      var off = ts.filter(function (t) { return hiddenTypes.has(t.name); }).length;
      sectionBoxes[s.name].checked = off < ts.length;
      sectionBoxes[s.name].indeterminate = off > 0 && off < ts.length;
    });
    Object.keys(typeBoxes).forEach(function (t) { typeBoxes[t].checked = !hiddenTypes.has(t); });
    Object.keys(predBoxes).forEach(function (p) { predBoxes[p].checked = !hiddenPreds.has(p); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-bulk]'), function (b) {
    b.addEventListener('click', function () {
      var what = b.dataset.bulk;
      if (what === 'types-all') hiddenTypes.clear();
      if (what === 'types-none') D.types.forEach(function (t) { hiddenTypes.add(t.name); });
      if (what === 'preds-all') hiddenPreds.clear();
      if (what === 'preds-none') D.predicates.forEach(function (p) { hiddenPreds.add(p.name); });
      applyFilters();
    });
  });

  // ------------------------------------------------------------ year slider
  var yearOn = document.getElementById('year-on'), yearInput = document.getElementById('year'),
      yearLabel = document.getElementById('year-label');
  if (D.years) {
    yearInput.min = D.years[0]; yearInput.max = D.years[1];
    yearInput.value = year !== null ? year : D.years[1];
    yearOn.checked = year !== null;
    yearInput.disabled = year === null;
    yearLabel.textContent = yearInput.value;
  } else {
    yearOn.disabled = true;
    yearLabel.textContent = '(no dated facts)';
  }
  yearOn.addEventListener('change', function () {
    yearInput.disabled = !yearOn.checked;
    year = yearOn.checked ? parseInt(yearInput.value, 10) : null;
    applyFilters();
  });
  yearInput.addEventListener('input', function () {
    yearLabel.textContent = yearInput.value;
    if (yearOn.checked) { year = parseInt(yearInput.value, 10); applyFilters(); }
  });

  // ------------------------------------------------------------ start
  document.getElementById('title').textContent = D.title;
  document.getElementById('subtitle').textContent = D.subtitle || '';
  updateCounts();
  network.once('afterDrawing', function () {
    document.body.dataset.ready = 'true';
  });
  if (D.center && D.nodes[D.center]) selectNode(D.center, false);

  window.kgExplorer = {
    network: network, nodes: nodesDS, edges: edgesDS,
    visibleNodes: function () { return Array.from(visN).sort(); },
    visibleEdges: function () { return Array.from(visE).sort(); },
    select: function (id) { selectNode(id, true); },
    selectEdge: function (eid) { if (D.edges[eid]) selectEdge(eid); },
    setYear: function (y) {
      yearOn.checked = y !== null; yearInput.disabled = y === null;
      if (y !== null) { yearInput.value = y; yearLabel.textContent = y; }
      year = y; applyFilters();
    },
    find: function (q) { return find(q).map(function (h) { return h.id; }); }
  };
})();
