/* Peru Nexus explorer: the renderer of big graphs, one 2D canvas drawn by this script.
 * KgCanvas.Network offers the part of vis-network's Network that explorer.js uses (fit, focus, moveTo,
 * getScale, getViewPosition, selection, events, redraw, body.nodeIndices/edgeIndices, DOMtoCanvas) and
 * stand-ins for its DataSet (update, get) and DataView (refresh), so the page's logic is the same for
 * both renderers. Nodes and edges are known by their position in the page's arrays, never by a fact's id.
 * What is shown is read from the page's masks (visibleNode/visibleEdge) each time it draws.
 * Why not WebGL: without a GPU (headless chromium, many office machines' remote desktops) WebGL runs on
 * SwiftShader, on the CPU, and a frame of 5,000 nodes and 22,000 edges took seconds; a 2D canvas that
 * strokes all edges of one colour as one path and fills all nodes of one colour as one path draws
 * the same frame in tens of milliseconds, with or without a GPU. */
(function () {
  'use strict';

  var FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
  var LABEL_PX = 11, PAD = 0.92, MOVE_TOLERANCE = 3, HALF_RES_FROM = 4000, THIRD_RES_FROM = 10000;
  var PICTURES = 3;  // the pictures of the last cameras kept (each two canvases of the page's size)

  function Items(onChange) {  // a DataSet stand-in: items by position, updates merged in
    this.items = [];
    this.onChange = onChange;
  }
  Items.prototype.update = function (list) {  // onChange(true) when a size or a fill changed (what the kept pictures show)
    var items = this.items, looks = false;
    (Array.isArray(list) ? list : [list]).forEach(function (x) {
      var cur = items[x.id] || (items[x.id] = {});
      if (('size' in x && x.size !== cur.size) || ('color' in x && colourOf(x.color) !== colourOf(cur.color))) looks = true;
      Object.keys(x).forEach(function (k) { cur[k] = x[k]; });
    });
    this.onChange(looks);
  };
  Items.prototype.get = function (id) { return id === undefined ? this.items.slice() : this.items[id]; };

  function colourOf(c) { return typeof c === 'string' ? c : c && (c.background || c.color) || '#9aa3ad'; }
  function push(map, key, values) {
    var list = map.get(key);
    if (!list) map.set(key, list = []);
    for (var i = 0; i < values.length; i++) list.push(values[i]);
  }

  function Network(container, data, options) {
    var self = this;
    this.container = container;
    this.handlers = {};
    this.visibleNode = data.visibleNode; this.visibleEdge = data.visibleEdge;
    this.selection = { nodes: [], edges: [] };
    this.maxLabels = (options && options.maxLabels) || 160;
    this.renderer = { renderingActive: false };
    this.version = 0; this.pictures = [];  // what the kept pictures were drawn from: bumped when a look or a mask changes
    this.nodesDS = new Items(function (looks) { if (looks) { self.rank = null; self.version++; } self.redraw(); });
    this.edgesDS = new Items(function () { self.version++; self.redraw(); });
    this.nodesView = { refresh: function () { self.version++; self.redraw(); } };
    this.edgesView = this.nodesView;
    var n = data.nodes.length, m = data.edges.length;
    this.x = new Float64Array(n); this.y = new Float64Array(n);
    this.from = new Int32Array(m); this.to = new Int32Array(m);
    data.nodes.forEach(function (item) { self.nodesDS.items[item.id] = item; self.x[item.id] = item.x; self.y[item.id] = item.y; });
    data.edges.forEach(function (item) { self.edgesDS.items[item.id] = item; self.from[item.id] = item.from; self.to[item.id] = item.to; });
    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'display:block;width:100%;height:100%;outline:none';
    container.appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d');
    this.cam = { x: 0, y: 0, s: 1 };
    this.rank = null; this.shownLabels = []; this.widths = new Map(); this.moving = false; this.frame = null;
    this.body = { container: container, nodes: {}, edges: {} };
    Object.defineProperty(this.body, 'nodeIndices', { get: function () { return self.shown('node'); } });
    Object.defineProperty(this.body, 'edgeIndices', { get: function () { return self.shown('edge'); } });
    this.setSize();
    this.cam = this.fitted({ maxZoomLevel: (options && options.maxZoomLevel) || 2.2 }) || this.cam;  // opens fitted: one first frame
    this.wire();
    if (window.ResizeObserver) new ResizeObserver(function () { if (self.setSize()) self.redraw(); }).observe(container);
  }
  var P = Network.prototype;

  P.shown = function (kind) {
    var out = [], n = kind === 'node' ? this.x.length : this.from.length, test = kind === 'node' ? this.visibleNode : this.visibleEdge;
    for (var i = 0; i < n; i++) if (test(i)) out.push(i);
    return out;
  };
  P.setSize = function () {  // the canvas matched to its box (device pixels); true when that changed
    var w = this.container.clientWidth || 1, h = this.container.clientHeight || 1, dpr = window.devicePixelRatio || 1;
    if (w === this.w && h === this.h && dpr === this.dpr) return false;
    this.w = w; this.h = h; this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr); this.canvas.height = Math.round(h * dpr);
    return true;
  };

  // ------------------------------------------------------------ drawing
  P.radius = function (i) {  // on screen, in pixels: the node's size (vis-network's canvas units) at this zoom
    return Math.max(1.5, (this.nodesDS.items[i].size || 10) * this.cam.s);
  };
  P.screen = function (i) {
    var c = this.cam;
    return [(this.x[i] - c.x) * c.s + this.w / 2, (this.y[i] - c.y) * c.s + this.h / 2];
  };
  P.redraw = function () { if (!this.renderer.renderingActive) this.draw(); };
  P.scheduleDraw = function () {
    var self = this;
    if (this.frame === null) this.frame = requestAnimationFrame(function () { self.frame = null; self.draw(); });
  };
  // A frame: the lines and the plain nodes come from a picture kept for this camera (and these masks and
  // looks), drawn when the camera first comes there; a selection changes only what is drawn over it (a
  // selected entity's lines, the selection and its neighbours on top, the labels). Each part is drawn as
  // it always was: the lines at a fraction of the pixels, then the dark lines, then the nodes, then the
  // front nodes (larger, over their plain selves) and the labels.
  P.draw = function () {
    if (this.frame !== null) { cancelAnimationFrame(this.frame); this.frame = null; }
    var ctx = this.ctx;
    if (this.moving) {  // while dragged: the nodes alone, drawn straight onto the page's canvas
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.fillStyle = '#ffffff'; ctx.fillRect(0, 0, this.w, this.h);
      this.drawPlainNodes(ctx);
    } else {
      var pic = this.picture();
      ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.drawImage(pic.lines, 0, 0);
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0); this.drawStrong(ctx);
      ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.drawImage(pic.nodes, 0, 0);
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    }
    this.drawFront(ctx);
    this.drawLabels(ctx);
    this.fire('afterDrawing', ctx);
  };
  P.picture = function () {  // the kept picture for the camera now, drawn when not kept (the oldest one's canvases reused)
    var c = this.cam, key = [c.x, c.y, c.s, this.w, this.h, this.dpr, this.version].join(' '), list = this.pictures;
    for (var n = 0; n < list.length; n++) {
      if (list[n].key === key) { var hit = list.splice(n, 1)[0]; list.unshift(hit); return hit; }
    }
    var pic = list.length >= PICTURES ? list.pop() : { lines: document.createElement('canvas'), nodes: document.createElement('canvas') };
    pic.key = key;
    var lines = this.blank(pic.lines), nodes = this.blank(pic.nodes);
    lines.fillStyle = '#ffffff'; lines.fillRect(0, 0, this.w, this.h);
    this.drawEdges(lines);
    this.drawPlainNodes(nodes);
    list.unshift(pic);
    return pic;
  };
  P.blank = function (canvas) {  // a canvas of the page's canvas's size, cleared, in the page's coordinates
    var w = this.canvas.width, h = this.canvas.height;
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    var ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.clearRect(0, 0, w, h);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    return ctx;
  };
  P.offScreen = function (ax, ay, bx, by) {
    return (ax < 0 && bx < 0) || (ax > this.w && bx > this.w) || (ay < 0 && by < 0) || (ay > this.h && by > this.h);
  };
  P.drawEdges = function (ctx) {  // every shown line on screen, one path per colour
    var c = this.cam, s = c.s, ox = this.w / 2 - c.x * s, oy = this.h / 2 - c.y * s, byColour = new Map(), many = 0;
    for (var k = 0; k < this.from.length; k++) {
      if (!this.visibleEdge(k)) continue;
      var a = this.from[k], b = this.to[k];
      var ax = this.x[a] * s + ox, ay = this.y[a] * s + oy, bx = this.x[b] * s + ox, by = this.y[b] * s + oy;
      if (this.offScreen(ax, ay, bx, by)) continue;
      var colour = colourOf(this.edgesDS.items[k].color), list = byColour.get(colour);
      if (!list) byColour.set(colour, list = []);
      list.push(ax, ay, bx, by);  // four numbers, no array of its own per line (22,000 of them a frame)
      many++;
    }
    // thousands of lines: drawn at half the pixels (over ten thousand, a third): the lines' pixels are the frame's cost
    var layer = many > HALF_RES_FROM ? this.halfLayer(many > THIRD_RES_FROM ? 3 : 2) : ctx;
    layer.lineWidth = Math.max(0.4, Math.min(1, s * 2));
    byColour.forEach(function (xy, colour) { stroke(layer, xy, colour); });
    if (layer !== ctx) ctx.drawImage(layer.canvas, 0, 0, this.w, this.h);
  };
  P.incident = function (i) {  // the edges at node i (their positions), the lists made when first asked
    if (!this.starts) {
      var n = this.x.length, m = this.from.length, starts = new Int32Array(n + 1), fill, list = new Int32Array(2 * m);
      for (var k = 0; k < m; k++) { starts[this.from[k] + 1]++; starts[this.to[k] + 1]++; }
      for (var j = 0; j < n; j++) starts[j + 1] += starts[j];
      fill = starts.slice(0, n);
      for (k = 0; k < m; k++) { list[fill[this.from[k]]++] = k; list[fill[this.to[k]]++] = k; }
      this.starts = starts; this.list = list;
    }
    return this.list.subarray(this.starts[i], this.starts[i + 1]);
  };
  P.drawStrong = function (ctx) {  // the selected lines, or a selected entity's lines: dark, over the rest
    var c = this.cam, s = c.s, ox = this.w / 2 - c.x * s, oy = this.h / 2 - c.y * s, self = this, strong = [], seen = new Set();
    var ks = this.selection.edges.slice();
    if (this.selection.nodes.length === 1) Array.prototype.push.apply(ks, this.incident(this.selection.nodes[0]));
    ks.sort(function (p, q) { return p - q; }).forEach(function (k) {
      if (seen.has(k) || !self.visibleEdge(k)) return;
      seen.add(k);
      var a = self.from[k], b = self.to[k];
      var ax = self.x[a] * s + ox, ay = self.y[a] * s + oy, bx = self.x[b] * s + ox, by = self.y[b] * s + oy;
      if (!self.offScreen(ax, ay, bx, by)) strong.push(ax, ay, bx, by);
    });
    if (strong.length) { ctx.lineWidth = this.selection.edges.length ? 2.5 : 1.5; stroke(ctx, strong, '#34495e'); }
  };
  P.halfLayer = function (by) {  // an offscreen canvas of a half (a third...) the size, cleared, in the page's coordinates
    var c = this.half || (this.half = document.createElement('canvas'));
    var w = Math.max(1, Math.round(this.w * this.dpr / by)), h = Math.max(1, Math.round(this.h * this.dpr / by));
    if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
    var ctx = c.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.clearRect(0, 0, w, h);
    ctx.setTransform(w / this.w, 0, 0, h / this.h, 0, 0);
    return ctx;
  };
  function stroke(ctx, xy, colour) {
    ctx.beginPath();
    for (var j = 0; j < xy.length; j += 4) { ctx.moveTo(xy[j], xy[j + 1]); ctx.lineTo(xy[j + 2], xy[j + 3]); }
    ctx.strokeStyle = colour; ctx.stroke();
  }
  P.onScreen = function (i) {  // [x, y, r] on screen, or null when off it
    var p = this.screen(i), r = this.radius(i);
    return p[0] + r < 0 || p[0] - r > this.w || p[1] + r < 0 || p[1] - r > this.h ? null : [p[0], p[1], r];
  };
  P.drawPlainNodes = function (ctx) {  // every shown node on screen as a disc of its colour
    var byColour = new Map();
    for (var i = 0; i < this.x.length; i++) {
      var p = this.visibleNode(i) && this.onScreen(i);
      if (p) push(byColour, colourOf(this.nodesDS.items[i].color), p);
    }
    // each disc filled on its own: one path of thousands of discs, spread over the whole canvas, fills slower
    // in the software raster (measured: a frame's nodes at 5,000 about a third faster)
    byColour.forEach(function (xyr, colour) {
      ctx.fillStyle = colour;
      for (var j = 0; j < xyr.length; j += 3) { ctx.beginPath(); ctx.arc(xyr[j], xyr[j + 1], xyr[j + 2], 0, 2 * Math.PI); ctx.fill(); }
    });
  };
  P.drawFront = function (ctx) {  // the selection and its neighbours: on top of their plain discs, larger, outlined
    var chosen = new Set(this.selection.nodes), items = this.nodesDS.items, front = [], self = this;
    for (var i = 0; i < this.x.length; i++) {
      if ((chosen.has(i) || items[i].borderWidth > 1) && this.visibleNode(i) && this.onScreen(i)) front.push(i);
    }
    front.sort(function (a, b) { return (chosen.has(a) ? 1 : 0) - (chosen.has(b) ? 1 : 0) || a - b; });
    front.forEach(function (i) {
      var p = self.screen(i), big = chosen.has(i), r = self.radius(i) * (big ? 1.6 : 1.3) + 1, item = items[i];
      ctx.beginPath(); ctx.arc(p[0], p[1], r, 0, 2 * Math.PI);
      ctx.fillStyle = colourOf(item.color); ctx.fill();
      ctx.lineWidth = big ? 3 : 1.5; ctx.strokeStyle = '#111111'; ctx.stroke();
    });
  };

  // ------------------------------------------------------------ labels: the biggest first, never overlapping
  P.ranked = function () {
    if (this.rank) return this.rank;
    var items = this.nodesDS.items, order = [];
    for (var i = 0; i < this.x.length; i++) order.push(i);
    order.sort(function (a, b) { return (items[b].size || 0) - (items[a].size || 0) || a - b; });
    return (this.rank = order);
  };
  P.textWidth = function (ctx, text) {
    if (!this.widths.has(text)) this.widths.set(text, ctx.measureText(text).width);
    return this.widths.get(text);
  };
  P.drawLabels = function (ctx) {
    var self = this, placed = [], boxes = new Map(), CELL = 64, seen = new Set(), w = this.w, h = this.h;
    function cells(b, fn) {
      for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++)
        for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) if (fn(cx + ',' + cy) === false) return false;
      return true;
    }
    function free(b) {
      return cells(b, function (key) {
        var list = boxes.get(key) || [];
        for (var j = 0; j < list.length; j++) { var o = list[j]; if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false; }
        return true;
      });
    }
    function take(b) { cells(b, function (key) { push(boxes, key, [b]); }); }
    ctx.font = LABEL_PX + 'px ' + FONT; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
    ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,0.92)'; ctx.fillStyle = '#1f2933';
    function tryLabel(i) {
      if (seen.has(i) || !self.visibleNode(i)) return;
      seen.add(i);
      var item = self.nodesDS.items[i], text = item.label;
      if (!text || (item.color && item.color.background === '#e9ecef')) return;  // a dimmed node keeps quiet
      var p = self.screen(i), r = self.radius(i);
      if (p[0] < 0 || p[0] > w || p[1] < 0 || p[1] > h) return;
      // a first look with the width guessed from the length (measuring thousands of labels that will not
      // fit cost more than drawing the edges); only a label with room is measured, then looked at again
      var guess = text.length * LABEL_PX * 0.58, y = p[1] + r + LABEL_PX * 0.8;
      if (!free([p[0] - guess / 2 - 2, y - LABEL_PX * 0.65, p[0] + guess / 2 + 2, y + LABEL_PX * 0.65])) return;
      var tw = self.textWidth(ctx, text);
      var b = [p[0] - tw / 2 - 2, y - LABEL_PX * 0.65, p[0] + tw / 2 + 2, y + LABEL_PX * 0.65];
      if (tw > guess && !free(b)) return;
      take(b); take([p[0] - r, p[1] - r, p[0] + r, p[1] + r]);
      ctx.strokeText(text, p[0], y); ctx.fillText(text, p[0], y);
      placed.push(i);
    }
    this.selection.nodes.forEach(tryLabel);
    var order = this.ranked(), items = this.nodesDS.items;
    for (var e = 0; e < order.length && placed.length < this.maxLabels; e++) if (items[order[e]].borderWidth > 1) tryLabel(order[e]);
    for (var n = 0, tried = 0; n < order.length && placed.length < this.maxLabels && tried < 4000; n++) {
      if (!seen.has(order[n]) && this.visibleNode(order[n])) tried++;
      tryLabel(order[n]);
    }
    this.shownLabels = placed;
  };
  P.labelled = function () { return this.shownLabels.slice(); };

  // ------------------------------------------------------------ events, as vis-network names them
  P.on = function (name, fn) { (this.handlers[name] = this.handlers[name] || []).push(fn); };
  P.once = function (name, fn) {
    var self = this, wrapped = function () { self.off(name, wrapped); fn.apply(null, arguments); };
    this.on(name, wrapped);
    if (name === 'afterDrawing') this.scheduleDraw();
  };
  P.off = function (name, fn) { this.handlers[name] = (this.handlers[name] || []).filter(function (f) { return f !== fn; }); };
  P.fire = function (name, params) { (this.handlers[name] || []).slice().forEach(function (fn) { fn(params); }); };
  P.nodeAt = function (px, py) {  // the node under a point on screen: the front ones first, then the nearest
    var best = -1, bestD = Infinity, chosen = new Set(this.selection.nodes);
    for (var i = 0; i < this.x.length; i++) {
      if (!this.visibleNode(i)) continue;
      var p = this.screen(i), r = this.radius(i) + 3, dx = p[0] - px, dy = p[1] - py, d = dx * dx + dy * dy;
      if (d > r * r) continue;
      if (chosen.has(i) || this.nodesDS.items[i].borderWidth > 1) d -= 1e6;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  };
  P.point = function (ev) { var r = this.canvas.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; };
  P.wire = function () {
    var self = this, canvas = this.canvas, down = null;
    canvas.addEventListener('mousedown', function (ev) {
      if (ev.button !== 0) return;
      down = { p: self.point(ev), cam: { x: self.cam.x, y: self.cam.y, s: self.cam.s }, dragged: false };
    });
    window.addEventListener('mousemove', function (ev) {
      if (!down) return;
      var p = self.point(ev), dx = p[0] - down.p[0], dy = p[1] - down.p[1];
      if (!down.dragged && dx * dx + dy * dy < MOVE_TOLERANCE * MOVE_TOLERANCE) return;
      down.dragged = true; self.moving = true;
      self.cam.x = down.cam.x - dx / self.cam.s; self.cam.y = down.cam.y - dy / self.cam.s;
      self.scheduleDraw();
    });
    window.addEventListener('mouseup', function (ev) {
      if (!down) return;
      var was = down; down = null;
      if (was.dragged) { self.moving = false; self.draw(); self.fire('dragEnd', {}); return; }
      var p = self.point(ev), i = self.nodeAt(p[0], p[1]);
      self.fire('click', { nodes: i >= 0 ? [i] : [], edges: [], pointer: { DOM: { x: p[0], y: p[1] } } });
    });
    canvas.addEventListener('dblclick', function (ev) {
      var p = self.point(ev), i = self.nodeAt(p[0], p[1]);
      self.fire('doubleClick', { nodes: i >= 0 ? [i] : [], edges: [] });
    });
    canvas.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var p = self.point(ev);
      self.zoomAt(Math.exp(-ev.deltaY * 0.0015), p[0], p[1]);
      self.scheduleDraw();
      self.fire('zoom', {});
    }, { passive: false });
  };

  // ------------------------------------------------------------ the camera (vis-network's: a centre in the layout's
  // coordinates and a scale)
  P.zoomAt = function (by, px, py) {
    var before = this.DOMtoCanvas({ x: px, y: py });
    this.cam.s = Math.min(Math.max(this.cam.s * by, 1e-4), 20);
    var after = this.DOMtoCanvas({ x: px, y: py });
    this.cam.x += before.x - after.x; this.cam.y += before.y - after.y;
  };
  P.DOMtoCanvas = function (p) { return { x: (p.x - this.w / 2) / this.cam.s + this.cam.x, y: (p.y - this.h / 2) / this.cam.s + this.cam.y }; };
  P.canvasToDOM = function (p) { return { x: (p.x - this.cam.x) * this.cam.s + this.w / 2, y: (p.y - this.cam.y) * this.cam.s + this.h / 2 }; };
  P.getPositions = function (ids) {
    var out = {}, self = this;
    (ids || this.shown('node')).forEach(function (i) { out[i] = { x: self.x[i], y: self.y[i] }; });
    return out;
  };
  P.fitted = function (opts) {  // the camera that frames opts.nodes (default: what is shown), or null
    opts = opts || {};
    var list = opts.nodes || this.shown('node'), x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, self = this;
    if (!list.length) return null;
    this.setSize();
    list.forEach(function (i) {
      var r = self.nodesDS.items[i].size || 10;
      x0 = Math.min(x0, self.x[i] - r); x1 = Math.max(x1, self.x[i] + r); y0 = Math.min(y0, self.y[i] - r); y1 = Math.max(y1, self.y[i] + r);
    });
    var s = Math.min(this.w / Math.max(x1 - x0, 1), this.h / Math.max(y1 - y0, 1)) * PAD;
    return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, s: opts.maxZoomLevel ? Math.min(s, opts.maxZoomLevel) : s };
  };
  P.fit = function (opts) {  // drawn again only when the camera moves
    var cam = this.fitted(opts), c = this.cam;
    if (!cam || (cam.x === c.x && cam.y === c.y && cam.s === c.s)) return;
    this.cam = cam;
    this.redraw();
  };
  P.focus = function (i, opts) {
    this.cam = { x: this.x[i], y: this.y[i], s: opts && opts.scale ? opts.scale : this.cam.s };
    this.redraw();
  };
  P.getScale = function () { return this.cam.s; };
  P.getViewPosition = function () { return { x: this.cam.x, y: this.cam.y }; };
  P.moveTo = function (opts) {
    if (opts.position) { this.cam.x = opts.position.x; this.cam.y = opts.position.y; }
    if (opts.scale) this.cam.s = opts.scale;
    this.redraw();
  };

  // ------------------------------------------------------------ selection
  P.selectNodes = function (list) { this.selection = { nodes: list.slice(), edges: [] }; this.redraw(); };
  P.selectEdges = function (list) { this.selection = { nodes: [], edges: list.slice() }; this.redraw(); };
  P.setSelection = function (sel) { this.selection = { nodes: (sel.nodes || []).slice(), edges: (sel.edges || []).slice() }; this.redraw(); };
  P.unselectAll = function () { this.selection = { nodes: [], edges: [] }; this.redraw(); };
  P.getSelectedNodes = function () { return this.selection.nodes.slice(); };
  P.getSelectedEdges = function () { return this.selection.edges.slice(); };

  // ------------------------------------------------------------ what vis-network's physics did: here a no-op
  P.setOptions = function () {};
  P.storePositions = function () {};
  P.stabilize = function () { var self = this; setTimeout(function () { self.fire('stabilized', {}); }, 0); };

  window.KgCanvas = { Network: Network };
})();
