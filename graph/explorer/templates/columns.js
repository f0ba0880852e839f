/* Peru Nexus explorer: the page's data arrives as columns (graph/explorer/columns.py says how) and
 * kgRecords turns them into the records the page's code reads: D.nodes and D.edges as arrays of objects,
 * each with only the fields that say something, and D.timeline.items. Strings repeated across records
 * (types, predicates, sources, claimants...) travel once, in D.strings; a record's time (dates, the span
 * of years from graph/builder/time.py, its words) is a row of D.times, shared by every record that has
 * it (never changed); each distinct citation is one object, shared likewise. Ids stay data: records
 * are array items, fields are fixed names, and no id is ever used as an object key. */
var kgRecords = (function () {
  'use strict';

  function citations(C, S) {  // the citation rows as objects
    var fields = Object.keys(C).filter(function (k) { return k !== 'interned'; });
    var interned = new Set(C.interned || []);
    var count = fields.length ? C[fields[0]].length : 0, out = new Array(count);
    for (var i = 0; i < count; i++) {
      var row = {};
      for (var f = 0; f < fields.length; f++) {
        var v = C[fields[f]][i];
        if (v !== null) row[fields[f]] = interned.has(fields[f]) ? S[v] : v;
      }
      out[i] = row;
    }
    return out;
  }

  function rows(cols, D, cites, interned) {  // one kind's records: the columns' values, the time row's, the extras
    var S = D.strings, T = D.times, n = cols.id.length, out = new Array(n);
    var fields = Object.keys(cols).filter(function (k) { return k !== 'extra' && k !== 'time' && k !== 'cites'; });
    var strung = fields.map(function (k) { return interned.indexOf(k) >= 0; });
    var columns = fields.map(function (k) { return cols[k]; });
    for (var i = 0; i < n; i++) {
      var row = {};
      for (var f = 0; f < fields.length; f++) {
        var v = columns[f][i];
        if (v !== null) row[fields[f]] = strung[f] ? S[v] : v;
      }
      var ref = cols.cites[i];
      if (ref !== null) row.citations = typeof ref === 'number' ? [cites[ref]] : ref.map(function (r) { return cites[r]; });
      var t = T[cols.time[i]];
      for (var k in t) if (k !== 'item' && Object.prototype.hasOwnProperty.call(t, k)) row[k] = t[k];
      out[i] = row;
    }
    cols.extra.forEach(function (pair) { Object.assign(out[pair[0]], pair[1]); });
    return out;
  }

  function timeline(D, nodes, edges) {  // each node's, then each edge's, place on the timeline (from its time row)
    var T = D.times, dated = D.timeline.dated, out = [];
    [['node', D.nodes], ['edge', D.edges]].forEach(function (kind) {
      var cols = kind[1], times = cols.time;
      for (var i = 0; i < times.length; i++) {
        var at = T[times[i]].item;
        if (!at) continue;
        var item = {};
        item[kind[0]] = i;
        Object.assign(item, at);
        if (!item.group) item.group = dated[kind[0]];
        if (kind[0] === 'node') item.content = cols.label[i];
        out.push(item);
      }
    });
    return out;
  }

  return function kgRecords(D) {
    var cites = citations(D.cites, D.strings);
    var nodes = rows(D.nodes, D, cites, ['type']);
    var edges = rows(D.edges, D, cites, ['predicate', 'label', 'status', 'modality']);
    for (var i = 0; i < edges.length; i++) { edges[i].from = nodes[edges[i].from].id; edges[i].to = nodes[edges[i].to].id; }
    D.timeline.items = timeline(D, nodes, edges);
    D.nodes = nodes; D.edges = edges;
    return D;
  };
})();
