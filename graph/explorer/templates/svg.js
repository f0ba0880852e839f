/* Peru Nexus explorer: the graph view as SVG, as drawn now. The nodes and edges vis-network draws
 * (its body: what the filters, the year and the expansions leave), at their positions, with their
 * shape, size and colour (dimmed or not: the colour vis-network draws now, from its body), disputed edges dashed, arrowheads, and the labels the
 * explorer drew (kgExplorer.labelled()), framed as the canvas is. Text goes in as text nodes, and
 * the markup is made by XMLSerializer, so a name is always escaped. */
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var POINTS = {  // unit shapes (radius 1), as vis-network draws them
    diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]], square: [[-1, -1], [1, -1], [1, 1], [-1, 1]],
    triangle: [[0, -1], [0.866, 0.5], [-0.866, 0.5]], hexagon: [[0, -1], [0.866, -0.5], [0.866, 0.5], [0, 1], [-0.866, 0.5], [-0.866, -0.5]],
    star: [[0, -1], [0.225, -0.31], [0.95, -0.31], [0.36, 0.12], [0.59, 0.81], [0, 0.38], [-0.59, 0.81], [-0.36, 0.12], [-0.95, -0.31], [-0.225, -0.31]]
  };

  window.kgSvgExport = function (K) {
    function node(tag, attrs, text) {
      var n = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) n.setAttribute(k, attrs[k]); });
      if (text !== undefined) n.appendChild(document.createTextNode(text));
      return n;
    }
    function num(v) { return Math.round(v * 100) / 100; }
    function shape(kind, x, y, r, fill, stroke) {
      var pts = POINTS[kind];
      if (!pts) return node('circle', { cx: num(x), cy: num(y), r: num(r), fill: fill, stroke: stroke });
      return node('polygon', { points: pts.map(function (p) { return num(x + p[0] * r) + ',' + num(y + p[1] * r); }).join(' '), fill: fill, stroke: stroke });
    }
    function colourOf(c) { return typeof c === 'string' ? { background: c, border: c } : (c || {}); }
    function edgeEl(net, k, pos) {
      var item = K.edges.get(k), e = net.body.edges[k], a = pos[item.from], z = pos[item.to];
      var et = e && e.edgeType, via = item.smooth && et && typeof et._getViaCoordinates === 'function' ? et._getViaCoordinates() : null;
      if (via && !(isFinite(via.x) && isFinite(via.y))) via = null;
      var live = e && e.options && e.options.color, colour = (live && live.color) || (item.color && item.color.color) || '#9aa3ad';
      var d = 'M' + num(a.x) + ' ' + num(a.y) + (via ? ' Q' + num(via.x) + ' ' + num(via.y) + ' ' : ' L') + num(z.x) + ' ' + num(z.y);
      var g = node('g', { 'class': 'edge', 'data-id': K.edgeId(k) });
      g.appendChild(node('path', { d: d, fill: 'none', stroke: colour, 'stroke-width': item.width || 1,
        'stroke-dasharray': item.dashes ? '6 5' : null }));
      var from = via || a, dx = z.x - from.x, dy = z.y - from.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var r = (K.nodes.get(item.to).size || 10) + 1, tipX = z.x - dx / len * r, tipY = z.y - dy / len * r;
      var ux = dx / len, uy = dy / len, s = 7;
      g.appendChild(node('polygon', { fill: colour, points: [[tipX, tipY], [tipX - ux * s * 1.4 - uy * s * 0.6, tipY - uy * s * 1.4 + ux * s * 0.6],
        [tipX - ux * s * 1.4 + uy * s * 0.6, tipY - uy * s * 1.4 - ux * s * 0.6]].map(function (p) { return num(p[0]) + ',' + num(p[1]); }).join(' ') }));
      return g;
    }
    function svgElement() {
      var net = K.network, box = net.body.container, w = box.clientWidth, h = box.clientHeight;
      var tl = net.DOMtoCanvas({ x: 0, y: 0 }), br = net.DOMtoCanvas({ x: w, y: h }), scale = net.getScale();
      var svg = node('svg', { xmlns: NS, width: w, height: h, viewBox: [tl.x, tl.y, br.x - tl.x, br.y - tl.y].map(num).join(' '),
        'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' });
      svg.appendChild(node('title', {}, K.title()));
      svg.appendChild(node('rect', { x: num(tl.x), y: num(tl.y), width: num(br.x - tl.x), height: num(br.y - tl.y), fill: '#ffffff' }));
      var ids = net.body.nodeIndices.slice(), pos = net.getPositions(ids);
      var edges = node('g', { 'class': 'edges' }), nodes = node('g', { 'class': 'nodes' }), labels = node('g', { 'class': 'labels' });
      net.body.edgeIndices.forEach(function (k) { edges.appendChild(edgeEl(net, k, pos)); });
      var chosen = new Set(net.getSelectedNodes());
      ids.forEach(function (i) {
        var item = K.nodes.get(i), b = net.body.nodes[i], c = colourOf(b && b.options ? b.options.color : item.color), p = pos[i];
        var g = node('g', { 'class': 'node' + (chosen.has(i) ? ' selected' : ''), 'data-id': K.drawnId(i) });
        var drawn = shape(item.shape, p.x, p.y, item.size || 10, c.background || '#97c2fc', chosen.has(i) ? '#111111' : c.border || '#2b7ce9');
        drawn.setAttribute('stroke-width', chosen.has(i) ? 3 : item.borderWidth || 1);
        g.appendChild(drawn);
        g.appendChild(node('title', {}, K.label(i)));
        nodes.appendChild(g);
      });
      var px = 12 / scale;
      K.labelled().forEach(function (id) {
        var i = K.visId(id), p = pos[i];
        if (!p) return;
        var y = p.y + (K.nodes.get(i).size || 10) + (12 * 0.8) / scale;
        labels.appendChild(node('text', { x: num(p.x), y: num(y), 'font-size': num(px), 'text-anchor': 'middle', 'dominant-baseline': 'middle',
          fill: '#1f2933', stroke: 'rgba(255,255,255,0.92)', 'stroke-width': num(3 / scale), 'paint-order': 'stroke', 'data-id': id }, K.label(i)));
      });
      K.edgeLabels().forEach(function (kl) {
        var item = K.edges.get(kl[0]), a = pos[item.from], z = pos[item.to];
        if (!a || !z) return;
        labels.appendChild(node('text', { x: num((a.x + z.x) / 2), y: num((a.y + z.y) / 2), 'font-size': num(10 / scale), 'text-anchor': 'middle',
          'dominant-baseline': 'middle', fill: '#52606d', stroke: 'rgba(255,255,255,0.92)', 'stroke-width': num(3 / scale), 'paint-order': 'stroke',
          'class': 'edge-label', 'data-edge': K.edgeId(kl[0]) }, kl[1]));
      });
      svg.appendChild(edges); svg.appendChild(nodes); svg.appendChild(labels);
      return svg;
    }
    return {
      markup: function () { return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svgElement()); }
    };
  };
})();
