/* The packed layer data (hegang_map/render/payload.py writes it): parsing,
 * per-feature boxes, features grouped by class, and lookups by data row. */
(function (hg) {
  "use strict";

  const HIDDEN = hg.HIDDEN;

  function parsePayload(buffer) {
    const view = new DataView(buffer);
    const headLen = view.getUint32(0, true);
    const head = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headLen)));
    const ctor = { float32: Float32Array, uint32: Uint32Array, uint16: Uint16Array, uint8: Uint8Array };
    const groups = {};
    for (const [name, g] of Object.entries(head.groups)) {
      const out = {}, lv = {};
      for (const [key, [offset, length, dtype]] of Object.entries(g)) {
        const arr = new ctor[dtype](buffer, offset, length);
        const at = key.indexOf("@");
        // "coords@Z" etc.: the group simplified to about a pixel at zoom Z (levels of detail).
        if (at < 0) out[key] = arr;
        else { const z = Number(key.slice(at + 1)); (lv[z] = lv[z] || { z: z })[key.slice(0, at)] = arr; }
      }
      out.levels = Object.values(lv).sort((p, q) => p.z - q.z);
      groups[name] = out;
    }
    for (const g of Object.values(groups)) g.bbox = featureBoxes(g);
    return { origin: head.origin, features: head.features, groups: groups };
  }

  // Per-feature bounding boxes in world units, so drawing can skip what is off screen.
  function featureBoxes(g) {
    const c = g.coords;
    if (!g.parts) return null;
    const n = g.rows.length;
    const box = new Float32Array(n * 4);
    for (let f = 0; f < n; f++) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      const v0 = g.paths[g.parts[f]], v1 = g.paths[g.parts[f + 1]];
      for (let v = v0; v < v1; v++) {
        const x = c[2 * v], y = c[2 * v + 1];
        if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      }
      box[4 * f] = x0; box[4 * f + 1] = y0; box[4 * f + 2] = x1; box[4 * f + 3] = y1;
    }
    return box;
  }

  // Group feature indices of each group by class so each class is one path.
  function classify(rec) {
    rec.byClass = classesOf(rec, rec.data);
    if (rec.detail) rec.detail.byClass = classesOf(rec, rec.detail.data);
    rec.shown = countShown(rec);
  }

  function classesOf(rec, data) {
    const cls = rec.classOf;
    const byClass = {};
    for (const [name, g] of Object.entries(data.groups)) {
      const n = g.rows.length;
      const k = rec.style.symbols.length;
      const counts = new Uint32Array(k + 1);
      for (let i = 0; i < n; i++) {
        const c = cls ? cls[g.rows[i]] : 0;
        counts[c === HIDDEN || c >= k ? k : c]++;
      }
      const start = new Uint32Array(k + 1);
      for (let c = 1; c <= k; c++) start[c] = start[c - 1] + counts[c - 1];
      const fill = start.slice();
      const idx = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        let c = cls ? cls[g.rows[i]] : 0;
        if (c === HIDDEN || c >= k) c = k;
        idx[fill[c]++] = i;
      }
      byClass[name] = { idx: idx, start: start, k: k };
    }
    return byClass;
  }

  function countShown(rec) {
    let max = 0;
    for (const g of Object.values(rec.data.groups)) if (g.rows.length) max = Math.max(max, g.rows[g.rows.length - 1]);
    const mark = new Uint8Array(max + 1);
    let n = 0;
    for (const [name, g] of Object.entries(rec.data.groups)) {
      const bc = rec.byClass[name];
      for (let j = 0; j < bc.start[bc.k]; j++) {
        const row = g.rows[bc.idx[j]];
        if (!mark[row]) { mark[row] = 1; n++; }
      }
    }
    return n;
  }

  // Find the drawn items of one data row in each group: [[group name, group, index]].
  function itemsOfRow(data, row) {
    const found = [];
    for (const [name, g] of Object.entries(data.groups)) {
      // rows are ascending: binary search for the first match.
      let lo = 0, hi = g.rows.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (g.rows[mid] < row) lo = mid + 1; else hi = mid; }
      for (let i = lo; i < g.rows.length && g.rows[i] === row; i++) found.push([name, g, i]);
    }
    return found;
  }

  // World units of ``data`` to canvas pixels of the viewport ``vp``.
  function transformOf(data, vp) {
    return { s: vp.scale, bx: data.origin[0] * vp.scale - vp.ox, by: data.origin[1] * vp.scale - vp.oy };
  }

  // The coarsest level of detail made for this zoom or a higher one; the full geometry otherwise.
  function levelFor(g, zoom) {
    for (const l of g.levels || []) if (zoom <= l.z) return l;
    return g;
  }

  Object.assign(hg, { parsePayload, classify, classesOf, itemsOfRow, transformOf, levelFor });
})(window.hgPage);
