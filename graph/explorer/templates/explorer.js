/* Peru Nexus explorer. Data comes from <script type="application/json" id="kg-data">.
 * Every piece of data reaches the page as text: the DOM is built with createElement and
 * textContent only (never innerHTML), and tooltips are DOM elements built the same way.
 * Ids are data: facts live in arrays, looked up through Map objects; vis-network knows each
 * node and edge by its position in those arrays, never by a fact's id (an id such as
 * `constructor` or `__proto__` is just a string here).
 * Every number the picture is drawn by (positions, spans of years, centralities, communities)
 * was computed in Python; the script compares and counts, and knows no rule of its own. */
(function () {
  'use strict';

  var D = kgRecords(JSON.parse(document.getElementById('kg-data').textContent));  // columns.js: columns -> records
  var V = D.vocab;
  var N = D.nodes, E = D.edges;
  var SVG = 'http://www.w3.org/2000/svg';
  var FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
  var DIM_NODE = { background: '#e9ecef', border: '#d5dadf' };
  var EDGE_LOOK = { asserted: { color: '#9aa3ad', highlight: '#34495e' }, disputed: { color: '#c0392b', highlight: '#c0392b' },
                    undated: { color: '#d3d8de', highlight: '#7b8794' } };
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf',
                 '#bcbd22', '#393b79', '#637939', '#843c39', '#7b4173', '#3182bd'];
  var OTHER_COMMUNITY = '#b0b7bf';
  var FIT = { animation: false, maxZoomLevel: 2.2 };  // a small page opens large enough to read
  var SELECTED_WIDTH = 2.5;  // a selected line's width (vis-network's chosen look)

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
  function byKey(f) { return function (a, b) { var x = f(a), y = f(b); return x < y ? -1 : x > y ? 1 : 0; }; }

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

  // ------------------------------------------------------------ indexes (Maps: ids are data)
  var nodeAt = new Map();
  N.forEach(function (n, i) { nodeAt.set(n.id, i); });
  // e.u, e.v: the positions of an edge's ends in N, given by columns.js
  var edgeIndex = null;  // statement id -> position, made when first asked (a big page has tens of thousands)
  var edgeAt = {
    map: function () { if (!edgeIndex) { edgeIndex = new Map(); E.forEach(function (e, i) { edgeIndex.set(e.id, i); }); } return edgeIndex; },
    get: function (id) { return this.map().get(id); },
    has: function (id) { return this.map().has(id); }
  };
  var typeInfo = new Map(), sectionTypes = new Map(), predInfo = new Map(), sourceInfo = new Map();
  D.types.forEach(function (t) {
    typeInfo.set(t.name, t);
    if (!sectionTypes.has(t.section)) sectionTypes.set(t.section, []);
    sectionTypes.get(t.section).push(t);
  });
  D.predicates.forEach(function (p) { predInfo.set(p.name, p); });
  D.sources.forEach(function (s) { sourceInfo.set(s.id, s); });
  var names = new Map(Object.keys(D.names).map(function (k) { return [k, D.names[k]]; }));
  var incident = N.map(function () { return []; });
  E.forEach(function (e, i) { incident[e.u].push(i); if (e.v !== e.u) incident[e.v].push(i); });
  function nameOf(id) {
    if (nodeAt.has(id)) return N[nodeAt.get(id)].label;
    return names.has(id) ? names.get(id) : id;
  }
  var incidentSorted = new Uint8Array(N.length);
  function ordered(i) {  // an entity's statements in the dossier's order (outgoing first, by kind, by the other's name), sorted when first needed
    if (!incidentSorted[i]) {
      incidentSorted[i] = 1;
      incident[i].sort(byKey(function (k) {
        var e = E[k], out = e.u === i;
        return (out ? '0' : '1') + e.label + '\u0000' + N[out ? e.v : e.u].label + '\u0000' + e.id;
      }));
    }
    return incident[i];
  }
  function sourcesOf(f) {  // the sources a node's or edge's citations name, sorted (not shipped: derived once here)
    var cs = f.citations || [];
    if (cs.length < 2) return cs.length && cs[0].source ? [cs[0].source] : [];
    var seen = new Set();
    cs.forEach(function (c) { if (c.source) seen.add(c.source); });
    return Array.from(seen).sort();
  }
  var edgesCiting = new Map(), nodesCiting = new Set();  // per source: how many statements cite it; which nodes do
  E.forEach(function (e) {
    e.isUndated = !!e.undated;  // Python says which facts are undated
    e.sources = sourcesOf(e);
    for (var j = 0; j < e.sources.length; j++) edgesCiting.set(e.sources[j], (edgesCiting.get(e.sources[j]) || 0) + 1);
  });
  N.forEach(function (n) { n.sources = sourcesOf(n); n.sources.forEach(function (s) { nodesCiting.add(s); }); });

  // ------------------------------------------------------------ time
  // Python (graph/builder/time.py, the one rule) gives each node, edge and estimate the years it holds,
  // span = [first, last] (null: open), and the words for its time (when); the page only compares.
  function holds(f, y) {
    var a = f.span[0], b = f.span[1];
    return (a === null || a <= y) && (b === null || y <= b);
  }

  // ------------------------------------------------------------ the view's state (all of it goes in the URL)
  var S = {
    view: 'graph', year: (D.year === null || D.year === undefined) ? null : D.year, undated: true,
    hiddenTypes: new Set(), hiddenPreds: new Set(), hiddenSources: new Set(), hiddenStatus: new Set(), hiddenModality: new Set(),
    hideIsolated: false, colour: 'type', size: 'degree', sel: null, path: null, period: null, expanded: new Set()
  };
  var visN = new Uint8Array(N.length), visE = new Uint8Array(E.length);
  var nVisN = 0, nVisE = 0;

  function citesShown(f) {
    if (!S.hiddenSources.size) return true;
    for (var i = 0; i < (f.sources || []).length; i++) if (!S.hiddenSources.has(f.sources[i])) return true;
    return false;
  }
  // a period (the timeline's window): what held in any of its years (the same comparison, year by year)
  function heldIn(f) {
    if (S.year !== null) return holds(f, S.year);
    if (!S.period) return true;
    var a = f.span[0], b = f.span[1];
    return (a === null || a <= S.period[1]) && (b === null || S.period[0] <= b);
  }
  function timed() { return S.year !== null || S.period !== null; }
  function edgeShown(e) {
    return !S.hiddenPreds.has(e.predicate) && !S.hiddenStatus.has(e.status) && !S.hiddenModality.has(e.modality) && citesShown(e)
      && (!timed() || (e.isUndated ? S.undated : heldIn(e)));
  }
  // `kg explore` pages carry one ring more than asked: hidden until an entity's neighbours are expanded
  var reach = new Uint8Array(N.length);
  function computeReach() {
    N.forEach(function (n, i) { reach[i] = D.depth === null || D.depth === undefined || n.hop <= D.depth ? 1 : 0; });
    S.expanded.forEach(function (id) {
      if (!nodeAt.has(id)) return;
      var c = nodeAt.get(id);
      reach[c] = 1;
      incident[c].forEach(function (k) { reach[E[k].u] = 1; reach[E[k].v] = 1; });
    });
  }
  function hiddenNeighbours(i) {
    var out = new Set();
    incident[i].forEach(function (k) { var o = E[k].u === i ? E[k].v : E[k].u; if (!reach[o]) out.add(o); });
    return out.size;
  }
  function computeVisible() {
    var base = new Uint8Array(N.length), linked = new Uint8Array(N.length);
    computeReach();
    N.forEach(function (n, i) { base[i] = reach[i] && !S.hiddenTypes.has(n.type) && heldIn(n) ? 1 : 0; });
    nVisE = 0;
    var filtered = timed() || S.hiddenPreds.size || S.hiddenStatus.size || S.hiddenModality.size || S.hiddenSources.size;
    for (var i = 0; i < E.length; i++) {  // no filter on relationships: only their ends decide (a big page's first draw)
      var e = E[i];
      visE[i] = base[e.u] && base[e.v] && (!filtered || edgeShown(e)) ? 1 : 0;
      if (visE[i]) { nVisE++; linked[e.u] = 1; linked[e.v] = 1; }
    }
    var mustLink = S.hideIsolated || S.hiddenSources.size > 0;
    nVisN = 0;
    N.forEach(function (n, i) {
      var keep = base[i] && (!mustLink || linked[i] || (!S.hideIsolated && citesShown(n)));
      visN[i] = keep ? 1 : 0; nVisN += visN[i];
    });
  }

  // ------------------------------------------------------------ tooltips (DOM elements, text only)
  function nodeTip(i) {
    var f = N[i];
    var tip = el('div', { className: 'tip' }, el('b', { text: f.label }), humanize(f.type));
    if (f.aliases && f.aliases.length) tip.appendChild(el('div', { text: 'Also: ' + f.aliases.join('; ') }));
    if (f.description) tip.appendChild(el('div', { text: f.description }));
    tip.appendChild(el('div', { className: 'when', text: plural(f.degree || 0, 'relationship', 'relationships') + ' · click for the dossier' }));
    return tip;
  }
  function edgeTip(k) {
    var e = E[k];
    var tip = el('div', { className: 'tip' }, el('b', { text: N[e.u].label + ' — ' + e.label + ' → ' + N[e.v].label }));
    tip.appendChild(el('div', { className: 'when', text: e.when || 'Undated: not placed in any year' }));
    if (e.status === V.disputedStatus) tip.appendChild(el('div', { className: 'status-disputed', text: 'Disputed: the sources disagree' }));
    if (e.modality && e.modality !== V.assertedModality) tip.appendChild(el('div', { className: 'modality', text: 'How the source holds it: ' + e.modality }));
    if (e.disputed_qualifiers) tip.appendChild(el('div', { className: 'qualifier-disputed', text: 'A detail is disputed: ' + e.disputed_qualifiers.map(function (q) { return q.qualifier; }).join(', ') }));
    tip.appendChild(el('div', { className: 'when', text: plural((e.citations || []).length, 'citation', 'citations') + ' · click for the evidence' }));
    return tip;
  }

  // ------------------------------------------------------------ vis-network's nodes and edges (ids: array positions)
  var sizeRange = {};
  function sizeOf(i) {
    var values = D.centrality[S.size] || D.centrality.degree;
    if (!sizeRange[S.size]) sizeRange[S.size] = Math.max.apply(null, values.concat([1e-9]));
    return Math.round(7 + 27 * Math.sqrt(values[i] / sizeRange[S.size]));
  }
  function colourOf(i) {
    var n = N[i], t = typeInfo.get(n.type);
    if (S.colour === 'community') {
      var c = n.community < PALETTE.length ? PALETTE[n.community] : OTHER_COMMUNITY;
      return { background: c, border: '#333d47', highlight: { background: c, border: '#111111' } };
    }
    return { background: t.color, border: t.border, highlight: { background: t.color, border: '#111111' } };
  }
  function edgeLook(e) { return e.status === V.disputedStatus ? EDGE_LOOK.disputed : e.isUndated ? EDGE_LOOK.undated : EDGE_LOOK.asserted; }
  function visNode(i) {
    var n = N[i], t = typeInfo.get(n.type);
    var out = { id: i, x: n.x, y: n.y, shape: t.shape, size: sizeOf(i), color: colourOf(i), borderWidth: 1 };
    if (!D.big) out.title = nodeTip(i);
    return out;
  }
  var sharedLooks = new Map();  // canvas.js only reads an edge's colours: its tens of thousands share three
  function edgeColour(look) {
    if (!BIG_CANVAS) return { color: look.color, highlight: look.highlight, inherit: false };
    if (!sharedLooks.has(look)) sharedLooks.set(look, { color: look.color, highlight: look.highlight, inherit: false });
    return sharedLooks.get(look);
  }
  function visEdge(k) {
    var e = E[k], look = edgeLook(e);
    var out = { id: k, from: e.u, to: e.v, dashes: e.status === V.disputedStatus ? [6, 5] : false,
                color: edgeColour(look), width: 1 };
    if (!D.big) out.title = edgeTip(k);
    if (e.curve) out.smooth = { enabled: true, type: e.curve[0] > 0 ? 'curvedCW' : 'curvedCCW', roundness: e.curve[1] };
    return out;
  }
  // the renderer: vis-network up to D.canvasFrom nodes; from there, one 2D canvas drawn by templates/canvas.js
  var BIG_CANVAS = D.renderer === 'canvas' && !!window.KgCanvas;
  var container = document.getElementById('network');
  var nodesDS, edgesDS, nodesView, edgesView, network;
  computeVisible();
  if (BIG_CANVAS) {
    network = new KgCanvas.Network(container, { nodes: N.map(function (n, i) { var x = visNode(i); x.label = n.label; return x; }),
      edges: E.map(function (e, k) { return visEdge(k); }),
      visibleNode: function (i) { return visN[i] === 1; }, visibleEdge: function (k) { return visE[k] === 1; } }, { maxZoomLevel: FIT.maxZoomLevel });
    nodesDS = network.nodesDS; edgesDS = network.edgesDS; nodesView = network.nodesView; edgesView = network.edgesView;
  } else {
    nodesDS = new vis.DataSet(N.map(function (n, i) { return visNode(i); }));
    edgesDS = new vis.DataSet(E.map(function (e, k) { return visEdge(k); }));
    var options = D.options;
    options.nodes.chosen = { label: false, node: function (values) { values.borderWidth = 3; } };
    options.edges.chosen = { label: false, edge: function (values) { values.width = SELECTED_WIDTH; } };  // never changes dashes
    network = new vis.Network(container, { nodes: nodesDS, edges: edgesDS }, options);
  }
  // What is shown changes by the items vis-network draws: each one's `hidden` option is set where it is kept
  // and the lists it draws from are made again. A DataView's refresh would remove and re-create every item
  // that comes and goes (their options parsed anew): most of a year-slider move's time on the Peru graph.
  function showVisible() {
    if (BIG_CANVAS) { nodesView.refresh(); return; }
    var bn = network.body.nodes, be = network.body.edges;
    for (var i = 0; i < N.length; i++) if (bn[i]) bn[i].options.hidden = !visN[i];
    for (var k = 0; k < E.length; k++) if (be[k]) be[k].options.hidden = !visE[k];
    network._updateVisibleIndices();
  }
  if (!BIG_CANVAS) showVisible();  // canvas.js reads the masks each time it draws
  // vis-network draws each arrowhead on its own, working out each edge's look anew: on the Peru graph
  // about 40 % of a frame. Straight, plain edges' heads (placed as vis-network places them: at the
  // target's border, the same angle and length) are filled here, one path per colour; a selected,
  // hovered, curved or translucent edge's head is still drawn by vis-network.
  function drawArrowsBatched(ctx, own) {
    var body = network.body, edges = body.edges, idx = body.edgeIndices, byColour = new Map(), rest = [];
    for (var n = 0; n < idx.length; n++) {
      var e = edges[idx[n]];
      if (!e || !e.connected) continue;
      var o = e.options, to = o.arrows && o.arrows.to;
      if (!to || !to.enabled) continue;
      var colour = e.selected ? o.color.highlight : o.color.color;  // a selected line: its highlight, 2.5 wide (options.edges.chosen)
      if (e.hover || (o.smooth && o.smooth.enabled) || (o.color.opacity !== undefined && o.color.opacity !== 1)
          || e.from === e.to || typeof colour !== 'string') { rest.push(e); continue; }
      var a = e.from, b = e.to, dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy);
      if (!len) continue;
      var angle = Math.atan2(dy, dx), border = b.distanceToBorder(undefined, angle), t = (len - border) / len;
      var px = a.x + dx * t, py = a.y + dy * t, size = 15 * (to.scaleFactor || 1) + 3 * (e.selected ? SELECTED_WIDTH : o.width || 1);
      var c = Math.cos(angle) * size, sn = Math.sin(angle) * size, list = byColour.get(colour);
      if (!list) byColour.set(colour, list = []);
      // vis-network's "arrow": the tip, two barbs at 0.3 on either side a length back, a notch at 0.9
      list.push(px, py, px - c + 0.3 * sn, py - sn - 0.3 * c, px - 0.9 * c, py - 0.9 * sn, px - c - 0.3 * sn, py - sn + 0.3 * c);
    }
    byColour.forEach(function (xy, colour) {
      ctx.beginPath();
      for (var j = 0; j < xy.length; j += 8) {
        ctx.moveTo(xy[j], xy[j + 1]); ctx.lineTo(xy[j + 2], xy[j + 3]); ctx.lineTo(xy[j + 4], xy[j + 5]); ctx.lineTo(xy[j + 6], xy[j + 7]);  // fill() closes each one
      }
      ctx.fillStyle = colour; ctx.fill();
    });
    rest.forEach(function (e) { e.drawArrows(ctx); });
  }
  // The lines likewise: vis-network strokes each edge on its own after working out its look (a third of a
  // frame on the Peru graph, most of it while a selection dims the rest). A plain, opaque line (from the
  // centre of one node to the other's, straight or through vis-network's own bend point, as it draws them)
  // goes into one path per colour and width, the selected ones (2.5 wide: the options.edges.chosen look)
  // last; a hovered, dashed or looping edge is still drawn by vis-network, on top.
  function plainLine(e) {
    var o = e.options;
    return !e.hover && !o.hidden && e.from !== e.to && !(o.smooth && o.smooth.enabled && o.smooth.type === 'cubicBezier') && (o.dashes === false || o.dashes === undefined)
      && !(o.shadow && o.shadow.enabled) && !o.color.inherit && (o.color.opacity === undefined || o.color.opacity === 1)
      && typeof o.color.color === 'string';
  }
  function drawEdgesBatched(ctx) {
    var body = network.body, edges = body.edges, idx = body.edgeIndices, groups = new Map(), chosen = new Map(), rest = [];
    for (var n = 0; n < idx.length; n++) {
      var e = edges[idx[n]];
      if (!e || !e.connected) continue;
      if (!plainLine(e)) { rest.push(e); continue; }
      var o = e.options, colour = o.color.color, width = e.selected ? SELECTED_WIDTH : o.width, into = e.selected ? chosen : groups;
      var key = colour + ' ' + width, list = into.get(key);
      if (!list) into.set(key, list = { colour: colour, width: width, items: [] });
      list.items.push(e);
    }
    [groups, chosen].forEach(function (set) {
      set.forEach(function (g) {
        ctx.beginPath();
        g.items.forEach(function (e) {
          var via = e.options.smooth && e.options.smooth.enabled ? e.edgeType.getViaNode() : null;
          ctx.moveTo(e.from.x, e.from.y);
          if (via && via.x !== undefined) ctx.quadraticCurveTo(via.x, via.y, e.to.x, e.to.y); else ctx.lineTo(e.to.x, e.to.y);
        });
        ctx.strokeStyle = g.colour; ctx.lineWidth = g.width; ctx.stroke();
      });
    });
    rest.forEach(function (e) { e.draw(ctx); });
  }
  if (!BIG_CANVAS) network.renderer._drawEdges = function (ctx) { drawEdgesBatched(ctx); };
  // And the nodes, the dearest part of a frame (each one filled and stroked on its own, its state saved and
  // restored): a plain node's outline (vis-network's shapes, the same points) goes into one path per fill,
  // border and border width; a selected or hovered node is drawn by vis-network on top, as it does.
  function star(ctx, x, y, r) {
    r *= 0.82; y += 0.1 * r;
    for (var n = 0; n < 10; n++) {
      var rr = n % 2 === 0 ? 1.3 * r : 0.5 * r, px = x + rr * Math.sin(2 * n * Math.PI / 10), py = y - rr * Math.cos(2 * n * Math.PI / 10);
      if (n) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    }
    ctx.closePath();
  }
  function triangle(ctx, x, y, r) {
    r *= 1.15; y += 0.275 * r;
    var s = 2 * r, inner = Math.sqrt(3) / 6 * s, h = Math.sqrt(s * s - r * r);
    ctx.moveTo(x, y - (h - inner)); ctx.lineTo(x + r, y + inner); ctx.lineTo(x - r, y + inner); ctx.closePath();
  }
  var OUTLINES = {
    dot: function (ctx, x, y, r) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI, false); ctx.closePath(); },
    square: function (ctx, x, y, r) { ctx.rect(x - r, y - r, 2 * r, 2 * r); },
    diamond: function (ctx, x, y, r) { ctx.moveTo(x, y + r); ctx.lineTo(x + r, y); ctx.lineTo(x, y - r); ctx.lineTo(x - r, y); ctx.closePath(); },
    hexagon: function (ctx, x, y, r) {
      ctx.moveTo(x + r, y);
      for (var n = 1; n < 6; n++) ctx.lineTo(x + r * Math.cos(Math.PI / 3 * n), y + r * Math.sin(Math.PI / 3 * n));
      ctx.closePath();
    },
    star: star, triangle: triangle
  };
  function plainNode(b) {
    var o = b.options;
    return Object.prototype.hasOwnProperty.call(OUTLINES, o.shape) && o.opacity === undefined && !(o.shadow && o.shadow.enabled)
      && o.label === undefined && !(o.shapeProperties && o.shapeProperties.borderDashes) && typeof o.color.background === 'string';
  }
  function drawNodesBatched(ctx, alwaysShow) {
    var body = network.body, nodes = body.nodes, idx = body.nodeIndices, canvas = network.canvas, scale = body.view.scale;
    var a = canvas.DOMtoCanvas({ x: -20, y: -20 }), z = canvas.DOMtoCanvas({ x: canvas.frame.canvas.clientWidth + 20, y: canvas.frame.canvas.clientHeight + 20 });
    var area = { top: a.y, left: a.x, bottom: z.y, right: z.x }, groups = new Map(), last = [], labels = [];
    for (var n = 0; n < idx.length; n++) {
      var b = nodes[idx[n]];
      if (b.hover || b.isSelected()) { last.push(b); continue; }
      if (!alwaysShow && !b.isBoundingBoxOverlappingWith(area)) { b.updateBoundingBox(ctx, b.selected); continue; }
      if (!plainNode(b)) { var later = b.draw(ctx); if (later.drawExternalLabel) labels.push(later.drawExternalLabel); continue; }
      var o = b.options, line = Math.min(2 * o.size, o.borderWidth / scale), key = o.color.background + ' ' + o.color.border + ' ' + line;
      var g = groups.get(key);
      if (!g) groups.set(key, g = { fill: o.color.background, stroke: o.color.border, line: line, items: [] });
      g.items.push(b);
      var shape = b.shape;  // what vis-network's own drawing leaves behind, for its hit tests and fits
      shape.resize(ctx, false, false, { size: o.size });
      shape.left = b.x - shape.width / 2; shape.top = b.y - shape.height / 2;
      b.updateBoundingBox(ctx, false);
    }
    groups.forEach(function (g) {
      ctx.beginPath();
      g.items.forEach(function (b) { OUTLINES[b.options.shape](ctx, b.x, b.y, b.options.size); });
      ctx.fillStyle = g.fill; ctx.fill();
      if (g.line > 0) { ctx.lineWidth = g.line; ctx.strokeStyle = g.stroke; ctx.stroke(); }
    });
    last.sort(function (p, q) { return (p.hover ? 1 : 0) - (q.hover ? 1 : 0); });  // vis-network's order: selected, then hovered
    last.forEach(function (b) { var later = b.draw(ctx); if (later.drawExternalLabel) labels.push(later.drawExternalLabel); });
    return { drawExternalLabels: function () { labels.forEach(function (f) { f(); }); } };
  }
  if (!BIG_CANVAS) network.renderer._drawNodes = function (ctx, alwaysShow) { return drawNodesBatched(ctx, alwaysShow); };
  if (!BIG_CANVAS) network.renderer._drawArrows = function (ctx) { drawArrowsBatched(ctx); };
  // tooltips: built up front on a small graph; on a big one when the pointer first rests on an item
  var tipCache = new Map();
  if (D.big && !BIG_CANVAS) {
    var lazyTitle = function (kind, k, item) {
      var key = kind + k;
      if (!tipCache.has(key)) tipCache.set(key, kind === 'n' ? nodeTip(k) : edgeTip(k));
      item.options.title = tipCache.get(key);
    };
    network.on('hoverNode', function (p) { if (network.body.nodes[p.node]) lazyTitle('n', p.node, network.body.nodes[p.node]); });
    network.on('hoverEdge', function (p) { if (network.body.edges[p.edge]) lazyTitle('e', p.edge, network.body.edges[p.edge]); });
  }

  // ------------------------------------------------------------ labels: drawn by us, most central first, never overlapping
  var order = [], rankOf = new Int32Array(N.length);
  function rankNodes() {
    var values = D.centrality[S.size] || D.centrality.degree;
    order = N.map(function (n, i) { return i; });
    order.sort(function (a, b) { return values[b] - values[a] || (N[a].id < N[b].id ? -1 : 1); });
    order.forEach(function (i, r) { rankOf[i] = r; });
  }
  if (!BIG_CANVAS) rankNodes();  // canvas.js ranks its own labels
  var drawnLabels = [], drawnBoxes = [];
  var MAX_CANDIDATES = 1500, LABEL_PX = 12, EDGE_LABEL_PX = 10;
  function overlapGrid() {
    var cells = new Map(), CELL = 80;
    function keys(b) {
      var out = [];
      for (var x = Math.floor(b[0] / CELL); x <= Math.floor(b[2] / CELL); x++)
        for (var y = Math.floor(b[1] / CELL); y <= Math.floor(b[3] / CELL); y++) out.push(x + ',' + y);
      return out;
    }
    return {
      free: function (b) {
        var ks = keys(b);
        for (var i = 0; i < ks.length; i++) {
          var list = cells.get(ks[i]) || [];
          for (var j = 0; j < list.length; j++) {
            var o = list[j];
            if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
          }
        }
        return true;
      },
      take: function (b) { keys(b).forEach(function (k) { if (!cells.has(k)) cells.set(k, []); cells.get(k).push(b); }); }
    };
  }
  function labelCandidates() {
    var out = [], seen = new Set();
    function add(i) { if (!seen.has(i) && visN[i]) { seen.add(i); out.push(i); } }
    if (S.path && pathNodes) pathNodes.forEach(add);
    if (S.sel && S.sel.kind === 'node' && nodeAt.has(S.sel.id)) {
      var c = nodeAt.get(S.sel.id);
      add(c);
      ordered(c).filter(function (k) { return visE[k]; }).map(function (k) { return E[k].u === c ? E[k].v : E[k].u; })
        .sort(function (a, b) { return rankOf[a] - rankOf[b]; }).forEach(add);
      return out;
    }
    for (var r = 0; r < order.length && out.length < MAX_CANDIDATES; r++) add(order[r]);
    return out;
  }
  var textWidths = new Map();  // a label's width on screen, at its size in pixels: the same at every zoom
  function textWidth(ctx, text, px) {
    var key = px + ' ' + text;
    if (!textWidths.has(key)) { ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.font = px + 'px ' + FONT; textWidths.set(key, ctx.measureText(text).width); ctx.restore(); }
    return textWidths.get(key);
  }
  function measureLabels() {  // every node's and relationship's label measured once, while the page waits for the reader
    if (BIG_CANVAS) return;
    var ctx = document.createElement('canvas').getContext('2d');
    N.forEach(function (n) { textWidth(ctx, n.label, LABEL_PX); });
    E.forEach(function (e) { textWidth(ctx, e.label, EDGE_LABEL_PX); });
  }
  // Labels are placed and drawn in the page's pixels (the layout's point x, y at x * scale + origin.x ...),
  // not in the layout's units: text drawn at one size under one transform comes from the glyph cache, at
  // every zoom; drawn at 12/scale under the camera's transform it was new outlines at each zoom (a third
  // of a selection's frame on the Peru graph, stroking the halos).
  function drawLabel(ctx, text, x, y, px, colour, grid, scale, origin) {
    var w = textWidth(ctx, text, px), h = px * 1.25;
    var sx = x * scale + origin.x, sy = y * scale + origin.y;
    var box = [sx - w / 2 - 2, sy - h / 2, sx + w / 2 + 2, sy + h / 2];
    if (!grid.free(box)) return false;
    grid.take(box);
    ctx.font = px + 'px ' + FONT;
    drawnBoxes.push(box);
    ctx.fillStyle = colour;
    ctx.strokeText(text, sx, sy); ctx.fillText(text, sx, sy);
    return true;
  }
  function drawLabels(ctx) {
    var scale = network.getScale(), body = network.body, grid = overlapGrid();
    var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var origin = network.canvasToDOM({ x: 0, y: 0 }), ratio = network.canvas.pixelRatio || 1;
    ctx.save(); ctx.setTransform(ratio, 0, 0, ratio, 0, 0); ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,0.92)';
    drawnLabels = []; drawnBoxes = [];
    var cands = labelCandidates(), max = S.sel ? 80 : 160;
    for (var c = 0; c < cands.length && drawnLabels.length < max; c++) {
      var i = cands[c], b = body.nodes[i];
      if (!b || b.x < tl.x || b.x > br.x || b.y < tl.y || b.y > br.y) continue;
      var y = b.y + sizeOf(i) + (LABEL_PX * 0.8) / scale;
      if (drawLabel(ctx, N[i].label, b.x, y, LABEL_PX, '#1f2933', grid, scale, origin)) {
        drawnLabels.push(N[i].id);
        var r = sizeOf(i) * scale, cx = b.x * scale + origin.x, cy = b.y * scale + origin.y;  // a labelled node is an obstacle for the labels after it
        grid.take([cx - r, cy - r, cx + r, cy + r]);
      }
    }
    if (S.sel && S.sel.kind === 'node' && nodeAt.has(S.sel.id)) {
      ordered(nodeAt.get(S.sel.id)).forEach(function (k) {
        if (!visE[k] || !body.nodes[E[k].u] || !body.nodes[E[k].v]) return;
        var a = body.nodes[E[k].u], z = body.nodes[E[k].v];
        drawLabel(ctx, E[k].label, (a.x + z.x) / 2, (a.y + z.y) / 2, EDGE_LABEL_PX, '#52606d', grid, scale, origin);
      });
    }
    ctx.restore();
  }
  if (!BIG_CANVAS) network.on('afterDrawing', drawLabels);  // canvas.js places its own labels, without overlap

  // ------------------------------------------------------------ counts
  var countsEl = document.getElementById('counts');
  function updateCounts() {
    var nN = N.length, nE = E.length;
    countsEl.dataset.nodes = nVisN; countsEl.dataset.edges = nVisE;
    countsEl.textContent = (nVisN === nN ? plural(nN, 'entity', 'entities') : nVisN + ' of ' + plural(nN, 'entity', 'entities'))
      + ' · ' + (nVisE === nE ? plural(nE, 'relationship', 'relationships') : nVisE + ' of ' + plural(nE, 'relationship', 'relationships'))
      + (S.year !== null ? ' · as of ' + S.year : S.period ? ' · ' + S.period[0] + '–' + S.period[1] : '');
  }

  // ------------------------------------------------------------ neighbourhood highlight
  var highlighted = null;
  function highlight(c) {
    var near = new Set([c]), conn = new Set();
    incident[c].forEach(function (k) { if (visE[k]) { conn.add(k); near.add(E[k].u); near.add(E[k].v); } });
    highlightSets(near, conn);
  }
  // On vis-network pages the dimmed look is put straight on the items it draws (their options, kept and put
  // back): a DataSet update of every other node and edge re-parses each item's options, hundreds of
  // milliseconds on the Peru graph for one click. The DataSets keep each item's own look.
  var DIM_EDGE = { color: '#eceff2', highlight: '#eceff2', hover: '#eceff2', inherit: false, opacity: 1 };
  var DIM_NODE_LOOK = { background: DIM_NODE.background, border: DIM_NODE.border,
                        highlight: { background: DIM_NODE.background, border: DIM_NODE.border },
                        hover: { background: DIM_NODE.background, border: DIM_NODE.border } };
  function dimDrawn(items, indices, look) {
    var kept = [];
    indices.forEach(function (i) {
      var item = items[i];
      if (item && item.options) { kept.push([item, item.options.color]); item.options.color = look; }
    });
    return kept;
  }
  function highlightSets(near, conn) {
    // what is not near is dimmed (on a big graph, what is near is emphasised instead: fewer updates)
    clearHighlight();
    var nu = [], eu = [];
    if (D.big || BIG_CANVAS) {
      near.forEach(function (i) { if (visN[i]) nu.push({ id: i, borderWidth: 3, color: { background: colourOf(i).background, border: '#111111' } }); });
      nodesDS.update(nu);
      highlighted = { nodes: nu.map(function (x) { return x.id; }), edges: [], near: near, kept: null };
      return;
    }
    for (var i = 0; i < N.length; i++) if (visN[i] && !near.has(i)) nu.push(i);
    for (var k = 0; k < E.length; k++) if (visE[k] && !conn.has(k)) eu.push(k);
    var kept = dimDrawn(network.body.nodes, nu, DIM_NODE_LOOK).concat(dimDrawn(network.body.edges, eu, DIM_EDGE));
    highlighted = { nodes: nu, edges: eu, near: near, kept: kept };
  }
  function clearHighlight() {
    if (!highlighted) return;
    if (highlighted.kept) highlighted.kept.forEach(function (pair) { pair[0].options.color = pair[1]; });
    else nodesDS.update(highlighted.nodes.map(function (i) { return { id: i, color: colourOf(i), borderWidth: 1 }; }));
    highlighted = null;
  }

  // ------------------------------------------------------------ the dossier
  var dossier = document.getElementById('dossier'), body = document.getElementById('dossier-body');

  function nodeLink(id) {
    if (!nodeAt.has(id)) return el('span', { text: nameOf(id) });
    var f = N[nodeAt.get(id)];
    return el('button', { type: 'button', className: 'link', text: f.label, title: humanize(f.type),
      onclick: function () { selectNode(id, true); } });
  }
  function sourceText(id) {
    var s = sourceInfo.get(id) || {};
    var bits = [s.title || id];
    if (s.author) bits.push(s.author);
    if (s.date) bits.push(s.date);
    return bits.join(' — ');
  }
  function claimantText(c) {
    if (c.by && nodeAt.has(c.by)) return 'Claim made by: ' + nameOf(c.by);
    if (c.claimant && c.claimant_kind && (c.by || c.by_unnamed || c.via)) return 'Claim made by: ' + c.claimant + ' (' + c.claimant_kind + ')';
    if (c.by) return 'Claim made by: ' + nameOf(c.by);
    if (c.by_unnamed) return 'Claim made by: ' + c.by_unnamed + ' (unnamed)';
    if (c.via) return 'Claim from the cited work: ' + sourceText(c.via);
    return null;
  }
  function citationBlock(c) {
    var box = el('div', { className: 'citation' + (c.stance === V.disputesStance ? ' disputes' : '') },
      el('div', { className: 'src', text: sourceText(c.source) }),
      c.locator ? el('div', { className: 'loc', text: c.locator }) : null,
      c.quote ? el('blockquote', { text: '\u201c' + c.quote + '\u201d' }) : null);
    var who = claimantText(c);
    if (who) box.appendChild(el('div', { className: 'when', text: who }));
    if (c.stance === V.disputesStance && c.qualifier) {
      box.appendChild(el('div', { className: 'qualifier-disputed', text: 'Disputes the ' + c.qualifier + ' only' + (c.says ? ': says ' + c.says : '') }));
    } else if (c.stance === V.disputesStance) box.appendChild(el('div', { className: 'status-disputed', text: 'This citation disputes the statement' }));
    if (c.note) box.appendChild(el('div', { className: 'when', text: 'Note: ' + c.note }));
    return box;
  }
  var modalityInfo = new Map(D.modalities.map(function (m) { return [m.name, m]; }));
  function evidenceModel(box, f) {
    // how the source holds it, a date the curator inferred, details a citation disputes (both sides)
    if (f.modality && f.modality !== V.assertedModality) {
      var m = modalityInfo.get(f.modality);
      box.appendChild(el('div', { className: 'modality', title: m ? m.comment : '', text: 'How the source holds it: ' + (m ? m.label : f.modality) }));
    }
    if (f.date_inferred) box.appendChild(el('div', { className: 'when', text: 'Date inferred by the curator: ' + f.date_inferred }));
    (f.disputed_qualifiers || []).forEach(function (q) {
      box.appendChild(el('div', { className: 'qualifier-disputed', dataset: { qualifier: q.qualifier },
        text: 'Disputed ' + q.qualifier + ': this fact has ' + (q.held === null || q.held === undefined ? '(none)' : q.held)
          + '; ' + sourceText(q.source) + (q.locator ? ' (' + q.locator + ')' : '') + ' says ' + q.says }));
    });
  }
  function statementBlock(k, here) {
    var e = E[k];
    var line = here === undefined ? [nodeLink(e.from), ' ', el('span', { className: 'pred', text: e.label }), ' ', nodeLink(e.to)]
      : e.u === here ? [el('span', { className: 'pred', text: '→ ' }), nodeLink(e.to)] : [nodeLink(e.from), el('span', { className: 'pred', text: ' →' })];
    var block = el('div', { className: 'statement' + (e.isUndated ? ' undated-fact' : ''), dataset: { statement: e.id } },
      el('div', { className: 'line' }, line[0], line[1], line[2] || null, line[3] || null, line[4] || null));
    block.appendChild(el('div', { className: 'when' + (e.when ? '' : ' undated'), text: e.when || 'Undated: not placed in any year' }));
    if (e.place) block.appendChild(el('div', { className: 'when' }, 'Where: ', nodeLink(e.place)));
    evidenceModel(block, e);
    block.appendChild(el('div', { className: e.status === V.disputedStatus ? 'status-disputed' : 'when',
      text: e.status === V.disputedStatus ? 'Disputed: the sources disagree' : 'Status: ' + e.status }));
    if (!visE[k]) block.appendChild(el('div', { className: 'note', text: 'Hidden by the current filters' }));
    (e.citations || []).forEach(function (c) { block.appendChild(citationBlock(c)); });
    return block;
  }
  function section(title, count, open, name) {
    var d = el('details', { className: 'section', open: open, dataset: { section: name } },
      el('summary', {}, title + ' ', el('span', { className: 'count', text: count === null ? '' : '(' + count + ')' })));
    return d;
  }
  // emptied and scrolled to the top before it is filled: scrolling a filled dossier would lay it all out at once
  function emptyDossier() { clear(body); if (!dossier.hidden) dossier.scrollTop = 0; }
  function openDossier() { dossier.hidden = false; }

  function when() { return S.year !== null ? String(S.year) : S.period ? S.period[0] + '–' + S.period[1] : ''; }
  function relationshipsSection(i) {
    var about = new Set(claimsAbout(i));
    var all = ordered(i).filter(function (k) { return !about.has(k); }), shown = [], other = [], undated = [];
    all.forEach(function (k) {
      if (timed() && E[k].isUndated) undated.push(k);
      else if (heldIn(E[k])) shown.push(k); else other.push(k);
    });
    var title = timed() ? 'Relationships in ' + when() : 'Relationships';
    var sec = section(title, shown.length, true, 'relationships');
    var groups = new Map();
    shown.forEach(function (k) {
      var e = E[k], key = (e.u === i ? e.label + ' →' : '← ' + e.label);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(k);
    });
    var many = shown.length > 24;  // a hub's kinds start folded, a list of what there is: open one to read it
    groups.forEach(function (ks, key) { sec.appendChild(kindGroup(key, ks, i, !many, {})); });
    if (!all.length) sec.appendChild(el('p', { className: 'note', text: 'None in this graph.' }));
    if (undated.length) sec.appendChild(kindGroup('Undated (not placed in ' + when() + ')', undated, i, false, { kind: 'undated' }));
    if (other.length) sec.appendChild(el('p', { className: 'note', dataset: { other: other.length },
      text: plural(other.length, 'relationship does', 'relationships do') + ' not hold in ' + when() + ' (move the year or untick it to see them).' }));
    return sec;
  }
  // a fold whose statements are made when it is first opened (a hub has hundreds: most are never read)
  function lazyFold(g, fill) {
    var filled = false;
    function once() { if (!filled) { filled = true; fill(g); } }
    if (g.open) once(); else g.addEventListener('toggle', function () { if (g.open) once(); });
    return g;
  }
  function kindGroup(title, ks, here, open, data) {
    var g = el('details', { className: 'kind', open: open, dataset: data },
      el('summary', {}, title + ' ', el('span', { className: 'count', text: '(' + ks.length + ')' })));
    g.dataset.statements = ks.length;
    return lazyFold(g, function () { ks.forEach(function (k) { g.appendChild(statementBlock(k, here)); }); });
  }
  function amountText(est) {
    return est.value !== undefined ? String(est.value) : (est.min === est.max ? String(est.min) : est.min + '–' + est.max);
  }
  function estimatesSection(f) {
    var ests = (f.estimates || []).filter(function (e) { return !e.span || heldIn(e); });
    var hiddenCount = (f.estimates || []).length - ests.length;
    if (!ests.length && !hiddenCount) return null;
    var sec = section(timed() ? 'Estimates in ' + when() : 'Estimates', ests.length, true, 'estimates');
    ests.forEach(function (est) {
      var box = el('div', { className: 'statement estimate' }, el('div', { className: 'line', text: humanize(est.measure) + ': ' + amountText(est) + (est.unit ? ' ' + est.unit : '') }));
      box.appendChild(el('div', { className: 'when', text: est.when || 'Undated' }));
      evidenceModel(box, est);
      if (est.status === V.disputedStatus) box.appendChild(el('div', { className: 'status-disputed', text: 'Disputed: the sources disagree' }));
      (est.citations || []).forEach(function (c) { box.appendChild(citationBlock(c)); });
      sec.appendChild(box);
    });
    if (hiddenCount) sec.appendChild(el('p', { className: 'note', text: plural(hiddenCount, 'estimate is', 'estimates are') + ' of other years.' }));
    return sec;
  }
  function isClaim(i) { var t = typeInfo.get(N[i].type); return !!t && t.section === V.claimSection; }
  function claimsAbout(i) {
    if (isClaim(i)) return [];
    return ordered(i).filter(function (k) { var o = E[k].u === i ? E[k].v : E[k].u; return isClaim(o) && (E[k].isUndated || heldIn(E[k])); });
  }
  function claimsAboutSection(i) {
    var ks = claimsAbout(i);
    if (!ks.length) return null;
    var sec = section('Claims about them', ks.length, true, 'claims-about');
    ks.forEach(function (k) {
      var c = E[k].u === i ? E[k].v : E[k].u, f = N[c];
      var box = el('div', { className: 'statement claim', dataset: { claim: f.id } },
        el('div', { className: 'line' }, nodeLink(f.id)), el('div', { className: 'claim-kind', text: humanize(f.type) }));
      if (f.description) box.appendChild(el('p', { className: 'description', text: f.description }));
      evidenceModel(box, f);
      (E[k].citations || []).forEach(function (ct) { box.appendChild(citationBlock(ct)); });
      sec.appendChild(box);
    });
    return sec;
  }
  var claimsByIndex = null;
  function claimsBy() {  // per claimant id, the statements a citation says they claimed (made once, when first needed)
    if (claimsByIndex) return claimsByIndex;
    claimsByIndex = new Map();
    E.forEach(function (e, k) {
      var seen = new Set();
      (e.citations || []).forEach(function (c) {
        if (!c.by || seen.has(c.by)) return;
        seen.add(c.by);
        if (!claimsByIndex.has(c.by)) claimsByIndex.set(c.by, []);
        claimsByIndex.get(c.by).push(k);
      });
    });
    return claimsByIndex;
  }
  function claimsSection(f) {
    // what this entity is on record as claiming (a citation's `by`)
    var made = (claimsBy().get(f.id) || []).filter(function (k) { return E[k].isUndated || heldIn(E[k]); });
    if (!made.length) return null;
    var sec = section('Claims they made', made.length, made.length <= 6, 'claims');
    return lazyFold(sec, function () { made.forEach(function (k) { sec.appendChild(statementBlock(k)); }); });
  }
  function sourcesSection(i) {
    var counts = new Map();
    function count(cs) { (cs || []).forEach(function (c) { counts.set(c.source, (counts.get(c.source) || 0) + 1); }); }
    count(N[i].citations);
    (N[i].estimates || []).forEach(function (e) { count(e.citations); });
    incident[i].forEach(function (k) { count(E[k].citations); });
    var sec = section('Sources', counts.size, false, 'sources');
    Array.from(counts.keys()).sort().forEach(function (s) {
      sec.appendChild(el('div', { className: 'citation' }, el('div', { className: 'src', text: sourceText(s) }),
        el('div', { className: 'when', text: plural(counts.get(s), 'citation', 'citations') })));
    });
    return sec;
  }
  function pathTools(id) {
    var box = el('div', { className: 'path-tools' });
    var more = hiddenNeighbours(nodeAt.get(id));
    if (more) box.appendChild(el('button', { type: 'button', text: 'Expand: ' + plural(more, 'more neighbour', 'more neighbours'),
      dataset: { expand: id }, onclick: function () { expand(id); } }));
    box.appendChild(el('button', { type: 'button', text: 'Path from here', dataset: { pathFrom: id },
      onclick: function () { pathStart = id; renderNode(nodeAt.get(id)); } }));
    if (pathStart && pathStart !== id) {
      box.appendChild(el('button', { type: 'button', text: 'Path from ' + nameOf(pathStart) + ' to here', dataset: { pathTo: id },
        onclick: function () { showPath(pathStart, id); } }));
    }
    return box;
  }
  function renderNode(i) {
    var f = N[i], t = typeInfo.get(f.type);
    emptyDossier();
    body.dataset.node = f.id; delete body.dataset.edge;
    body.appendChild(el('div', { className: 'dossier-type' }, swatch(t.shape, t.color, t.border), humanize(f.type)));
    body.appendChild(el('h2', { className: 'dossier-title', text: f.label }));
    body.appendChild(pathTools(f.id));
    var who = section('Who they are', null, true, 'who');
    if (f.aliases && f.aliases.length) who.appendChild(el('div', { className: 'aliases', text: 'Also known as: ' + f.aliases.join('; ') }));
    if (f.description) who.appendChild(el('p', { className: 'description', text: f.description }));
    if (f.when) who.appendChild(el('div', { className: 'when', text: f.when }));
    var where = mapView && mapView.where(i);
    if (where) who.appendChild(where);
    if (!visN[i]) who.appendChild(el('p', { className: 'note', text: 'Hidden by the current filters.' }));
    (f.citations || []).forEach(function (c) { who.appendChild(citationBlock(c)); });
    body.appendChild(who);
    body.appendChild(relationshipsSection(i));
    [estimatesSection(f), claimsAboutSection(i), claimsSection(f), sourcesSection(i)].forEach(function (s) { if (s) body.appendChild(s); });
  }
  function showNode(id) {
    S.sel = { kind: 'node', id: id };
    if (mapView) mapView.select(nodeAt.get(id));
    renderNode(nodeAt.get(id));
    openDossier();
  }
  function showEdge(id) {
    var k = edgeAt.get(id);
    S.sel = { kind: 'edge', id: id };
    emptyDossier();
    body.dataset.edge = id; delete body.dataset.node;
    body.appendChild(el('div', { className: 'dossier-type', text: 'Statement' }));
    body.appendChild(el('h2', { className: 'dossier-title', text: E[k].label }));
    var p = predInfo.get(E[k].predicate);
    if (p && p.comment) body.appendChild(el('p', { className: 'note', text: p.comment }));
    body.appendChild(statementBlock(k));
    openDossier();
  }
  function closeDossier() {
    S.sel = null; S.path = null; pathNodes = null; dossier.hidden = true; emptyDossier(); if (mapView) mapView.select(null);
    clearHighlight(); network.unselectAll(); network.redraw(); saveState();
  }
  document.getElementById('close').addEventListener('click', function () { closeDossier(); });

  // ------------------------------------------------------------ selection and camera
  function selectNode(id, focus) {
    if (!nodeAt.has(id)) return;
    var i = nodeAt.get(id);
    S.path = null; pathNodes = null;
    showNode(id);
    if (visN[i]) {
      network.selectNodes([i]);
      highlight(i);
      if (focus) focusOn(i);
    } else { clearHighlight(); network.unselectAll(); }
    network.redraw();
    saveState();
  }
  // vis-network's fit (the same framing: the nodes' boxes, a tenth more, the smaller of the two scales)
  // without its first step, which measures every node again (70 ms of a selection on the Peru graph)
  function fitTo(list, maxZoom) {
    if (BIG_CANVAS || !list.length) { network.fit({ nodes: list, animation: false, maxZoomLevel: maxZoom }); return; }
    var nodes = network.body.nodes, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    list.forEach(function (i) {
      var b = nodes[i];
      if (!b) return;
      var r = b.shape && b.shape.width ? b.shape.width / 2 : b.options.size;
      x0 = Math.min(x0, b.x - r); x1 = Math.max(x1, b.x + r); y0 = Math.min(y0, b.y - r); y1 = Math.max(y1, b.y + r);
    });
    if (!isFinite(x0)) return;
    var w = container.clientWidth, h = container.clientHeight;
    var scale = Math.min(w / (Math.abs(x1 - x0) * 1.1 || 1), h / (Math.abs(y1 - y0) * 1.1 || 1), maxZoom);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }
  function focusOn(i) {
    // frame the node and its shown neighbours (the dossier is beside the canvas, never over it)
    var near = [i];
    incident[i].forEach(function (k) { if (visE[k]) near.push(E[k].u === i ? E[k].v : E[k].u); });
    if (near.length > 1 && near.length < 400) fitTo(near, 1.8);
    else network.focus(i, { scale: Math.max(network.getScale(), 1.1), animation: false });
  }
  function selectEdge(id) {
    if (!edgeAt.has(id)) return;
    clearHighlight();
    S.path = null; pathNodes = null;
    showEdge(id);
    if (visE[edgeAt.get(id)]) network.selectEdges([edgeAt.get(id)]); else network.unselectAll();
    saveState();
  }
  network.on('doubleClick', function (params) {
    if (params.nodes.length) network.focus(params.nodes[0], { scale: Math.max(network.getScale() * 1.6, 1.2), animation: false });
  });
  network.on('click', function (params) {
    hideHint();
    if (params.nodes.length) selectNode(N[params.nodes[0]].id, false);
    else if (params.edges.length) selectEdge(E[params.edges[0]].id);
    else closeDossier();
  });
  function fit() { if (S.view === 'map') mapView.fit(); else network.fit(FIT); saveState(); }
  function zoom(by) {
    if (S.view === 'map') { mapView.zoom(by); saveState(); return; }
    network.moveTo({ scale: network.getScale() * by, animation: false }); saveState();
  }
  document.getElementById('fit').addEventListener('click', function () { fit(); });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(0.8); });
  network.on('dragEnd', function () { saveState(); });
  network.on('zoom', function () { hideHint(); saveStateSoon(); });

  function expand(id) { S.expanded.add(id); applyFilters(false); }

  // ------------------------------------------------------------ re-layout what is shown (vis-network's solver, from the current positions)
  function relayout() {
    network.setOptions({ physics: { enabled: true, solver: 'forceAtlas2Based', stabilization: { enabled: false },
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, avoidOverlap: 0.6 } } });
    network.stabilize(D.big ? 60 : 250);
    network.once('stabilized', function () {
      network.setOptions({ physics: { enabled: false } });
      network.storePositions();
      network.fit(FIT);
      document.body.dataset.layout = 'done';
    });
  }
  document.getElementById('relayout').addEventListener('click', function () { delete document.body.dataset.layout; relayout(); });

  // ------------------------------------------------------------ the path tool (the rule of `kg path`: every shortest
  // connection, direction ignored, over what is shown — so the year and the filters apply; the first five by the names along them)
  var pathStart = null, pathNodes = null;
  function shortestPaths(a, b, limit) {
    var dist = new Int32Array(N.length).fill(-1), preds = N.map(function () { return []; });
    var queue = [a]; dist[a] = 0;
    for (var q = 0; q < queue.length; q++) {
      var x = queue[q];
      if (dist[b] >= 0 && dist[x] >= dist[b]) break;
      ordered(x).forEach(function (k) {
        if (!visE[k]) return;
        var y = E[k].u === x ? E[k].v : E[k].u;
        if (dist[y] < 0) { dist[y] = dist[x] + 1; queue.push(y); }
        if (dist[y] === dist[x] + 1 && preds[y].indexOf(x) < 0) preds[y].push(x);
      });
    }
    if (dist[b] < 0 || a === b) return [];
    var found = [], stack = [[b]];
    while (stack.length && found.length < 10000) {
      var p = stack.pop(), head = p[0];
      if (head === a) { found.push(p); continue; }
      preds[head].forEach(function (x) { stack.push([x].concat(p)); });
    }
    var key = function (p) { return p.map(function (i) { return N[i].label.toLowerCase(); }).join('\u0000'); };
    found.sort(function (p, r) { return key(p) < key(r) ? -1 : key(p) > key(r) ? 1 : 0; });
    return found.slice(0, limit || 5);
  }
  function hopEdges(x, y) {
    return ordered(x).filter(function (k) { return visE[k] && ((E[k].u === x && E[k].v === y) || (E[k].u === y && E[k].v === x)); });
  }
  function showPath(aId, bId) {
    if (!nodeAt.has(aId) || !nodeAt.has(bId)) return [];
    var a = nodeAt.get(aId), b = nodeAt.get(bId);
    var found = shortestPaths(a, b, 5);
    S.sel = null; S.path = [aId, bId]; pathStart = null;
    clearHighlight();
    emptyDossier(); delete body.dataset.node; delete body.dataset.edge;
    body.dataset.path = aId + ' ' + bId;
    body.appendChild(el('div', { className: 'dossier-type', text: 'Shortest connections' + (timed() ? ' in ' + when() : '') }));
    body.appendChild(el('h2', { className: 'dossier-title', text: nameOf(aId) + ' ↔ ' + nameOf(bId) }));
    if (!found.length) body.appendChild(el('p', { className: 'note', text: 'No connection through what is shown.' }));
    pathNodes = new Set();
    var pathEdges = new Set();
    found.forEach(function (p, n) {
      var box = el('div', { className: 'path', dataset: { path: n } }, el('div', { className: 'line', text: 'Path ' + (n + 1) + ': ' + plural(p.length - 1, 'hop', 'hops') }));
      p.forEach(function (x) { pathNodes.add(x); });
      for (var h = 0; h + 1 < p.length; h++) {
        var hop = el('div', { className: 'hop' }, nodeLink(N[p[h]].id), ' — ', nodeLink(N[p[h + 1]].id));
        hopEdges(p[h], p[h + 1]).forEach(function (k) { pathEdges.add(k); hop.appendChild(statementBlock(k)); });
        box.appendChild(hop);
      }
      body.appendChild(box);
    });
    highlightSets(pathNodes, pathEdges);
    network.setSelection({ nodes: Array.from(pathNodes), edges: Array.from(pathEdges) }, { highlightEdges: false });
    if (pathNodes.size) fitTo(Array.from(pathNodes), 1.8);
    openDossier(); saveState();
    return found.map(function (p) { return p.map(function (i) { return N[i].id; }); });
  }

  // ------------------------------------------------------------ search
  var search = document.getElementById('search'), results = document.getElementById('results');
  var searchIndex = null;  // every name and alias folded, made at the first search
  function searchEntries() {
    return searchIndex || (searchIndex = N.map(function (f, i) {
      return { i: i, names: [{ text: f.label, key: fold(f.label), alias: false }].concat(
        (f.aliases || []).map(function (a) { return { text: a, key: fold(a), alias: true }; })) };
    }));
  }
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
    searchEntries().forEach(function (entry) {
      var best = null;
      entry.names.forEach(function (n) {
        var s = score(n.key, q);
        if (s >= 0 && (best === null || s < best.score || (s === best.score && !n.alias && best.alias))) best = { score: s, name: n };
      });
      if (best) hits.push({ i: entry.i, id: N[entry.i].id, score: best.score, via: best.name });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || (N[b.i].degree || 0) - (N[a.i].degree || 0) || (N[a.i].label < N[b.i].label ? -1 : 1);
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
    hits.forEach(function (h, n) {
      var f = N[h.i];
      var sub = humanize(f.type) + (h.via.alias ? ' · alias: ' + h.via.text : '') + (visN[h.i] ? '' : ' · hidden by filters');
      var li = el('li', { role: 'option', dataset: { id: h.id },
        onmousedown: function (ev) { ev.preventDefault(); choose(h.id); } },
        el('span', { text: f.label }), el('span', { className: 'sub', text: sub }));
      li.setAttribute('aria-selected', n === activeResult ? 'true' : 'false');
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function markActive() {
    Array.prototype.forEach.call(results.children, function (li, n) {
      li.setAttribute('aria-selected', n === activeResult ? 'true' : 'false');
      if (n === activeResult) li.scrollIntoView({ block: 'nearest' });
    });
  }
  function choose(id) { results.hidden = true; hideHint(); search.blur(); selectNode(id, true); }
  search.addEventListener('input', renderResults);
  search.addEventListener('focus', function () { if (search.value.trim()) renderResults(); });
  search.addEventListener('blur', function () { results.hidden = true; });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown' && resultIds.length) { activeResult = (activeResult + 1) % resultIds.length; markActive(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp' && resultIds.length) { activeResult = (activeResult - 1 + resultIds.length) % resultIds.length; markActive(); ev.preventDefault(); }
    else if (ev.key === 'Enter') { if (activeResult >= 0) choose(resultIds[activeResult]); ev.preventDefault(); }
    else if (ev.key === 'Escape') { if (results.hidden && (S.sel || S.path)) closeDossier(); results.hidden = true; search.blur(); ev.stopPropagation(); }
  });

  // ------------------------------------------------------------ keyboard
  document.addEventListener('keydown', function (ev) {
    var typing = ev.target.tagName === 'INPUT' || ev.target.tagName === 'SELECT';
    if (ev.key === 'Escape' && ev.target !== search) { if (S.sel || S.path) closeDossier(); }
    else if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    else if (ev.key === '/') { search.focus(); ev.preventDefault(); }
    else if (ev.key === '+' || ev.key === '=') zoom(1.25);
    else if (ev.key === '-' || ev.key === '\u2212') zoom(0.8);
    else if (ev.key === 'f' || ev.key === 'F') fit();
  });

  // ------------------------------------------------------------ legend and filters
  function applyFilters(refit) {
    var keep = S.sel, path = S.path;
    clearHighlight();
    computeVisible();
    showVisible();
    updateCounts();
    refreshLegendState();
    if (path) showPath(path[0], path[1]);
    else if (keep && keep.kind === 'node') {
      var i = nodeAt.get(keep.id);
      showNode(keep.id);
      if (visN[i]) { network.selectNodes([i]); highlight(i); } else network.unselectAll();
    } else if (keep && keep.kind === 'edge') {
      showEdge(keep.id);
      if (visE[edgeAt.get(keep.id)]) network.selectEdges([edgeAt.get(keep.id)]); else network.unselectAll();
    } else network.unselectAll();
    if (refit && !keep && !path) fitTo(network.body.nodeIndices, FIT.maxZoomLevel);
    if (mapView) mapView.refresh();
    saveState();
  }
  function checkbox(checked, onchange, data) {
    var box = el('input', { type: 'checkbox', checked: checked, onchange: onchange });
    Object.keys(data).forEach(function (k) { box.dataset[k] = data[k]; });
    return box;
  }
  var typeBoxes = new Map(), sectionBoxes = new Map(), predBoxes = new Map(), sourceBoxes = new Map(), statusBoxes = new Map();
  function toggle(set, name, on) { if (on) set.delete(name); else set.add(name); }
  var typesEl = document.getElementById('types');
  D.sections.forEach(function (s) {
    var ts = sectionTypes.get(s.name) || [];
    var total = ts.reduce(function (n, t) { return n + t.count; }, 0);
    var sbox = checkbox(true, function () { ts.forEach(function (t) { toggle(S.hiddenTypes, t.name, sbox.checked); }); applyFilters(true); }, { section: s.name });
    sectionBoxes.set(s.name, sbox);
    var group = el('div', { className: 'group' },
      el('label', { className: 'row' }, sbox, swatch(s.shape, '#7b8794', '#52606d'), s.title, el('span', { className: 'count', text: total })));
    ts.forEach(function (t) {
      var box = checkbox(true, function () { toggle(S.hiddenTypes, t.name, box.checked); applyFilters(true); }, { type: t.name });
      typeBoxes.set(t.name, box);
      group.appendChild(el('label', { className: 'item' }, box, swatch(t.shape, t.color, t.border), humanize(t.name),
        el('span', { className: 'count', text: t.count })));
    });
    typesEl.appendChild(group);
  });
  var edgeKey = document.getElementById('edge-key');
  edgeKey.appendChild(el('div', { className: 'edge-key' }, lineSwatch(EDGE_LOOK.asserted.color, false), 'asserted (arrow: subject → object)'));
  edgeKey.appendChild(el('div', { className: 'edge-key' }, lineSwatch(EDGE_LOOK.disputed.color, true), 'disputed: the sources disagree (dashed)'));
  edgeKey.appendChild(el('div', { className: 'edge-key' }, lineSwatch(EDGE_LOOK.undated.color, false), 'undated: not placed in time (pale)'));
  var statusEl = document.getElementById('statuses');
  var statuses = Array.from(new Set(E.map(function (e) { return e.status; }))).sort();
  statuses.forEach(function (st) {
    var n = E.filter(function (e) { return e.status === st; }).length;
    var box = checkbox(true, function () { toggle(S.hiddenStatus, st, box.checked); applyFilters(true); }, { status: st });
    statusBoxes.set(st, box);
    statusEl.appendChild(el('label', { className: 'item' }, box, humanize(st), el('span', { className: 'count', text: n })));
  });
  var modalityBoxes = new Map();
  if (D.modalities.some(function (m) { return m.count; })) {
    statusEl.appendChild(el('div', { className: 'subhead', id: 'modality-head', text: 'How the source holds it:' }));
  }
  D.modalities.forEach(function (m) {
    if (!m.count) return;
    var box = checkbox(true, function () { toggle(S.hiddenModality, m.name, box.checked); applyFilters(true); }, { modality: m.name });
    modalityBoxes.set(m.name, box);
    statusEl.appendChild(el('label', { className: 'item', title: m.comment || '' }, box, m.label, el('span', { className: 'count', text: m.count })));
  });
  var sourcesEl = document.getElementById('sources');
  D.sources.forEach(function (s) {
    var n = edgesCiting.get(s.id) || 0;
    if (!n && !nodesCiting.has(s.id)) return;
    var box = checkbox(true, function () { toggle(S.hiddenSources, s.id, box.checked); applyFilters(true); }, { source: s.id });
    sourceBoxes.set(s.id, box);
    sourcesEl.appendChild(el('label', { className: 'item', title: sourceText(s.id) }, box, s.title || s.id, el('span', { className: 'count', text: n })));
  });
  var predsEl = document.getElementById('predicates');
  D.predicates.forEach(function (p) {
    var box = checkbox(true, function () { toggle(S.hiddenPreds, p.name, box.checked); applyFilters(true); }, { predicate: p.name });
    predBoxes.set(p.name, box);
    predsEl.appendChild(el('label', { className: 'item', title: p.comment || '' }, box, p.label, el('span', { className: 'count', text: p.count })));
  });
  function refreshLegendState() {
    D.sections.forEach(function (s) {
      var ts = sectionTypes.get(s.name) || [];
      var off = ts.filter(function (t) { return S.hiddenTypes.has(t.name); }).length;
      sectionBoxes.get(s.name).checked = off < ts.length;
      sectionBoxes.get(s.name).indeterminate = off > 0 && off < ts.length;
    });
    typeBoxes.forEach(function (b, t) { b.checked = !S.hiddenTypes.has(t); });
    predBoxes.forEach(function (b, p) { b.checked = !S.hiddenPreds.has(p); });
    sourceBoxes.forEach(function (b, s) { b.checked = !S.hiddenSources.has(s); });
    statusBoxes.forEach(function (b, s) { b.checked = !S.hiddenStatus.has(s); });
    modalityBoxes.forEach(function (b, m) { b.checked = !S.hiddenModality.has(m); });
    isolatedBox.checked = S.hideIsolated; undatedBox.checked = S.undated;
    colourSelect.value = S.colour; sizeSelect.value = S.size;
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-bulk]'), function (b) {
    b.addEventListener('click', function () {
      var what = b.dataset.bulk;
      if (what === 'types-all') S.hiddenTypes.clear();
      if (what === 'types-none') D.types.forEach(function (t) { S.hiddenTypes.add(t.name); });
      if (what === 'preds-all') S.hiddenPreds.clear();
      if (what === 'preds-none') D.predicates.forEach(function (p) { S.hiddenPreds.add(p.name); });
      if (what === 'sources-all') S.hiddenSources.clear();
      if (what === 'sources-none') sourceBoxes.forEach(function (box, s) { S.hiddenSources.add(s); });
      applyFilters(true);
    });
  });

  // ------------------------------------------------------------ the picture: colour, size, hide unconnected
  var colourSelect = document.getElementById('colour-by'), sizeSelect = document.getElementById('size-by');
  var isolatedBox = document.getElementById('hide-isolated'), undatedBox = document.getElementById('undated-on');
  var communitiesEl = document.getElementById('communities');
  D.centralities.forEach(function (c) { sizeSelect.appendChild(el('option', { value: c.name, text: c.short, title: c.title })); });
  function restyle() {
    clearHighlight();
    nodesDS.update(N.map(function (n, i) { return { id: i, size: sizeOf(i), color: colourOf(i) }; }));
    if (!BIG_CANVAS) rankNodes();
    communitiesEl.hidden = S.colour !== 'community';
    if (S.sel && S.sel.kind === 'node' && visN[nodeAt.get(S.sel.id)]) highlight(nodeAt.get(S.sel.id));
    saveState();
  }
  (function communityKey() {
    var sizes = new Map();
    N.forEach(function (n) { sizes.set(n.community, (sizes.get(n.community) || 0) + 1); });
    var degree = D.centrality.degree;
    var leader = new Map();
    N.forEach(function (n, i) { var c = n.community, l = leader.get(c); if (l === undefined || degree[i] > degree[l]) leader.set(c, i); });
    communitiesEl.appendChild(el('p', { className: 'note', text: 'Communities found by Louvain (NetworkX, seeded), named by their most connected member:' }));
    Array.from(sizes.keys()).sort(function (a, b) { return a - b; }).slice(0, PALETTE.length).forEach(function (c) {
      var dot = el('i'); dot.style.background = PALETTE[c];
      communitiesEl.appendChild(el('div', { className: 'community-key', dataset: { community: c } }, dot, N[leader.get(c)].label, el('span', { className: 'count', text: ' ' + sizes.get(c) })));
    });
    if (sizes.size > PALETTE.length) communitiesEl.appendChild(el('p', { className: 'note', text: (sizes.size - PALETTE.length) + ' smaller communities in grey.' }));
  })();
  colourSelect.addEventListener('change', function () { S.colour = colourSelect.value; restyle(); });
  sizeSelect.addEventListener('change', function () { S.size = sizeSelect.value; restyle(); });
  isolatedBox.addEventListener('change', function () { S.hideIsolated = isolatedBox.checked; applyFilters(true); });
  undatedBox.addEventListener('change', function () { S.undated = undatedBox.checked; applyFilters(false); });

  // ------------------------------------------------------------ year slider
  var yearOn = document.getElementById('year-on'), yearInput = document.getElementById('year'),
      yearLabel = document.getElementById('year-label');
  function syncYearControls() {
    if (!D.years) { yearOn.disabled = true; yearLabel.textContent = '(no dated facts)'; return; }
    yearInput.min = D.years[0]; yearInput.max = D.years[1];
    if (S.year !== null) yearInput.value = S.year; else if (!yearInput.dataset.touched) yearInput.value = D.years[1];
    yearOn.checked = S.year !== null; yearInput.disabled = S.year === null;
    yearLabel.textContent = yearInput.value;
  }
  yearOn.addEventListener('change', function () {
    S.year = yearOn.checked ? parseInt(yearInput.value, 10) : null;
    if (S.year !== null) { S.period = null; periodOn.checked = false; periodLabel.textContent = ''; }
    yearInput.disabled = !yearOn.checked;
    applyFilters(false);
  });
  yearInput.addEventListener('input', function () {
    yearInput.dataset.touched = '1';
    yearLabel.textContent = yearInput.value;
    if (yearOn.checked) { S.year = parseInt(yearInput.value, 10); applyFilters(false); }
  });

  // ------------------------------------------------------------ the view in the URL fragment
  function stateString() {
    var p = new URLSearchParams();
    if (S.view !== 'graph') p.set('view', S.view);
    if (S.year !== null) p.set('year', S.year);
    if (!S.undated) p.set('undated', '0');
    if (S.hiddenTypes.size) p.set('hide-types', Array.from(S.hiddenTypes).sort().join(','));
    if (S.hiddenPreds.size) p.set('hide-rels', Array.from(S.hiddenPreds).sort().join(','));
    if (S.hiddenSources.size) p.set('hide-sources', Array.from(S.hiddenSources).sort().join(','));
    if (S.hiddenStatus.size) p.set('hide-status', Array.from(S.hiddenStatus).sort().join(','));
    if (S.hiddenModality.size) p.set('hide-modality', Array.from(S.hiddenModality).sort().join(','));
    if (S.hideIsolated) p.set('isolated', '0');
    if (S.colour !== 'type') p.set('colour', S.colour);
    if (S.size !== 'degree') p.set('size', S.size);
    if (S.sel) p.set(S.sel.kind === 'node' ? 'select' : 'statement', S.sel.id);
    if (S.path) p.set('path', S.path.join(','));
    if (S.period) p.set('period', S.period.join('-'));
    if (S.expanded.size) p.set('expand', Array.from(S.expanded).sort().join(','));
    var mapCamera = S.view === 'map' && mapView ? mapView.camera() : null;
    if (mapCamera) p.set('map', mapCamera.join(','));
    if (network) {
      var c = network.getViewPosition();
      p.set('camera', [Math.round(c.x), Math.round(c.y), network.getScale().toFixed(3)].join(','));
    }
    return p.toString();
  }
  var restoring = false, saveTimer = null;
  var savePending = false;
  function saveState() {  // once per action: the calls an action makes are folded into one, at its end
    if (restoring || savePending) return;
    savePending = true;
    queueMicrotask(function () { savePending = false; if (!restoring) writeState(); });
  }
  function writeState() {
    var s = '#' + stateString();
    if (location.hash === s) return;
    try { history.replaceState(null, '', s); } catch (err) { location.hash = s; }
  }
  function saveStateSoon() { clearTimeout(saveTimer); saveTimer = setTimeout(saveState, 250); }
  function list(p, key) { return p.get(key) ? p.get(key).split(',').filter(Boolean) : []; }
  function restoreState(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, ''));
    restoring = true;
    if (p.has('year') && D.years) S.year = parseInt(p.get('year'), 10);
    S.undated = p.get('undated') !== '0';
    S.hiddenTypes = new Set(list(p, 'hide-types')); S.hiddenPreds = new Set(list(p, 'hide-rels'));
    S.hiddenSources = new Set(list(p, 'hide-sources')); S.hiddenStatus = new Set(list(p, 'hide-status'));
    S.hiddenModality = new Set(list(p, 'hide-modality'));
    S.expanded = new Set(list(p, 'expand'));
    S.hideIsolated = p.get('isolated') === '0';
    if (p.get('colour') === 'community') S.colour = 'community';
    if (p.get('size') && D.centrality[p.get('size')]) S.size = p.get('size');
    if (p.get('view')) S.view = p.get('view');
    var period = (p.get('period') || '').split('-').map(Number);
    if (period.length === 2 && period.every(isFinite)) S.period = period;
    restyle(); syncYearControls(); computeVisible(); showVisible(); updateCounts(); refreshLegendState();
    if (p.get('path')) { var ab = list(p, 'path'); showPath(ab[0], ab[1]); }
    else if (p.get('select') && nodeAt.has(p.get('select'))) selectNode(p.get('select'), false);
    else if (p.get('statement') && edgeAt.has(p.get('statement'))) selectEdge(p.get('statement'));
    if (S.view !== 'graph') show(S.view);
    var mapCam = list(p, 'map').map(Number);
    if (S.view === 'map' && mapCam.length === 3 && mapCam.every(isFinite) && mapCam[2] > 0) mapView.setCamera(mapCam[0], mapCam[1], mapCam[2]);
    var cam = list(p, 'camera').map(Number);
    if (cam.length === 3 && cam.every(isFinite)) network.moveTo({ position: { x: cam[0], y: cam[1] }, scale: cam[2], animation: false });
    restoring = false;
    return !!p.get('camera');
  }
  document.getElementById('share').addEventListener('click', function () {
    saveState();
    var url = location.href;
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(function () {});
    document.getElementById('share').title = 'Link copied: ' + url;
  });

  // ------------------------------------------------------------ exports: the picture as PNG, what is shown as CSV or JSON
  function pngDataUrl() {
    var canvas = container.querySelector('canvas');
    var out = document.createElement('canvas');
    out.width = canvas.width; out.height = canvas.height;
    var ctx = out.getContext('2d');
    ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return out.toDataURL('image/png');
  }
  function csvCell(v) {
    var s = v === undefined || v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;  // never a formula in a spreadsheet
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function visibleSubgraph() {
    var nodes = [], edges = [];
    N.forEach(function (n, i) { if (visN[i]) nodes.push({ id: n.id, label: n.label, type: n.type, community: n.community }); });
    E.forEach(function (e, k) {
      if (visE[k]) edges.push({ id: e.id, subject: e.from, predicate: e.predicate, object: e.to, status: e.status,
        when: e.when || '', sources: e.sources || [] });
    });
    return { view: stateString(), nodes: nodes, edges: edges };
  }
  function exportText(kind) {
    var g = visibleSubgraph();
    if (kind === 'json') return JSON.stringify(g, null, 1);
    var rows = [['statement', 'subject', 'subject_name', 'predicate', 'object', 'object_name', 'status', 'when', 'sources']];
    g.edges.forEach(function (e) { rows.push([e.id, e.subject, nameOf(e.subject), e.predicate, e.object, nameOf(e.object), e.status, e.when, e.sources.join(' ')]); });
    return rows.map(function (r) { return r.map(csvCell).join(','); }).join('\r\n') + '\r\n';
  }
  function download(name, href) {
    var a = el('a', { href: href, download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }
  function slug() { return fold(D.title + (D.subtitle ? ' ' + D.subtitle : '')).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''); }
  document.getElementById('export-png').addEventListener('click', function () { download(slug() + '.png', pngDataUrl()); });
  var svgExport = window.kgSvgExport({  // templates/svg.js: the graph as drawn, as SVG
    network: network, nodes: nodesDS, edges: edgesDS, labelled: function () { return drawnLabels.slice(); },
    drawnId: function (i) { return N[i].id; }, edgeId: function (k) { return E[k].id; }, label: function (i) { return N[i].label; },
    visId: function (id) { return nodeAt.get(id); }, title: function () { return D.title + (D.subtitle ? ' \u2014 ' + D.subtitle : ''); },
    edgeLabels: function () {  // the relationships named on the lines: the selected entity's, as drawLabels names them
      if (!S.sel || S.sel.kind !== 'node' || !nodeAt.has(S.sel.id)) return [];
      return ordered(nodeAt.get(S.sel.id)).filter(function (k) { return visE[k]; }).map(function (k) { return [k, E[k].label]; });
    }
  });
  document.getElementById('export-svg').addEventListener('click', function () {
    download(slug() + '.svg', 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgExport.markup()));
  });
  document.getElementById('export-csv').addEventListener('click', function () {
    download(slug() + '.csv', 'data:text/csv;charset=utf-8,' + encodeURIComponent(exportText('csv')));
  });
  document.getElementById('export-json').addEventListener('click', function () {
    download(slug() + '.json', 'data:application/json;charset=utf-8,' + encodeURIComponent(exportText('json')));
  });


  // ------------------------------------------------------------ views: the graph, the timeline, the map
  var timelinePane = document.getElementById('timeline-pane'), timelineEl = document.getElementById('timeline');
  var periodOn = document.getElementById('period-on'), periodLabel = document.getElementById('period-label');
  var timeline = null, timelineBusy = false;
  var VIEWS = ['graph', 'timeline', 'map'];
  var mapPane = document.getElementById('map-pane'), sectionTitles = new Map(D.sections.map(function (s) { return [s.name, s.title]; }));
  var mapView = window.kgMapView({  // templates/map.js: the map view, on what this script shows (visN, visE)
    data: D, visN: visN, visE: visE, el: el, humanize: humanize, link: nodeLink,
    select: function (id) { selectNode(id, true); },
    typeInfo: function (t) { return typeInfo.get(t); },
    sectionTitle: function (t) { var i = typeInfo.get(t); return (i && sectionTitles.get(i.section)) || humanize(t); },
    whenText: function () { return timed() ? ' in ' + when() : ''; },
    moved: function () { saveStateSoon(); }
  });
  function itemText(t) {
    if (t.node !== undefined) return N[t.node].label;
    var e = E[t.edge];
    return (t.open ? 'from then: ' : t.until ? 'until then: ' : '') + N[e.u].label + ' — ' + e.label + ' → ' + N[e.v].label;
  }
  function yearOf(date) {  // '1992', '1992-05' or '1992-05-17' as a point on the axis (years and their fractions)
    var p = String(date).split('-').map(Number);
    return p[0] + ((p[1] || 1) - 1) / 12 + ((p[2] || 1) - 1) / 365;
  }
  // Beyond this many dated items the timeline shows one box per lane and year, counting what starts then:
  // thousands of labelled items stacked in lanes are no picture anyone reads
  var TIMELINE_ITEMS_MAX = 600;
  function timelineEntries() {
    if (D.timeline.items.length > TIMELINE_ITEMS_MAX) return yearBoxes();
    return D.timeline.items.map(function (t, n) {
      var f = t.node !== undefined ? N[t.node] : E[t.edge], a = yearOf(t.start);
      return { n: n, lane: t.group, start: a, end: t.end ? Math.max(yearOf(t.end), a) : null, text: itemText(t),
               disputed: f.status === V.disputedStatus };
    });
  }
  function yearBoxes() {
    var boxes = new Map();
    D.timeline.items.forEach(function (t) {
      var year = parseInt(t.start, 10), key = t.group + ' ' + year, box = boxes.get(key);
      if (!box) boxes.set(key, box = { n: -1, year: year, lane: t.group, start: year, end: year + 1, count: 0 });
      box.count += 1;
    });
    return Array.from(boxes.values()).map(function (box) {
      box.text = String(box.count);
      box.title = box.count + ' starting in ' + box.year + ': click to show that year';
      return box;
    });
  }
  // ------------------------------------------------------------ the timeline's drawing: an axis, lanes, items stacked in rows (SVG)
  // Our own: vis-timeline measured each item's box in the page (a layout per item: 1.5 s for the Peru
  // graph's 405). Here a label's width comes from a canvas's measureText, and the page is laid out once.
  function makeTimeline(host, entries, lanes, bounds, on) {
    var LANE_W = 160, ROW = 19, AXIS_H = 24, PAD = 5, MIN_SPAN = 1;
    var win = [bounds[0], bounds[1]];
    function textW(s) { return s.length * 6.8; }  // a little over 12px text's mean advance: measuring 405 cost more than drawing
    function laneLines(text) {  // a lane's name in lines that fit its head (SVG text does not wrap)
      var lines = [''];
      String(text).split(' ').forEach(function (word) {
        var last = lines[lines.length - 1], joined = last ? last + ' ' + word : word;
        if (last && textW(joined) * 1.1 > LANE_W - 14) lines.push(word); else lines[lines.length - 1] = joined;
      });
      return lines;
    }
    function svgEl(tag, attrs, text) {
      var node = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.textContent = text;
      return node;
    }
    var axis = svgEl('svg', { 'class': 'tl-axis', height: AXIS_H }), scroller = el('div', { className: 'tl-scroll' });
    var plot = svgEl('svg', { 'class': 'tl-body' });
    scroller.appendChild(plot); host.appendChild(axis); host.appendChild(scroller);
    var byLane = new Map(lanes.map(function (l) { return [l.id, []]; }));
    entries.forEach(function (t) { if (byLane.has(t.lane)) byLane.get(t.lane).push(t); });
    byLane.forEach(function (list) { list.sort(function (a, b) { return a.start - b.start || a.n - b.n; }); });
    var width = 0, drawn = 0, frame = 0, settle = null, drag = null, moved = false;
    function xOf(y) { return LANE_W + (y - win[0]) / (win[1] - win[0]) * (width - LANE_W); }
    function tickStep() {
      var span = win[1] - win[0], fit = Math.max(2, (width - LANE_W) / 56);
      return [1, 2, 5, 10, 20, 50, 100].filter(function (s) { return span / s <= fit; })[0] || 100;
    }
    function drawAxis() {
      clear(axis); axis.setAttribute('width', width);
      var step = tickStep();
      for (var y = Math.ceil(win[0] / step) * step; y <= win[1]; y += step) {
        var x = xOf(y);
        axis.appendChild(svgEl('line', { x1: x, x2: x, y1: AXIS_H - 7, y2: AXIS_H, 'class': 'tl-tick' }));
        axis.appendChild(svgEl('text', { x: x + 3, y: AXIS_H - 9, 'class': 'tl-year' }, String(y)));
      }
    }
    function place(t) {  // the item's box on screen, its label's place, or null when it is outside the window
      var x0 = xOf(t.start), x1 = t.end === null ? x0 : xOf(t.end);
      if (x1 < LANE_W || x0 > width) return null;
      var tx = t.end === null ? x0 + 7 : Math.max(x0, LANE_W) + 4;
      return { x0: x0, x1: x1, tx: tx, right: Math.max(x1, tx + textW(t.text) + 4) + 6 };
    }
    function drawItem(t, p, top) {
      var g = svgEl('g', { 'class': 'tl-item ' + (t.n < 0 ? 'tl-box' : t.end === null ? 'tl-point' : 'tl-range') + (t.disputed ? ' disputed' : ''),
                           'data-item': t.n < 0 ? 'year ' + t.lane + ' ' + t.year : t.n });
      var mid = top + ROW / 2;
      if (t.end === null) g.appendChild(svgEl('circle', { cx: p.x0, cy: mid, r: 4 }));
      else g.appendChild(svgEl('rect', { x: p.x0, y: top + 2, width: Math.max(p.x1 - p.x0, 2), height: ROW - 4, rx: 3 }));
      g.appendChild(svgEl('text', { x: p.tx, y: mid + 4 }, t.text));
      g.appendChild(svgEl('title', {}, t.title || t.text));
      return g;
    }
    function drawLane(lane, list, top, view) {
      // every item placed (rows: the first one free from the left), only those in the scrolled view made
      var rows = [], group = svgEl('g', { 'class': 'tl-lane', 'data-lane': lane.id }), items = [];
      list.forEach(function (t) {
        var p = place(t);
        if (!p) return;
        var r = 0;
        while (r < rows.length && rows[r] > Math.min(p.x0, p.tx) - 2) r++;
        rows[r] = p.right;
        var y = top + PAD + r * ROW;
        drawn++;
        if (y + ROW >= view[0] && y <= view[1]) items.push(drawItem(t, p, y));
      });
      var name = laneLines(lane.content), height = Math.max(rows.length, name.length, 1) * ROW + 2 * PAD;
      group.appendChild(svgEl('rect', { x: 0, y: top, width: width, height: height, 'class': 'tl-band' }));
      items.forEach(function (g) { group.appendChild(g); });
      group.appendChild(svgEl('rect', { x: 0, y: top, width: LANE_W, height: height, 'class': 'tl-lane-head' }));
      name.forEach(function (line, i) {
        group.appendChild(svgEl('text', { x: 8, y: top + PAD + 13 + i * ROW, 'class': 'tl-lane-name' }, line));
      });
      plot.appendChild(group);
      return height;
    }
    function draw() {
      frame = 0;
      width = host.clientWidth || 800;
      var view = [scroller.scrollTop - 200, scroller.scrollTop + (scroller.clientHeight || 400) + 200];
      drawAxis(); clear(plot); drawn = 0;
      var top = 0;
      lanes.forEach(function (lane) { top += drawLane(lane, byLane.get(lane.id) || [], top, view); });
      plot.setAttribute('width', width); plot.setAttribute('height', top);
    }
    function soon() { if (!frame) frame = requestAnimationFrame(draw); }
    function changed() { clearTimeout(settle); settle = setTimeout(function () { on.range(win[0], win[1]); }, 120); }
    function clamp(a, b) {
      var span = Math.min(Math.max(b - a, MIN_SPAN), bounds[3] - bounds[2]);
      a = Math.min(Math.max(a, bounds[2]), bounds[3] - span);
      win = [a, a + span];
    }
    host.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var rect = host.getBoundingClientRect(), at = win[0] + (ev.clientX - rect.left - LANE_W) / (width - LANE_W) * (win[1] - win[0]);
      var k = Math.exp((ev.deltaY || 0) * 0.0015);
      clamp(at - (at - win[0]) * k, at + (win[1] - at) * k); soon(); changed();
    }, { passive: false });
    host.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, win: win.slice() }; moved = false; });
    window.addEventListener('mousemove', function (ev) {
      if (!drag) return;
      var dx = ev.clientX - drag.x;
      if (Math.abs(dx) > 3) moved = true;
      if (!moved) return;
      var dy = dx / (width - LANE_W) * (drag.win[1] - drag.win[0]);
      clamp(drag.win[0] - dy, drag.win[1] - dy); soon();
    });
    window.addEventListener('mouseup', function () { if (drag && moved) changed(); drag = null; });
    host.addEventListener('click', function (ev) {
      if (moved) return;
      var item = ev.target.closest && ev.target.closest('[data-item]');
      if (item) on.pick(item.getAttribute('data-item'));
    });
    scroller.addEventListener('scroll', soon);
    if (window.ResizeObserver) new ResizeObserver(function () { if (host.clientWidth && host.clientWidth !== width) draw(); }).observe(host);
    draw();
    return {
      setWindow: function (a, b) { clamp(a, b); draw(); },
      getWindow: function () { return win.slice(); },
      count: function () { return entries.length; },
      drawn: function () { return drawn; }
    };
  }
  function buildTimeline() {
    var first = D.years ? D.years[0] - 1 : 1970, last = D.years ? D.years[1] + 1 : 2020;
    timeline = makeTimeline(timelineEl, timelineEntries(), D.timeline.lanes, [first, last + 1, first - 5, last + 6], {
      pick: function (what) {
        if (what.indexOf('year ') === 0) { periodOn.checked = true; var y = parseInt(what.split(' ').pop(), 10); setPeriod(y, y, true); return; }
        var t = D.timeline.items[Number(what)];
        if (t.node !== undefined) selectNode(N[t.node].id, true); else selectEdge(E[t.edge].id);
      },
      range: function (a, b) { if (!timelineBusy && periodOn.checked) setPeriod(Math.floor(a), Math.floor(b - 1e-6), false); }
    });
  }
  function windowTo(period) { timelineBusy = true; timeline.setWindow(period[0], period[1] + 1); timelineBusy = false; }
  function setPeriod(a, b, moveWindow) {
    if (S.year !== null) { S.year = null; syncYearControls(); }
    S.period = [Math.min(a, b), Math.max(a, b)];
    periodLabel.textContent = S.period[0] + '–' + S.period[1];
    if (moveWindow && timeline) windowTo(S.period);
    applyFilters(false);
  }
  periodOn.addEventListener('change', function () {
    if (!periodOn.checked) { S.period = null; periodLabel.textContent = ''; applyFilters(false); }
    else if (timeline) { var w = timeline.getWindow(); setPeriod(Math.floor(w[0]), Math.floor(w[1] - 1e-6), false); }
  });
  function refitToPane() {
    // the graph's pane changed size (the timeline opened or closed): vis-network notices only on its own
    // timer, up to a second later, so it is told now, and the picture is fitted to the pane it now has
    network.setSize('100%', '100%');
    if (restoring) network.redraw();
    else if (S.sel && S.sel.kind === 'node' && visN[nodeAt.get(S.sel.id)]) focusOn(nodeAt.get(S.sel.id));
    else if (S.path && pathNodes && pathNodes.size) fitTo(Array.from(pathNodes), 1.8);
    else if (!S.sel) network.fit(FIT);
    else network.redraw();
  }
  function show(name) {
    if (VIEWS.indexOf(name) < 0) return false;
    S.view = name;
    timelinePane.hidden = name !== 'timeline';
    mapPane.hidden = name !== 'map';
    if (name === 'map') mapView.open();
    Array.prototype.forEach.call(document.querySelectorAll('#views button'), function (b) {
      b.setAttribute('aria-selected', b.dataset.view === name ? 'true' : 'false');
    });
    if (name === 'timeline' && !timeline) buildTimeline();
    if (name === 'timeline' && S.period) { windowTo(S.period); periodLabel.textContent = S.period.join('–'); }
    if (name !== 'timeline' && S.period) { S.period = null; applyFilters(false); }
    if (name === 'timeline') hideHint();
    refitToPane();
    saveState();
    return true;
  }
  Array.prototype.forEach.call(document.querySelectorAll('#views button'), function (b) {
    b.addEventListener('click', function () { show(b.dataset.view); });
  });

  // ------------------------------------------------------------ the hint on first load
  var hint = document.getElementById('hint');
  function hideHint() { hint.hidden = true; }

  // ------------------------------------------------------------ one frame per action
  // vis-network redraws on every selection, update and camera move; an action makes several. While an
  // action runs its rendering is held (the flag vis-network itself sets while its physics loop draws,
  // and, since its redraw() and unselectAll() draw at once whatever that flag says, its frame-drawing
  // method stood in for by one that does nothing), and it draws once at the end: a frame of the Peru
  // graph costs 50-100 ms, a big graph's hundreds.
  var batching = 0, skipFrame = function () {};
  function batch(fn) {
    return function () {
      if (batching) return fn.apply(this, arguments);
      var r = network.renderer, was = r.renderingActive, held = !BIG_CANVAS && !Object.prototype.hasOwnProperty.call(r, '_redraw');
      batching++; r.renderingActive = true;
      if (held) r._redraw = skipFrame;
      try { return fn.apply(this, arguments); } finally {
        if (held) delete r._redraw;
        r.renderingActive = was; batching--; network.redraw();
      }
    };
  }
  expand = batch(expand); selectNode = batch(selectNode); selectEdge = batch(selectEdge); applyFilters = batch(applyFilters);
  restyle = batch(restyle); showPath = batch(showPath); closeDossier = batch(closeDossier); restoreState = batch(restoreState);
  fit = batch(fit); zoom = batch(zoom);

  // ------------------------------------------------------------ start
  document.getElementById('title').textContent = D.title;
  document.getElementById('subtitle').textContent = D.subtitle || '';
  syncYearControls();
  updateCounts();
  refreshLegendState();
  var hadCamera = false, fromLink = location.hash.length > 1;
  if (fromLink) hadCamera = restoreState(location.hash);
  else if (D.center && nodeAt.has(D.center)) { selectNode(D.center, false); }
  network.once('afterDrawing', function () {
    if (!hadCamera) {
      if (!fromLink && D.center && nodeAt.has(D.center)) focusOn(nodeAt.get(D.center));
      else if (!S.path) network.fit(FIT);
      saveState();
    }
    requestAnimationFrame(function () {
      if (!BIG_CANVAS && !hadCamera && !S.path && !(D.center && nodeAt.has(D.center)) && !fromLink) network.fit(FIT);  // once drawn, every box is known
      document.body.dataset.ready = 'true';
      // what the first search and the first dossier would make (every name folded, who claimed what): made
      // while the page waits for the reader, not during their first action
      (window.requestIdleCallback || function (fn) { return setTimeout(fn, 50); })(function () { searchEntries(); claimsBy(); measureLabels(); });
    });
  });

  window.kgExplorer = {
    network: network, nodes: nodesDS, edges: edgesDS,
    visId: function (id) { return nodeAt.has(id) ? nodeAt.get(id) : edgeAt.get(id); },
    drawnId: function (i) { return N[i] ? N[i].id : undefined; },
    visibleNodes: function () { return N.filter(function (n, i) { return visN[i]; }).map(function (n) { return n.id; }).sort(); },
    visibleEdges: function () { return E.filter(function (e, k) { return visE[k]; }).map(function (e) { return e.id; }).sort(); },
    drawn: function () {
      return { nodes: network.body.nodeIndices.map(function (i) { return N[i].id; }).sort(),
               edges: network.body.edgeIndices.map(function (k) { return E[k].id; }).sort() };
    },
    selected: function () {
      return { nodes: network.getSelectedNodes().map(function (i) { return N[i].id; }),
               edges: network.getSelectedEdges().map(function (k) { return E[k].id; }) };
    },
    select: function (id) { selectNode(id, true); },
    selectEdge: function (id) { selectEdge(id); },
    setYear: function (y) {
      S.year = y; if (y !== null) { yearInput.value = y; S.period = null; }
      syncYearControls(); applyFilters(false);
    },
    find: function (q) { return find(q).map(function (h) { return h.id; }); },
    views: function () { return VIEWS.slice(); },
    show: function (name) { return show(name); },
    setPeriod: function (a, b) { if (!timeline) show('timeline'); setPeriod(a, b, true); },
    timelineItems: function () { return D.timeline.items.length; },
    timelineShown: function () { return timeline ? timeline.count() : 0; },
    mapPlaces: function () { return mapView.places(); },
    mapAt: function (id) { return mapView.at(id); },
    labelled: function () { return (BIG_CANVAS ? network.labelled().map(function (i) { return N[i].id; }) : drawnLabels.slice()).sort(); },
    renderer: function () { return BIG_CANVAS ? 'canvas' : 'vis'; },
    labelBoxes: function () { return drawnBoxes.map(function (b) { return b.slice(); }); },
    path: function (a, b) { return showPath(a, b); },
    expand: function (id) { expand(id); },
    state: function () { return stateString(); },
    exportText: exportText,
    png: pngDataUrl,
    svg: function () { return svgExport.markup(); },
    relayout: relayout
  };
})();
