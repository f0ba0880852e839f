/* Peru Nexus explorer: the WebGL renderer for big graphs (sigma.js on a graphology graph).
 * KgWebGL.Network offers the part of vis-network's Network that explorer.js uses (fit, focus, moveTo,
 * getScale, selection, events, redraw, body.nodeIndices/edgeIndices) and stand-ins for its DataSet
 * (update) and DataView (refresh), so the page's logic is the same for both renderers. Nodes and
 * edges are known by their position in the page's arrays, as strings ("0", "1"…): never a fact's id.
 * What is shown is read from the page's masks (visibleNode/visibleEdge) each time sigma draws. */
(function () {
  'use strict';

  var DIM = '#e9ecef';  // explorer.js's dimmed node

  function Items(onChange) {  // a DataSet stand-in: items by position, updates merged in
    this.items = [];
    this.onChange = onChange;
  }
  Items.prototype.update = function (list) {
    var items = this.items;
    (Array.isArray(list) ? list : [list]).forEach(function (x) {
      var cur = items[x.id] || (items[x.id] = {});
      Object.keys(x).forEach(function (k) { cur[k] = x[k]; });
    });
    this.onChange();
  };
  Items.prototype.get = function (id) { return this.items[id]; };

  function colourOf(c) { return typeof c === 'string' ? c : c && (c.background || c.color) || '#9aa3ad'; }
  function pixels(size) { return 1.5 + (size - 7) / 5; }  // vis-network's size (canvas units) → sigma's (pixels)

  function Network(container, data, options) {
    var self = this;
    this.handlers = {};
    this.visibleNode = data.visibleNode; this.visibleEdge = data.visibleEdge;
    this.selection = { nodes: [], edges: [] };
    this.maxLabels = options.maxLabels || 160;
    this.renderer = { renderingActive: false };
    this.nodesDS = new Items(function () { self.redraw(); });
    this.edgesDS = new Items(function () { self.redraw(); });
    this.nodesView = { refresh: function () { self.redraw(); } };
    this.edgesView = this.nodesView;
    var graph = new graphology.Graph({ type: 'directed', multi: true, allowSelfLoops: true });
    data.nodes.forEach(function (n) {
      self.nodesDS.items[n.id] = n;
      graph.addNode(String(n.id), { x: n.x, y: -n.y, size: pixels(n.size), label: n.label, color: colourOf(n.color) });
    });
    data.edges.forEach(function (e) {
      self.edgesDS.items[e.id] = e;
      graph.addDirectedEdgeWithKey(String(e.id), String(e.from), String(e.to), { color: colourOf(e.color), size: 0.5 });
    });
    this.graph = graph;
    this.sigma = new Sigma(graph, container, {
      renderEdgeLabels: false, enableEdgeEvents: false, labelDensity: 0.6, labelGridCellSize: 90,
      labelRenderedSizeThreshold: 4, zIndex: true, defaultEdgeType: 'line', hideEdgesOnMove: true,
      nodeReducer: function (key, attrs) { return self.nodeLook(+key, attrs); },
      edgeReducer: function (key, attrs) { return self.edgeLook(+key, attrs); }
    });
    this.body = {};
    Object.defineProperty(this.body, 'nodeIndices', { get: function () { return self.shown('node'); } });
    Object.defineProperty(this.body, 'edgeIndices', { get: function () { return self.shown('edge'); } });
    this.wire();
  }
  var P = Network.prototype;

  P.nodeLook = function (i, attrs) {
    if (!this.visibleNode(i)) return { hidden: true };
    var item = this.nodesDS.items[i], out = { x: attrs.x, y: attrs.y, label: attrs.label, size: pixels(item.size),
      color: colourOf(item.color), zIndex: 0 };
    if (item.color && item.color.background === DIM) out.label = '';
    if (item.borderWidth > 1) { out.zIndex = 1; out.size *= 1.4; }  // a neighbour of the selection: drawn on top, labelled first
    if (this.selection.nodes.indexOf(i) >= 0) { out.highlighted = true; out.forceLabel = true; out.zIndex = 2; out.size *= 1.4; }
    return out;
  };
  P.edgeLook = function (k, attrs) {
    if (!this.visibleEdge(k)) return { hidden: true };
    var item = this.edgesDS.items[k], out = { color: colourOf(item.color), size: attrs.size };
    if (this.selection.edges.indexOf(k) >= 0) { out.size = 2.5; out.color = '#34495e'; out.zIndex = 1; }
    return out;
  };
  P.shown = function (kind) {
    var out = [], n = kind === 'node' ? this.graph.order : this.graph.size, test = kind === 'node' ? this.visibleNode : this.visibleEdge;
    for (var i = 0; i < n; i++) if (test(i)) out.push(i);
    return out;
  };

  // ------------------------------------------------------------ events, as vis-network names them
  P.on = function (name, fn) { (this.handlers[name] = this.handlers[name] || []).push(fn); };
  P.once = function (name, fn) {
    var self = this, wrapped = function () { self.off(name, wrapped); fn.apply(null, arguments); };
    this.on(name, wrapped);
    if (name === 'afterDrawing') this.sigma.scheduleRender();  // sigma drew already, in its constructor: draw again
  };
  P.off = function (name, fn) { this.handlers[name] = (this.handlers[name] || []).filter(function (f) { return f !== fn; }); };
  P.fire = function (name, params) { (this.handlers[name] || []).slice().forEach(function (fn) { fn(params); }); };
  P.wire = function () {
    var self = this, s = this.sigma;
    s.on('clickNode', function (e) { self.fire('click', { nodes: [+e.node], edges: [] }); });
    s.on('clickEdge', function (e) { self.fire('click', { nodes: [], edges: [+e.edge] }); });
    s.on('clickStage', function () { self.fire('click', { nodes: [], edges: [] }); });
    s.on('doubleClickNode', function (e) { e.preventSigmaDefault(); self.fire('doubleClick', { nodes: [+e.node], edges: [] }); });
    s.on('afterRender', function () { self.fire('afterDrawing', null); });
    s.getCamera().on('updated', function () { self.fire('zoom', {}); });
  };

  // ------------------------------------------------------------ drawing and the camera
  P.redraw = function () { if (!this.renderer.renderingActive) this.sigma.refresh(); };
  P.framed = function (i) {
    var a = this.graph.getNodeAttributes(String(i));
    return this.sigma.viewportToFramedGraph(this.sigma.graphToViewport({ x: a.x, y: a.y }));
  };
  P.fit = function (opts) {
    opts = opts || {};
    var list = opts.nodes || this.shown('node'), x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, self = this;
    if (!list.length) return;
    list.forEach(function (i) {
      var p = self.framed(i);
      x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
    });
    var ratio = Math.max(x1 - x0, y1 - y0) * 1.15, minRatio = opts.maxZoomLevel ? 1 / (opts.maxZoomLevel * 4) : 0.02;
    this.sigma.getCamera().setState({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: Math.max(ratio, minRatio) });
  };
  P.focus = function (i, opts) {
    var p = this.framed(i), scale = opts && opts.scale;
    this.sigma.getCamera().setState({ x: p.x, y: p.y, ratio: scale ? 1 / scale : this.sigma.getCamera().ratio });
  };
  P.getScale = function () { return 1 / this.sigma.getCamera().ratio; };
  P.getViewPosition = function () {  // the centre in the page's coordinates (Python's layout, y down), as vis-network's
    var c = this.sigma.getCamera(), p = this.sigma.viewportToGraph(this.sigma.framedGraphToViewport({ x: c.x, y: c.y }));
    return { x: p.x, y: -p.y };
  };
  P.moveTo = function (opts) {
    var c = this.sigma.getCamera(), state = { x: c.x, y: c.y, ratio: c.ratio };
    if (opts.position) {
      var f = this.sigma.viewportToFramedGraph(this.sigma.graphToViewport({ x: opts.position.x, y: -opts.position.y }));
      state.x = f.x; state.y = f.y;
    }
    if (opts.scale) state.ratio = 1 / opts.scale;
    c.setState(state);
  };
  P.canvas = function () { return this.sigma.getCanvases(); };

  // ------------------------------------------------------------ selection
  P.selectNodes = function (list) { this.selection = { nodes: list.slice(), edges: [] }; this.redraw(); };
  P.selectEdges = function (list) { this.selection = { nodes: [], edges: list.slice() }; this.redraw(); };
  P.setSelection = function (sel) { this.selection = { nodes: (sel.nodes || []).slice(), edges: (sel.edges || []).slice() }; this.redraw(); };
  P.unselectAll = function () { this.selection = { nodes: [], edges: [] }; this.redraw(); };
  P.getSelectedNodes = function () { return this.selection.nodes.slice(); };
  P.getSelectedEdges = function () { return this.selection.edges.slice(); };
  P.labelled = function () { return Array.from(this.sigma.getNodeDisplayedLabels()).map(Number); };

  // ------------------------------------------------------------ what vis-network's physics did: here a no-op
  P.setOptions = function () {};
  P.storePositions = function () {};
  P.stabilize = function () { var self = this; setTimeout(function () { self.fire('stabilized', {}); }, 0); };

  window.KgWebGL = { Network: Network };
})();
