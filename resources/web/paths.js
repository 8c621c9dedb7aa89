/* Lines and polygons: tracing features (culled to the area drawn, at a
 * level of detail), painting them with their symbol, and features smaller
 * than a few pixels drawn as their boxes. */
(function (hg) {
  "use strict";

  const S = hg.state;

  // Lines and polygons at most TINY_PX wide on screen, in a class with at
  // least TINY_MIN features, are not traced: each becomes its pixel box in
  // the outline colour. Many of them are written into one ImageData and
  // blitted once (like dense points); a few are filled as rectangles.
  const TINY_PX = 3, TINY_MIN = 20000;
  let tinyBuf = null;
  function tinyRects(n) {
    if (!tinyBuf || tinyBuf.length < 4 * n) tinyBuf = new Int32Array(4 * Math.max(n, 4096));
    return tinyBuf;
  }

  function drawTiny(ctx, tiny, vp, sym, name) {
    const r = tiny.rects, n = tiny.n;
    const outline = name === "lines" || sym.strokeWidth > 0;
    const colour = name === "lines" ? sym.color : outline ? sym.strokeColor : sym.color;
    const alpha = outline ? 1 : sym.fillOpacity;
    if (n < TINY_MIN || (window.devicePixelRatio || 1) !== 1) {
      ctx.save();
      ctx.globalAlpha *= alpha;
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (let i = 0; i < n; i++) ctx.rect(r[4 * i], r[4 * i + 1], r[4 * i + 2], r[4 * i + 3]);
      ctx.fill();
      ctx.restore();
      return;
    }
    const x0 = Math.max(0, Math.floor(vp.cull[0])), y0 = Math.max(0, Math.floor(vp.cull[1]));
    const x1 = Math.min(vp.w, Math.ceil(vp.cull[2])), y1 = Math.min(vp.h, Math.ceil(vp.cull[3]));
    const bw = x1 - x0, bh = y1 - y0;
    if (bw <= 0 || bh <= 0) return;
    const px = hg.rgba32(colour, alpha);
    const buf = hg.stampArea(bw, bh);
    for (let i = 0; i < n; i++) {
      const ax = Math.max(r[4 * i] - x0, 0), ay = Math.max(r[4 * i + 1] - y0, 0);
      const bx = Math.min(r[4 * i] + r[4 * i + 2] - x0, bw), by = Math.min(r[4 * i + 1] + r[4 * i + 3] - y0, bh);
      for (let y = ay; y < by; y++) buf.fill(px, y * bw + ax, y * bw + bx);
    }
    hg.blitStamps(ctx, x0, y0, bw, bh);
  }

  function paint(ctx, sym, kind) {
    if (kind === "lines") {
      ctx.strokeStyle = sym.color;
      ctx.lineJoin = "round";
      stroke(ctx, sym);
      return;
    }
    const alpha = ctx.globalAlpha;
    ctx.globalAlpha = alpha * sym.fillOpacity;
    ctx.fillStyle = sym.color;
    ctx.fill("evenodd");
    ctx.globalAlpha = alpha;
    if (sym.strokeWidth > 0) {
      ctx.strokeStyle = sym.strokeColor;
      stroke(ctx, sym);
    }
  }

  // Stroke the current path; a dash pattern is in stroke widths (as in exports).
  function stroke(ctx, sym) {
    const width = sym.strokeWidth * S.theme.stroke;
    ctx.lineWidth = width;
    const dashed = hasDash(sym);
    if (dashed) ctx.setLineDash(sym.dash.map(d => d * Math.max(width, 1)));
    ctx.stroke();
    if (dashed) ctx.setLineDash([]);
  }

  function hasDash(sym) { return Array.isArray(sym.dash) && sym.dash.length >= 2 && sym.dash.some(d => d > 0); }

  // Trace features idx[a..b) of a line or polygon group; ``lv`` is the level
  // of detail to take vertices from (the group itself for full detail). With
  // ``tiny``, features at most TINY_PX wide go to ``tiny.rects`` instead.
  // Returns {drawn: features in the cull area, traced: of which given paths}.
  // ``dashed``: every vertex is traced, so that dashes keep their places along the line.
  function tracePaths(ctx, g, idx, a, b, t, vp, closed, lv, tiny, dashed) {
    const L = lv || g;
    const c = L.coords, paths = L.paths, parts = L.parts, box = g.bbox;
    const x0 = (vp.cull[0] - t.bx) / t.s, y0 = (vp.cull[1] - t.by) / t.s;
    const x1 = (vp.cull[2] - t.bx) / t.s, y1 = (vp.cull[3] - t.by) / t.s;
    const px = 1 / t.s;   // one screen pixel in world units
    const small = tiny ? TINY_PX * px : 0;
    let n = 0, traced = 0;
    for (let j = a; j < b; j++) {
      const f = idx[j];
      if (box[4 * f + 2] < x0 || box[4 * f] > x1 || box[4 * f + 3] < y0 || box[4 * f + 1] > y1) continue;
      n++;
      if (box[4 * f + 2] - box[4 * f] <= small && box[4 * f + 3] - box[4 * f + 1] <= small) {
        const sx = Math.floor(box[4 * f] * t.s + t.bx), sy = Math.floor(box[4 * f + 1] * t.s + t.by);
        const r = tiny.rects, k = 4 * tiny.n++;
        r[k] = sx; r[k + 1] = sy;
        r[k + 2] = Math.max(1, Math.ceil(box[4 * f + 2] * t.s + t.bx) - sx);
        r[k + 3] = Math.max(1, Math.ceil(box[4 * f + 3] * t.s + t.by) - sy);
        continue;
      }
      traced++;
      if (box[4 * f + 2] - box[4 * f] < px && box[4 * f + 3] - box[4 * f + 1] < px) {
        // Smaller than a pixel: one pixel, so that no feature vanishes at low zoom.
        ctx.rect(Math.floor(box[4 * f] * t.s + t.bx), Math.floor(box[4 * f + 1] * t.s + t.by), 1, 1);
        continue;
      }
      for (let p = parts[f]; p < parts[f + 1]; p++) {
        const v0 = paths[p], v1 = paths[p + 1];
        let lx = c[2 * v0] * t.s + t.bx, ly = c[2 * v0 + 1] * t.s + t.by;
        ctx.moveTo(lx, ly);
        // A run of vertices all beyond one edge of the area drawn (plus a
        // margin for strokes) is drawn as the straight line from its first
        // to its last vertex: that line and everything between stays beyond
        // the edge, so nothing drawn changes, and a continent's outline
        // costs only the vertices near the view.
        let run = dashed ? 0 : outside(lx, ly, vp.cull), sx = 0, sy = 0, skipped = false;
        for (let v = v0 + 1; v < v1; v++) {
          const x = c[2 * v] * t.s + t.bx, y = c[2 * v + 1] * t.s + t.by;
          const code = dashed ? 0 : outside(x, y, vp.cull);
          if ((run & code) && v < v1 - 1) { run &= code; sx = x; sy = y; skipped = true; continue; }
          if (skipped) { ctx.lineTo(sx, sy); lx = sx; ly = sy; skipped = false; }
          // Vertices closer than half a pixel to the last one change nothing on screen.
          if (Math.abs(x - lx) < 0.5 && Math.abs(y - ly) < 0.5 && v < v1 - 1) continue;
          ctx.lineTo(x, y);
          lx = x; ly = y; run = code;
        }
        if (closed) ctx.closePath();
      }
    }
    return { drawn: n, traced: traced };
  }

  // Which sides of the rectangle ``r`` (with a margin wider than any stroke)
  // the point lies beyond: one bit per side, 0 inside.
  const CULL_MARGIN = 32;
  function outside(x, y, r) {
    return (x < r[0] - CULL_MARGIN ? 1 : 0) | (x > r[2] + CULL_MARGIN ? 2 : 0) |
           (y < r[1] - CULL_MARGIN ? 4 : 0) | (y > r[3] + CULL_MARGIN ? 8 : 0);
  }

  Object.assign(hg, { TINY_MIN, tinyRects, drawTiny, paint, hasDash, tracePaths });
})(window.hgPage);
