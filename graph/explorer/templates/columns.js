/* Peru Nexus explorer: the page's data arrives as columns (graph/explorer/columns.py says how) and
 * kgRecords turns them into the records the page's code reads: D.nodes and D.edges as arrays of objects,
 * each with only the fields that say something (an edge's ends both as ids, from/to, and as positions in
 * D.nodes, u/v), and D.timeline.items. Strings repeated across records
 * (types, predicates, sources, claimants...) travel once, in D.strings; a record's time (dates, the span
 * of years from graph/builder/time.py, its words) is a row of D.times, shared by every record that has
 * it (never changed); the citations are one table, the nodes' then the edges', each record saying how
 * many are its own. Ids stay data: records are array items, fields are fixed names, and no id is ever
 * used as an object key. */
var kgRecords = (function () {
  'use strict';

  function citations(C, S) {  // the citation rows as objects
    var fields = Object.keys(C).filter(function (k) { return k !== 'interned'; });
    var strung = fields.map(function (k) { return C.interned.indexOf(k) >= 0; });
    var columns = fields.map(function (k) { return C[k]; });
    var count = fields.length ? columns[0].length : 0, out = new Array(count);
    for (var i = 0; i < count; i++) {
      var row = {};
      for (var f = 0; f < fields.length; f++) {
        var v = columns[f][i];
        if (v !== null) row[fields[f]] = strung[f] ? S[v] : v;
      }
      out[i] = row;
    }
    return out;
  }

  function timeFields(T) {  // per time row, its fields but the timeline's item
    return T.map(function (t) { return Object.keys(t).filter(function (k) { return k !== 'item'; }); });
  }

  // one kind's records: the columns' values, the time row's fields, the citations from row `at` on, the sparse fields
  function rows(cols, D, cites, at, interned, timeKeys) {
    var S = D.strings, T = D.times, n = cols.id.length, out = new Array(n);
    var fields = Object.keys(cols).filter(function (k) { return k !== 'sparse' && k !== 'time' && k !== 'cites'; });
    var strung = fields.map(function (k) { return interned.indexOf(k) >= 0; });
    var columns = fields.map(function (k) { return cols[k]; });
    var counts = cols.cites, times = cols.time;
    for (var i = 0; i < n; i++) {
      var row = {};
      for (var f = 0; f < fields.length; f++) {
        var v = columns[f][i];
        if (v !== null) row[fields[f]] = strung[f] ? S[v] : v;
      }
      if (counts[i]) { row.citations = cites.slice(at, at + counts[i]); at += counts[i]; }
      var t = T[times[i]], keys = timeKeys[times[i]];
      for (var k = 0; k < keys.length; k++) row[keys[k]] = t[keys[k]];
      out[i] = row;
    }
    Object.keys(cols.sparse).forEach(function (name) {
      cols.sparse[name].forEach(function (pair) { out[pair[0]][name] = pair[1]; });
    });
    return out;
  }

  function timeline(D) {  // each node's, then each edge's, place on the timeline (from its time row)
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

  function sum(list) { var s = 0; for (var i = 0; i < list.length; i++) s += list[i]; return s; }

  return function kgRecords(D) {
    var cites = citations(D.cites, D.strings), timeKeys = timeFields(D.times);
    var nodes = rows(D.nodes, D, cites, 0, D.interned.nodes, timeKeys);
    var edges = rows(D.edges, D, cites, sum(D.nodes.cites), D.interned.edges, timeKeys);
    for (var i = 0; i < edges.length; i++) {  // u, v: the ends' positions; from, to: their ids
      var e = edges[i];
      e.u = e.from; e.v = e.to; e.from = nodes[e.u].id; e.to = nodes[e.v].id;
    }
    D.timeline.items = timeline(D);
    D.nodes = nodes; D.edges = edges;
    return D;
  };
})();
