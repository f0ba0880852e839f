/* Peru Nexus explorer: the map view. Plain SVG drawn by this script (equirectangular projection),
 * on Natural Earth's country boundaries (public domain; world-atlas's TopoJSON, vendored and cut to
 * the Americas, decoded by topojson-client). Everything it shows was computed in Python
 * (graph/explorer/geo.py): where each place is, whether that is approximate, the coordinate's
 * citation, and which statement puts which entity at which place. A link shows when the explorer
 * shows its statement (visE), so the year slider and every filter apply; no rule of its own.
 * Text reaches the SVG as text nodes only. */
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var FAN = 18, NEAR = 22;  // px: places nearer than NEAR to each other fan out FAN around the first

  window.kgMapView = function (K) {
    var D = K.data, N = D.nodes, M = D.map || { places: [], links: [], bounds: null };
    var pane = document.getElementById('map-pane'), box = document.getElementById('map');
    var hereEl = document.getElementById('map-here');
    var base = JSON.parse(document.getElementById('kg-basemap').textContent);
    var placeOf = new Map();  // node position -> place record
    M.places.forEach(function (p) { placeOf.set(p.node, p); });
    var linksAt = new Map();
    M.links.forEach(function (l) { if (!linksAt.has(l[0])) linksAt.set(l[0], []); linksAt.get(l[0]).push(l); });
    var b = M.bounds || [-82, -19, -68, 0];
    var kx = Math.cos(((b[1] + b[3]) / 2) * Math.PI / 180);
    var cam = null, svg = null, land = null, marks = null, names = null, shown = [], selected = null;

    function svgEl(tag, attrs, text) {
      var node = document.createElementNS(NS, tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (text !== undefined) node.appendChild(document.createTextNode(text));
      return node;
    }
    function project(lon, lat) { return [lon * kx, -lat]; }
    function toScreen(lon, lat) { var p = project(lon, lat); return [p[0] * cam.s + cam.x, p[1] * cam.s + cam.y]; }

    // ---------------------------------------------------------- the base map (built once)
    function ringPath(ring) {
      return ring.map(function (c, n) { var p = project(c[0], c[1]); return (n ? 'L' : 'M') + p[0].toFixed(3) + ' ' + p[1].toFixed(3); }).join('') + 'Z';
    }
    function featurePath(f) {
      var g = f.geometry, polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      return polys.map(function (rings) { return rings.map(ringPath).join(''); }).join('');
    }
    function build() {
      svg = svgEl('svg', { 'class': 'map-svg', role: 'img', 'aria-label': 'Map of the places with coordinates' });
      svg.appendChild(svgEl('rect', { x: 0, y: 0, width: '100%', height: '100%', 'class': 'sea' }));
      land = svgEl('g', { 'class': 'land' });
      var world = window.topojson.feature(base, base.objects.countries);
      world.features.forEach(function (f) {
        var path = svgEl('path', { d: featurePath(f), 'class': 'country', 'vector-effect': 'non-scaling-stroke' });
        path.appendChild(svgEl('title', {}, f.properties.name));
        land.appendChild(path);
      });
      marks = svgEl('g', { 'class': 'marks' });
      names = svgEl('g', { 'class': 'names' });  // above every marker
      svg.appendChild(land); svg.appendChild(marks); svg.appendChild(names);
      box.appendChild(svg);
      wire();
    }

    // ---------------------------------------------------------- camera: fit, zoom about a point, pan
    function fitScale() {
      var w = box.clientWidth || 800, h = box.clientHeight || 600, a = project(b[0], b[3]), z = project(b[2], b[1]);
      return Math.min(w / (z[0] - a[0]), h / (z[1] - a[1]));
    }
    function fit() {
      var w = box.clientWidth || 800, h = box.clientHeight || 600;
      var a = project(b[0], b[3]), z = project(b[2], b[1]), s = fitScale();
      cam = { s: s, x: (w - (z[0] - a[0]) * s) / 2 - a[0] * s, y: (h - (z[1] - a[1]) * s) / 2 - a[1] * s, fitted: true };
      draw();
    }
    // the camera as the URL keeps it: the longitude and latitude in the middle and the zoom against the fitted
    // map (so a link opens the same place on a screen of another size); null while the map is fitted
    function camera() {
      if (!cam || cam.fitted) return null;
      var w = box.clientWidth || 800, h = box.clientHeight || 600;
      var px = (w / 2 - cam.x) / cam.s, py = (h / 2 - cam.y) / cam.s;
      return [(px / kx).toFixed(4), (-py).toFixed(4), (cam.s / fitScale()).toFixed(4)];
    }
    function setCamera(lon, lat, zoomBy) {
      if (!svg) build();
      var w = box.clientWidth || 800, h = box.clientHeight || 600, s = fitScale() * zoomBy, p = project(lon, lat);
      cam = { s: s, x: w / 2 - p[0] * s, y: h / 2 - p[1] * s, fitted: false };
      draw();
    }
    function zoom(by, px, py) {
      if (!cam) return;
      if (px === undefined) { px = box.clientWidth / 2; py = box.clientHeight / 2; }
      cam = { s: cam.s * by, x: px - (px - cam.x) * by, y: py - (py - cam.y) * by, fitted: false };
      draw();
    }
    function wire() {
      svg.addEventListener('wheel', function (ev) {
        ev.preventDefault();
        var r = box.getBoundingClientRect();
        zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2, ev.clientX - r.left, ev.clientY - r.top);
        if (K.moved) K.moved();
      }, { passive: false });
      var drag = null;
      svg.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, y: ev.clientY, cx: cam.x, cy: cam.y }; });
      window.addEventListener('mousemove', function (ev) {
        if (!drag) return;
        cam.x = drag.cx + ev.clientX - drag.x; cam.y = drag.cy + ev.clientY - drag.y; cam.fitted = false; draw();
      });
      window.addEventListener('mouseup', function () { if (drag && !cam.fitted && K.moved) K.moved(); drag = null; });
      // the pane changes size (the dossier opens or closes): a fitted map fits itself again
      if (window.ResizeObserver) new ResizeObserver(function () { if (!pane.hidden && cam && cam.fitted) fit(); }).observe(box);
    }

    // ---------------------------------------------------------- who is at each place now
    function here(p) {
      var out = new Set();
      (linksAt.get(p.node) || []).forEach(function (l) { if (K.visE[l[2]] && K.visN[l[1]]) out.add(l[1]); });
      return Array.from(out).sort(function (x, y) { return N[x].label < N[y].label ? -1 : 1; });
    }
    function kinds(list) {
      var counts = new Map();
      list.forEach(function (i) { var t = K.sectionTitle(N[i].type); counts.set(t, (counts.get(t) || 0) + 1); });
      return Array.from(counts.keys()).sort().map(function (t) { return counts.get(t) + ' ' + t.toLowerCase(); }).join(', ');
    }
    function citeText(p) {
      if (p.cite) return 'Coordinates: ' + p.cite.gazetteer + ', ' + p.cite.locator + ' (\u201c' + p.cite.record + '\u201d)';
      var by = (p.placedBy || []).map(function (i) { return N[i].label; });
      return '\u2248 Approximate: not in the gazetteer; placed at the middle of the places it spans or contains'
        + (by.length ? ': ' + by.join(', ') : '');
    }
    function spots() {
      // places closer than NEAR pixels at this zoom (at one point, or near: Paita and Piura at the fitted map) fan
      // out around the first, the looked-up one in the middle, each with a leader to where it really is; in
      // screen pixels, so zooming in parts them
      var ordered = shown.slice().sort(function (x, y) { return (x.approximate - y.approximate) || (N[x.node].id < N[y.node].id ? -1 : 1); });
      var groups = [];
      ordered.forEach(function (p) {
        var xy = toScreen(p.lon, p.lat), r = radius(here(p)), g = null;
        for (var j = 0; j < groups.length && !g; j++) {  // a zone (≈, itself approximate) joins only places at its very point
          var dx = groups[j].c[0] - xy[0], dy = groups[j].c[1] - xy[1], near = Math.max(NEAR, groups[j].r + r + 2);
          var same = groups[j].lat === p.lat && groups[j].lon === p.lon;
          if (same || (!p.approximate && !groups[j].approximate && dx * dx + dy * dy < near * near)) g = groups[j];
        }
        if (!g) groups.push(g = { c: xy, r: r, ps: [], lat: p.lat, lon: p.lon, approximate: p.approximate });
        g.ps.push({ p: p, xy: xy, r: r });
      });
      var at = new Map();
      groups.forEach(function (g) {
        var ps = g.ps, c = g.c, ring = ps[0].p.approximate ? ps : ps.slice(1);
        var away = Math.max(FAN, (ps[0].p.approximate ? 0 : ps[0].r) + Math.max.apply(null, ring.map(function (q) { return q.r; }).concat([0])) + 3);
        if (!ps[0].p.approximate) at.set(ps[0].p.node, c);
        ring.forEach(function (q, j) {
          var a = -Math.PI / 2 + j * 2 * Math.PI / Math.max(ring.length, 1);
          at.set(q.p.node, ps.length === 1 ? c : [c[0] + away * Math.cos(a), c[1] + away * Math.sin(a)]);
        });
        ps.forEach(function (q) { q.p.spot = q.xy; });
      });
      return at;
    }

    // ---------------------------------------------------------- drawing
    function draw() {
      if (!svg || !cam) return;
      land.setAttribute('transform', 'matrix(' + [cam.s, 0, 0, cam.s, cam.x, cam.y].map(function (v) { return v.toFixed(4); }).join(' ') + ')');
      while (marks.firstChild) marks.removeChild(marks.firstChild);
      while (names.firstChild) names.removeChild(names.firstChild);
      shown = M.places.filter(function (p) { return K.visN[p.node]; });
      var at = spots(), taken = [];
      var order = shown.map(function (p) { return { p: p, who: here(p) }; });
      order.sort(function (x, y) { return y.who.length - x.who.length || (N[x.p.node].id < N[y.p.node].id ? -1 : 1); });
      order.forEach(function (o) { drawSpokes(o.p, at); });
      order.forEach(function (o) { drawPlace(o.p, o.who, at, taken); });
      renderHere();
    }
    function drawSpokes(p, at) {
      var xy = at.get(p.node);
      if (xy[0] !== p.spot[0] || xy[1] !== p.spot[1]) {
        marks.appendChild(svgEl('line', { x1: p.spot[0], y1: p.spot[1], x2: xy[0], y2: xy[1], 'class': 'leader' }));
      }
      if (!p.approximate) return;
      (p.placedBy || []).forEach(function (i) {
        var to = at.get(i);
        if (to) marks.appendChild(svgEl('line', { x1: xy[0], y1: xy[1], x2: to[0], y2: to[1],
          'class': 'spoke' + (selected === p.node ? ' on' : ''), 'data-zone': N[p.node].id }));
      });
    }
    function labelFree(bx, taken) {
      for (var i = 0; i < taken.length; i++) {
        var o = taken[i];
        if (bx[0] < o[2] && o[0] < bx[2] && bx[1] < o[3] && o[1] < bx[3]) return false;
      }
      return true;
    }
    function radius(who) { return 6 + 3 * Math.sqrt(who.length); }  // a place's marker: bigger for more there
    function drawPlace(p, who, at, taken) {
      var n = N[p.node], xy = at.get(p.node), r = radius(who);
      var g = svgEl('g', { 'class': 'place' + (p.approximate ? ' approximate' : '') + (selected === p.node ? ' selected' : ''),
        'data-id': n.id, 'data-count': who.length, 'data-approximate': p.approximate ? 'true' : 'false',
        transform: 'translate(' + xy[0].toFixed(1) + ' ' + xy[1].toFixed(1) + ')', tabindex: 0 });
      var t = K.typeInfo(n.type);
      g.appendChild(svgEl('circle', { r: r.toFixed(1), fill: p.approximate ? '#ffffff' : t.color, stroke: p.approximate ? t.border : '#1f2933',
        'stroke-dasharray': p.approximate ? '4 3' : 'none', 'class': 'dot' }));
      if (who.length) g.appendChild(svgEl('text', { 'class': 'count', dy: '0.35em' }, String(who.length)));
      var name = (p.approximate ? '\u2248 ' : '') + n.label, w = name.length * 6.6 + 6;
      var lb = [xy[0] + r + 2, xy[1] - 8, xy[0] + r + 2 + w, xy[1] + 8];
      if (labelFree(lb, taken) || selected === p.node) {
        taken.push(lb);
        names.appendChild(svgEl('text', { 'class': 'name', x: (xy[0] + r + 4).toFixed(1), y: xy[1].toFixed(1), dy: '0.35em',
          'data-id': n.id }, name));
      }
      g.appendChild(svgEl('title', {}, n.label + (p.approximate ? ' (\u2248 approximate)' : '') + ' \u2014 ' + K.humanize(n.type)
        + '\n' + citeText(p) + '\n' + (who.length ? who.length + ' here' + K.whenText() + ': ' + kinds(who) : 'No one shown here' + K.whenText())
        + '\nClick for the dossier'));
      g.addEventListener('click', function (ev) { ev.stopPropagation(); K.select(n.id); });
      g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') K.select(n.id); });
      marks.appendChild(g);
    }
    function renderHere() {
      while (hereEl.firstChild) hereEl.removeChild(hereEl.firstChild);
      var p = selected === null ? null : placeOf.get(selected);
      if (!p || !K.visN[p.node]) { hereEl.hidden = true; return; }
      var who = here(p);
      hereEl.hidden = false;
      hereEl.appendChild(K.el('b', { text: (p.approximate ? '\u2248 ' : '') + N[p.node].label + K.whenText() + ': ' + who.length }));
      var list = K.el('ul', {});
      who.forEach(function (i) { list.appendChild(K.el('li', { dataset: { id: N[i].id } }, K.link(N[i].id))); });
      hereEl.appendChild(list);
    }

    // ---------------------------------------------------------- the dossier's "where"
    function where(i) {
      var p = placeOf.get(i);
      if (!p) return null;
      return K.el('div', { className: 'where' + (p.approximate ? ' approximate' : ''), dataset: { geo: p.approximate ? 'approximate' : 'gazetteer' } },
        'Where: ' + p.lat + ', ' + p.lon + ' \u2014 ' + citeText(p));
    }

    return {
      open: function () { if (!svg) build(); if (!cam) fit(); else draw(); },
      refresh: function () { if (svg && !pane.hidden) draw(); },
      select: function (i) { selected = i; if (svg && !pane.hidden) draw(); },
      fit: function () { if (!svg) build(); fit(); },
      zoom: zoom,
      camera: camera,
      setCamera: setCamera,
      where: where,
      places: function () { return M.places.filter(function (p) { return K.visN[p.node]; }).map(function (p) { return N[p.node].id; }).sort(); },
      at: function (id) {
        var p = M.places.filter(function (q) { return N[q.node].id === id; })[0];
        return p ? here(p).map(function (i) { return N[i].id; }).sort() : [];
      }
    };
  };
})();
