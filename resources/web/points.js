/* Points: each symbol rendered once as a sprite and blitted per point;
 * dense classes stamped into one ImageData and put on the canvas at once. */
(function (hg) {
  "use strict";

  const S = hg.state;
  S.stamped = 0;   // classes drawn as one stamped ImageData so far

  // "#rrggbb" and an opacity as one little-endian RGBA pixel of an ImageData.
  function rgba32(hex, alpha) {
    const v = parseInt(String(hex).slice(1, 7), 16) || 0;
    return ((Math.round(alpha * 255) << 24) | ((v & 0xff) << 16) | (v & 0xff00) | (v >> 16)) >>> 0;
  }

  // Per-pixel stamps of the class being drawn, kept across frames: a new
  // stamp per class and frame instead of a fresh array.
  let seen = null, seenStamp = 0;
  const sprites = new Map();

  // A point symbol rendered once; drawing a point is then one pixel-aligned blit.
  function spriteOf(sym, r) {
    const key = [sym.color, sym.strokeColor, sym.strokeWidth, sym.fillOpacity, sym.marker, r, S.theme.stroke].join("|");
    let s = sprites.get(key);
    if (!s) {
      const pad = Math.ceil(1.3 * r + (sym.strokeWidth || 0) * S.theme.stroke + 1);
      const c = document.createElement("canvas");
      c.width = c.height = 2 * pad + 1;
      const sctx = c.getContext("2d");
      sctx.beginPath();
      marker(sctx, pad + 0.5, pad + 0.5, r, sym.marker);
      hg.paint(sctx, sym, "points");
      if (sprites.size > 512) sprites.clear();
      s = { canvas: c, pad: pad };
      sprites.set(key, s);
    }
    return s;
  }

  // Above this many distinct pixels a class is stamped into one ImageData in
  // JS and put on the canvas with a single drawImage: a blit per point costs
  // ~2 us of rasterising after the script returns, a stamp costs no raster.
  const STAMP_MIN = 30000;
  let hits = null, stampBuf = null, stampCanvas = null;

  // The sprite's pixels as [dx, dy, rgba] offsets (non-premultiplied), for stamping.
  function stampOf(sp) {
    if (sp.stamp) return sp.stamp;
    const n = sp.canvas.width;
    const d = sp.canvas.getContext("2d").getImageData(0, 0, n, n).data;
    const dx = [], dy = [], px = [];
    const u8 = new Uint8Array(4), u32 = new Uint32Array(u8.buffer);
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
      const o = 4 * (y * n + x);
      if (d[o + 3] < 8) continue;
      u8[0] = d[o]; u8[1] = d[o + 1]; u8[2] = d[o + 2]; u8[3] = d[o + 3];
      dx.push(x - sp.pad); dy.push(y - sp.pad); px.push(u32[0]);
    }
    sp.stamp = { dx: Int32Array.from(dx), dy: Int32Array.from(dy), px: Uint32Array.from(px),
                 extent: [Math.min(...dx), Math.min(...dy), Math.max(...dx), Math.max(...dy)], off: null, bw: -1 };
    return sp.stamp;
  }

  function drawPoints(ctx, g, idx, a, b, t, vp, sym) {
    const c = g.coords;
    const r = sym.radius * S.theme.radius;
    const w = vp.w, h = vp.h, cx0 = vp.cull[0], cy0 = vp.cull[1], cx1 = vp.cull[2], cy1 = vp.cull[3];
    if (!seen || seen.length !== w * h) { seen = new Uint32Array(w * h); seenStamp = 0; }
    if (++seenStamp >= 0xffffffff) { seen.fill(0); seenStamp = 1; }
    const stamp = seenStamp;
    const sp = spriteOf(sym, r), img = sp.canvas, pad = sp.pad;
    const m = pad + 1;
    if (!hits || hits.length < b - a) hits = new Int32Array(Math.max(b - a, 1024));
    let n = 0, u = 0;
    // Points that land on an already drawn pixel of the same class add nothing:
    // skip them, which keeps a million points at national zoom cheap.
    for (let j = a; j < b; j++) {
      const i = idx[j];
      const x = c[2 * i] * t.s + t.bx, y = c[2 * i + 1] * t.s + t.by;
      if (x < cx0 - m || y < cy0 - m || x > cx1 + m || y > cy1 + m) continue;
      n++;
      const px = Math.floor(x), py = Math.floor(y);
      if (px >= 0 && py >= 0 && px < w && py < h) {
        const k = py * w + px;
        if (seen[k] === stamp) continue;
        seen[k] = stamp;
        hits[u++] = k;
      } else {
        ctx.drawImage(img, px - pad, py - pad);   // just outside the canvas: its edge shows
      }
    }
    const dpr = window.devicePixelRatio || 1;
    if (u < STAMP_MIN || dpr !== 1) {
      for (let j = 0; j < u; j++) { const k = hits[j]; ctx.drawImage(img, k % w - pad, ((k / w) | 0) - pad); }
      return n;
    }
    // Dense: stamp the symbol's pixels (the last point on top, as blits would
    // be, but without blending overlaps) in the cull area, then one blit.
    const st = stampOf(sp), sdx = st.dx, sdy = st.dy, spx = st.px, ns = spx.length;
    const x0 = Math.max(0, Math.floor(cx0) - m), y0 = Math.max(0, Math.floor(cy0) - m);
    const x1 = Math.min(w, Math.ceil(cx1) + m), y1 = Math.min(h, Math.ceil(cy1) + m);
    const bw = x1 - x0, bh = y1 - y0;
    if (bw <= 0 || bh <= 0) return n;
    const buf = stampArea(bw, bh);
    // The stamp as offsets into this buffer: a stamp wholly inside is written
    // without a bounds check per pixel.
    if (st.bw !== bw) { st.off = Int32Array.from(sdx, (dx, s) => sdy[s] * bw + dx); st.bw = bw; }
    const off = st.off, e = st.extent;
    for (let j = 0; j < u; j++) {
      const k = hits[j], qx = k % w - x0, qy = ((k / w) | 0) - y0;
      if (qx + e[0] >= 0 && qy + e[1] >= 0 && qx + e[2] < bw && qy + e[3] < bh) {
        const base = qy * bw + qx;
        for (let s = 0; s < ns; s++) buf[base + off[s]] = spx[s];
        continue;
      }
      for (let s = 0; s < ns; s++) {
        const xx = qx + sdx[s], yy = qy + sdy[s];
        if (xx >= 0 && yy >= 0 && xx < bw && yy < bh) buf[yy * bw + xx] = spx[s];
      }
    }
    blitStamps(ctx, x0, y0, bw, bh);
    return n;
  }

  // A cleared bw x bh ImageData to stamp into, as 32-bit pixels (reused).
  function stampArea(bw, bh) {
    if (!stampBuf || stampBuf.width !== bw || stampBuf.height !== bh) stampBuf = new ImageData(bw, bh);
    const buf = new Uint32Array(stampBuf.data.buffer);
    buf.fill(0);
    return buf;
  }

  // Put what was stamped on the canvas at (x0, y0), in one blit.
  function blitStamps(ctx, x0, y0, bw, bh) {
    if (!stampCanvas) stampCanvas = document.createElement("canvas");
    if (stampCanvas.width !== bw || stampCanvas.height !== bh) { stampCanvas.width = bw; stampCanvas.height = bh; }
    stampCanvas.getContext("2d").putImageData(stampBuf, 0, 0);
    ctx.drawImage(stampCanvas, x0, y0);
    S.stamped++;
  }

  function marker(ctx, x, y, r, shape) {
    if (shape === "square") { ctx.rect(x - r, y - r, 2 * r, 2 * r); return; }
    if (shape === "triangle") {
      ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r * 0.8); ctx.lineTo(x - r * 1.1, y + r * 0.8); ctx.closePath();
      return;
    }
    if (shape === "diamond") {
      ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r * 1.3); ctx.lineTo(x - r, y); ctx.closePath();
      return;
    }
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }

  Object.assign(hg, { drawPoints, marker, stampArea, blitStamps, rgba32 });
})(window.hgPage);
