/* The one picking rule, for the window (Identify, hover tooltips) and the
 * exported web map (popups) alike: what is under the pointer is what is
 * drawn there.
 *
 * Layers are tried from the top of the drawing order down; hidden layers,
 * the basemap and features of a hidden class are skipped. In a layer,
 * points come first (the nearest whose drawn symbol, plus SLOP pixels,
 * covers the pointer), then lines (within half their stroke plus SLOP),
 * then polygons (the smallest that contains the pointer, even-odd over its
 * rings). Where a large layer draws viewport detail, its lines and
 * polygons are picked from the detail; elsewhere from what the overview draws.
 */
(function (hg) {
  "use strict";

  const S = hg.state;
  const SLOP = 4;   // pixels of grace around what is drawn

  function shownClass(rec, row) {
    const c = rec.classOf ? rec.classOf[row] : 0;
    return c === hg.HIDDEN || c >= rec.style.symbols.length ? -1 : c;
  }

  function segDist2(px, py, ax, ay, bx, by) {
    const dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
    const t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
    const x = ax + t * dx - px, y = ay + t * dy - py;
    return x * x + y * y;
  }

  // Whether feature f of a polygon group contains (px, py), and its area (0 when not).
  function containedArea(g, f, px, py) {
    const c = g.coords;
    let inside = false, area = 0;
    for (let p = g.parts[f]; p < g.parts[f + 1]; p++) {
      const v0 = g.paths[p], v1 = g.paths[p + 1];
      let ring = 0;
      for (let v = v0, w = v1 - 1; v < v1; w = v++) {
        const xi = c[2 * v], yi = c[2 * v + 1], xj = c[2 * w], yj = c[2 * w + 1];
        if ((yi > py) !== (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) inside = !inside;
        ring += (xj - xi) * (yj + yi);
      }
      area += ring / 2;   // holes wind the other way in a valid polygon; the sum is what counts for "smaller"
    }
    return inside ? Math.abs(area) || Number.MIN_VALUE : 0;
  }

  function nearLine(g, f, px, py, tol) {
    const c = g.coords, t2 = tol * tol;
    for (let p = g.parts[f]; p < g.parts[f + 1]; p++) {
      for (let v = g.paths[p]; v < g.paths[p + 1] - 1; v++) {
        if (segDist2(px, py, c[2 * v], c[2 * v + 1], c[2 * v + 2], c[2 * v + 3]) <= t2) return true;
      }
    }
    return false;
  }

  function inBox(g, f, px, py, tol) {
    const b = g.bbox;
    return px >= b[4 * f] - tol && px <= b[4 * f + 2] + tol && py >= b[4 * f + 1] - tol && py <= b[4 * f + 3] + tol;
  }

  // The detail of a large layer where it is drawn at this zoom and covers the place.
  function detailAt(rec, lat, lng, zoom) {
    const d = rec.detail;
    if (!d || !d.byClass || zoom < d.zoom || zoom >= d.zoom + 2) return null;
    const [w, s, e, n] = d.bounds;
    return lat >= s && lat <= n && lng >= w && lng <= e ? d : null;
  }

  function pickPoints(rec, g, px, py, scale) {
    // No symbol reaches farther than the largest: the points outside its
    // square are passed over on two subtractions (a million in a few ms).
    let most = 0;
    for (const s of rec.style.symbols) most = Math.max(most, s.radius || 4);
    const reach = (most * S.theme.radius + SLOP) / scale, xy = g.coords;
    let best = -1, bestD = Infinity;
    for (let i = 0; i < g.rows.length; i++) {
      const dx = xy[2 * i] - px, dy = xy[2 * i + 1] - py;
      if (dx > reach || dx < -reach || dy > reach || dy < -reach) continue;
      const c = shownClass(rec, g.rows[i]);
      if (c < 0) continue;
      const d = Math.hypot(dx, dy) * scale;
      if (d <= (rec.style.symbols[c].radius || 4) * S.theme.radius + SLOP && d < bestD) { bestD = d; best = g.rows[i]; }
    }
    return best;
  }

  function pickLines(rec, g, px, py, scale) {
    const slop = SLOP / scale;
    for (let i = g.rows.length - 1; i >= 0; i--) {
      const c = shownClass(rec, g.rows[i]);
      if (c < 0) continue;
      const tol = ((rec.style.symbols[c].strokeWidth || 1) * S.theme.stroke / 2) / scale + slop;
      if (inBox(g, i, px, py, tol) && nearLine(g, i, px, py, tol)) return g.rows[i];
    }
    return -1;
  }

  function pickPolygons(rec, g, px, py) {
    let best = -1, bestArea = Infinity;
    for (let i = 0; i < g.rows.length; i++) {
      if (shownClass(rec, g.rows[i]) < 0 || !inBox(g, i, px, py, 0)) continue;
      const area = containedArea(g, i, px, py);
      if (area && area < bestArea) { bestArea = area; best = g.rows[i]; }
    }
    return best;
  }

  // The top-most drawn feature at (lat, lng): {id, row} or null.
  function pick(lat, lng) {
    const map = S.map, zoom = map.getZoom(), scale = Math.pow(2, zoom);
    const world = map.project([lat, lng], 0);
    for (const id of S.order.slice().reverse()) {
      const rec = S.layers.get(id);
      if (!rec || rec.basemap || !rec.visible || !rec.data || !rec.byClass) continue;
      const detail = detailAt(rec, lat, lng, zoom);
      // The detail has no points: they are always the overview's.
      const sources = [[rec.data, ["points"]], [detail ? detail.data : rec.data, ["lines", "polygons"]]];
      for (const [data, kinds] of sources) {
        const px = world.x - data.origin[0], py = world.y - data.origin[1];
        for (const kind of kinds) {
          const g = data.groups[kind];
          if (!g || !g.rows.length) continue;
          const row = kind === "points" ? pickPoints(rec, g, px, py, scale)
            : kind === "lines" ? pickLines(rec, g, px, py, scale) : pickPolygons(rec, g, px, py);
          if (row >= 0) return { id: id, row: row };
        }
      }
    }
    return null;
  }

  hg.pick = pick;
})(window.hgPage);
