/* hegang-map page script: one canvas layer that draws every vector layer.
 *
 * Layer data arrives as packed binary through the app's own scheme (see
 * hegang_map/render/payload.py for the layout); Python calls the functions
 * of window.hgmap with JSON arguments; the page reports back through the
 * Qt web channel object "bridge". Attribute text is only ever set with
 * textContent.
 */
(function () {
  "use strict";

  const HIDDEN = 65535;
  let config = null;
  const instance = Math.random().toString(36).slice(2);
  let map = null;
  let bridge = null;
  let frames = 0;
  const layers = new Map();      // id -> layer record
  let detailsLoading = 0;        // viewport detail fetches under way (setDetail)
  let classesLoading = 0;        // class arrays of new styles under way (styleRecord)
  let order = [];                // ids, bottom first
  let highlight = null;          // {id, row}
  let labelsOn = true;
  // Presentation mode (issue 6): the projector theme scales strokes, points,
  // labels and the legend with the screen; scene highlights ring several
  // features at once (the identify highlight stays one feature).
  const theme = { on: false, stroke: 1, radius: 1, label: 1, legend: 1 };
  let sceneHighlights = [];      // [{id, rows}]

  // Reports made before the bridge is up (calls arrive once the page has
  // loaded, before the bridge's round trip) wait for it, after "ready".
  let unsent = [];
  function report(name, ...args) {
    if (unsent && name !== "ready") { unsent.push([name, args]); return; }
    if (bridge && typeof bridge[name] === "function") {
      try { bridge[name](...args); } catch (e) { /* bridge gone while closing */ }
    }
  }

  // ---------------------------------------------------------------- parsing
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

  // ---------------------------------------------------------------- drawing
  // Three canvases, bottom up: the basemap, the thematic layers (with their
  // labels) and the highlights. Each covers the view plus PAD of it on every
  // side and is redrawn only when its own content changes or when the view
  // leaves what it covers: between redraws the overlay pane's CSS transform
  // moves (and, while zooming, scales) the last frame, as L.Renderer does. In
  // software Chromium the cost of a frame is rasterising its draw calls after
  // the script returns, so not drawing is the only fast drawing.
  const PAD = 0.35;
  // Re-centre after a pan that used more than this share of the padding.
  const RECENTRE = 0.75;
  // Redraw while a frame is shown scaled up more than this (fly-to, pinch).
  const MAX_STRETCH = 1.6;

  const CanvasLayer = L.Layer.extend({
    // ``keep``: how many finished frames to keep, so that a later frame at
    // the same zoom inside one of them is a blit, not a redraw (zooming back
    // and forth costs nothing until the content changes: ``forget``).
    initialize: function (name, paint, keep, syncPaints) {
      this.name = name;
      this._paint = paint;   // function (ctx, viewport)
      this.frames = 0;
      this._drawn = null;    // {zoom, ox, oy, w, h}: world pixels at ``zoom`` the canvas holds
      this._keep = keep || 0;
      this._syncPaints = !!syncPaints;   // a synchronous redraw always paints (its counts are asked for)
      this._kept = [];       // [{zoom, dpr, ox, oy, w, h, canvas}], most recent first
      this.reused = 0;
    },
    // The content changed: no kept frame may be shown again, and a padding
    // pass still to come (of the old content) must not run or be kept.
    forget: function () { this._kept = []; this._gen = (this._gen || 0) + 1; },
    _reuse: function (ctx, d, dpr) {
      const k = this._kept.find(e => e.zoom === d.zoom && e.dpr === dpr && e.ox <= d.ox && e.oy <= d.oy &&
                                     e.ox + e.w >= d.ox + d.w && e.oy + e.h >= d.oy + d.h);
      if (!k) return false;
      ctx.drawImage(k.canvas, k.ox - d.ox, k.oy - d.oy, k.w, k.h);
      this.reused++;
      return true;
    },
    _store: function (d, dpr) {
      if (!this._keep || (this._keepIf && !this._keepIf())) return;
      const old = this._kept.length >= this._keep ? this._kept.pop() : null;
      const c = old ? old.canvas : document.createElement("canvas");
      c.width = this._canvas.width; c.height = this._canvas.height;
      c.getContext("2d").drawImage(this._canvas, 0, 0);
      this._kept.unshift({ zoom: d.zoom, dpr: dpr, ox: d.ox, oy: d.oy, w: d.w, h: d.h, canvas: c });
    },
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "hg-canvas hg-canvas-" + this.name + " leaflet-zoom-animated");
      m.getPanes().overlayPane.appendChild(this._canvas);
      m.on(this._events(), this);
      this.schedule();
    },
    // A redraw or the padding pass is still to come.
    busy: function () { return !!(this._pending || this._ringDue); },
    onRemove: function (m) {
      m.off(this._events(), this);
      L.DomUtil.remove(this._canvas);
    },
    _events: function () {
      return { move: this._onMove, zoom: this._onMove, viewreset: this._onMove,
               moveend: this._onEnd, zoomend: this._onEnd, resize: this.schedule, zoomanim: this._onZoomAnim };
    },
    // Redraw at the next animation frame (content changed, or the view left the frame).
    schedule: function () {
      if (this._pending) return;
      this._pending = true;
      L.Util.requestAnimFrame(() => { if (this._pending) { this._pending = false; this.redraw(); } });
    },
    // The visible area in world pixels at the map's current zoom.
    _viewBox: function () {
      const tl = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin()), size = map.getSize();
      return { x0: tl.x, y0: tl.y, x1: tl.x + size.x, y1: tl.y + size.y };
    },
    // Place the last frame for the map's current view (or for a zoom animation's
    // target); return its scale and whether it still covers the view.
    _place: function (zoom, pixelOrigin) {
      const d = this._drawn;
      if (!d) return null;
      const s = map.getZoomScale(zoom, d.zoom);
      const pos = L.point(d.ox * s - pixelOrigin.x, d.oy * s - pixelOrigin.y);
      L.DomUtil.setTransform(this._canvas, pos, s);
      return s;
    },
    _covers: function (s) {
      const d = this._drawn.valid, v = this._viewBox();
      return d.x0 * s <= v.x0 + 0.5 && d.y0 * s <= v.y0 + 0.5 && d.x1 * s >= v.x1 - 0.5 && d.y1 * s >= v.y1 - 0.5;
    },
    _onMove: function () {
      if (map._animatingZoom || !this._drawn) return;   // the CSS transition runs the zoom
      const s = this._place(map.getZoom(), map.getPixelOrigin());
      if (!this._covers(s) || s > MAX_STRETCH) this.schedule();
    },
    _onEnd: function () {
      if (map._animatingZoom || !this._drawn) { this.schedule(); return; }
      const s = this._place(map.getZoom(), map.getPixelOrigin());
      if (s !== 1 || map.getZoom() !== this._drawn.zoom || !this._covers(1)) { this.schedule(); return; }
      // Same zoom, still covered: only re-centre when most of the padding is used up.
      const d = this._drawn, v = this._viewBox();
      const dx = Math.abs(v.x0 - d.ox - d.px), dy = Math.abs(v.y0 - d.oy - d.py);
      if (dx > RECENTRE * d.px || dy > RECENTRE * d.py) this.schedule();
    },
    _onZoomAnim: function (e) {
      this._place(e.zoom, map._getNewPixelOrigin(e.center, e.zoom));
    },
    // Draw the view first and the padding around it once that frame is on
    // screen, each pass clipped to its own area so that together they make
    // exactly the picture one pass would (``sync``: one pass, now).
    redraw: function (sync) {
      this._pending = false;
      const size = map.getSize();
      const px = Math.round(size.x * PAD), py = Math.round(size.y * PAD);
      const w = size.x + 2 * px, h = size.y + 2 * py;
      const dpr = window.devicePixelRatio || 1;
      const canvas = this._canvas;
      if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
        canvas.width = Math.round(w * dpr);
        canvas.height = Math.round(h * dpr);
        canvas.style.width = w + "px";
        canvas.style.height = h + "px";
      }
      const v = this._viewBox();
      const ox = Math.round(v.x0) - px, oy = Math.round(v.y0) - py;
      const zoom = map.getZoom();
      const d = this._drawn = { zoom: zoom, ox: ox, oy: oy, w: w, h: h, px: px, py: py,
                                valid: { x0: ox + px, y0: oy + py, x1: ox + px + size.x, y1: oy + py + size.y } };
      this._place(zoom, map.getPixelOrigin());
      const gen = this._gen = (this._gen || 0) + 1;
      const ctx = canvas.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const vp = { w: w, h: h, scale: Math.pow(2, zoom), ox: ox, oy: oy, zoom: zoom,
                   cull: [px, py, px + size.x, py + size.y] };
      if (this._keep && !(sync && this._syncPaints) && this._reuse(ctx, d, dpr)) {
        d.valid = { x0: ox, y0: oy, x1: ox + w, y1: oy + h };
        this.frames++;
        this._ringDue = false;
        return;
      }
      if (sync) {
        vp.cull = [0, 0, w, h];   // one pass over the whole canvas
        d.valid = { x0: ox, y0: oy, x1: ox + w, y1: oy + h };
        this._paint(ctx, vp, false);
        this.frames++;
        this._ringDue = false;
        this._store(d, dpr);
        return;
      }
      ctx.save();
      ctx.beginPath(); ctx.rect(px, py, size.x, size.y); ctx.clip();
      this._paint(ctx, vp, false);
      ctx.restore();
      this.frames++;
      this._ringDue = true;
      const ring = () => {
        if (this._gen !== gen) return;   // a newer frame replaced this one
        this._gen++;
        this._ringDue = false;
        // Four strips around the view, each clipped to a rectangle (a ring-shaped
        // clip would put every fill through Skia's slow mask path).
        const strips = [[0, 0, w, py], [0, py + size.y, w, h], [0, py, px, py + size.y], [px + size.x, py, w, py + size.y]];
        for (const [x0, y0, x1, y1] of strips) {
          if (x1 <= x0 || y1 <= y0) continue;
          ctx.save();
          ctx.beginPath(); ctx.rect(x0, y0, x1 - x0, y1 - y0); ctx.clip();
          vp.cull = [x0, y0, x1, y1];
          vp.ring = true;
          this._paint(ctx, vp, true);
          ctx.restore();
        }
        vp.cull = [0, 0, w, h];
        vp.ring = false;
        d.valid = { x0: ox, y0: oy, x1: ox + w, y1: oy + h };
        this.ringFrames = (this.ringFrames || 0) + 1;
        this._store(d, dpr);
      };
      afterFetches(() => onScreen(() => setTimeout(ring, 0)));
    },
  });

  // Layer data on its way: the padding passes (which nobody sees yet) wait for
  // it, so that it is drawn sooner.
  let fetching = 0;
  const whenFetched = [];
  function afterFetches(fn) { if (fetching > 0) whenFetched.push(fn); else fn(); }
  function fetchDone() {
    if (--fetching > 0) return;
    for (const fn of whenFetched.splice(0)) fn();
  }

  function paintBasemap(ctx, vp, ring) {
    for (const id of order) {
      const rec = layers.get(id);
      if (!rec || !rec.basemap || !rec.visible || !rec.data || !rec.byClass) continue;
      ctx.globalAlpha = rec.opacity;
      drawLayer(ctx, rec, vp);
    }
    ctx.globalAlpha = 1;
  }

  // The basemap changes only with its own layers (scheduleFor, setOrder, the theme).
  function basemapChanged() {
    baseLayer.forget();
    baseLayer.schedule();
  }

  // What the thematic layers show changed (data, style, visibility, order, labels ...).
  function dataChanged() {
    dataLayer.forget();
    dataLayer.schedule();
  }

  function paintData(ctx, vp, ring) {
    const labels = [];
    for (const id of order) {
      const rec = layers.get(id);
      if (!rec || rec.basemap || !rec.visible || !rec.data || !rec.byClass) continue;
      ctx.globalAlpha = rec.opacity;
      drawLayer(ctx, rec, vp);
      if (labelsOn && rec.style.label) collectLabels(rec, vp, labels);
    }
    ctx.globalAlpha = 1;
    drawLabels(ctx, labels, vp);
    if (ring) return;
    frames++;
    report("frameDrawn", frames);
  }

  function paintHighlights(ctx, vp) {
    if (highlight) drawHighlight(ctx, vp);
    if (sceneHighlights.length) drawSceneHighlights(ctx, vp);
  }

  // Draw the canvas that shows ``rec`` now rather than at the next animation
  // frame, which can come 100 ms later while the compositor is busy: for data
  // that just arrived, which the user is waiting for.
  function drawNow(rec) {
    if (rec.basemap || map._animatingZoom || !dataLayer._canvas) { scheduleFor(rec); return; }
    dataLayer.forget();
    dataLayer.redraw();
    if (highlight && highlight.id === rec.id || sceneHighlights.some(h => h.id === rec.id)) highlightLayer.schedule();
  }

  // Call ``fn`` once the frame drawn now has left the page for the screen:
  // two animation frames later (a page not shown has none: at once). The
  // widget gets that frame from the compositor a little after.
  function onScreen(fn) {
    if (document.hidden) setTimeout(fn, 0);
    else requestAnimationFrame(() => requestAnimationFrame(fn));
  }

  // Schedule the canvas that shows ``rec`` (both when unknown).
  function scheduleFor(rec) {
    if (!rec || rec.basemap) basemapChanged();
    if (!rec || !rec.basemap) dataChanged();
    // Highlight rings follow their layer's data, visibility and symbol size.
    if (!rec || (highlight && highlight.id === rec.id) || sceneHighlights.some(h => h.id === rec.id)) highlightLayer.schedule();
  }
  function scheduleAll() { basemapChanged(); dataChanged(); highlightLayer.schedule(); }

  const PATH_BATCH = 256;

  function transformOf(data, vp) {
    return { s: vp.scale, bx: data.origin[0] * vp.scale - vp.ox, by: data.origin[1] * vp.scale - vp.oy };
  }

  // A layer too large to keep in the page has an overview (lines and
  // polygons as their boxes) and, for the last view asked, its detail: the
  // detail is drawn when it covers the whole canvas at a zoom it was made for.
  function detailFor(rec, vp) {
    const d = rec.detail;
    if (!d || !d.byClass || vp.zoom < d.zoom || vp.zoom >= d.zoom + 2) return null;
    const nw = map.project([d.bounds[3], d.bounds[0]], vp.zoom), se = map.project([d.bounds[1], d.bounds[2]], vp.zoom);
    return nw.x <= vp.ox && nw.y <= vp.oy && se.x >= vp.ox + vp.w && se.y >= vp.oy + vp.h ? d : null;
  }

  function drawLayer(ctx, rec, vp) {
    let drawn = 0;
    const detail = detailFor(rec, vp);
    if (detail) {
      // The detail's lines and polygons, and the overview's points (the detail has none).
      drawn += drawData(ctx, rec, rec.data, rec.byClass, vp, name => name === "points");
      drawn += drawData(ctx, rec, detail.data, detail.byClass, vp, () => true);
    } else {
      drawn += drawData(ctx, rec, rec.data, rec.byClass, vp, () => true);
    }
    if (!vp.ring) { rec.drawn = drawn; rec.detailDrawn = !!detail; }   // features in the view (in the whole canvas for a one-pass frame)
  }

  function drawData(ctx, rec, data, byClass, vp, wanted) {
    const t = transformOf(data, vp);
    const symbols = rec.style.symbols;
    let drawn = 0;
    for (const [name, g] of Object.entries(data.groups)) {
      if (!wanted(name)) continue;
      const bc = byClass[name];
      const lv = name === "points" ? g : levelFor(g, vp.zoom);
      for (let c = 0; c < bc.k; c++) {
        const sym = symbols[c];
        const a = bc.start[c], b = bc.start[c + 1];
        if (a === b) continue;
        if (name === "points") { drawn += drawPoints(ctx, g, bc.idx, a, b, t, vp, sym); continue; }
        const tiny = b - a >= TINY_MIN ? { rects: tinyRects(b - a), n: 0 } : null;
        // Paths of at most PATH_BATCH features: Skia rasterises many small
        // paths much faster than one path of a hundred thousand rings.
        for (let j = a; j < b; j += PATH_BATCH) {
          ctx.beginPath();
          const n = tracePaths(ctx, g, bc.idx, j, Math.min(b, j + PATH_BATCH), t, vp, name === "polygons", lv, tiny,
                               hasDash(sym));
          if (n.traced) paint(ctx, sym, name);
          drawn += n.drawn;
        }
        if (tiny && tiny.n) drawTiny(ctx, tiny, vp, sym, name);
      }
    }
    return drawn;
  }

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
    const px = rgba32(colour, alpha);
    const buf = stampArea(bw, bh);
    for (let i = 0; i < n; i++) {
      const ax = Math.max(r[4 * i] - x0, 0), ay = Math.max(r[4 * i + 1] - y0, 0);
      const bx = Math.min(r[4 * i] + r[4 * i + 2] - x0, bw), by = Math.min(r[4 * i + 1] + r[4 * i + 3] - y0, bh);
      for (let y = ay; y < by; y++) buf.fill(px, y * bw + ax, y * bw + bx);
    }
    blitStamps(ctx, x0, y0, bw, bh);
  }

  // "#rrggbb" and an opacity as one little-endian RGBA pixel of an ImageData.
  function rgba32(hex, alpha) {
    const v = parseInt(String(hex).slice(1, 7), 16) || 0;
    return ((Math.round(alpha * 255) << 24) | ((v & 0xff) << 16) | (v & 0xff00) | (v >> 16)) >>> 0;
  }

  // The coarsest level of detail made for this zoom or a higher one; the full geometry otherwise.
  function levelFor(g, zoom) {
    for (const l of g.levels || []) if (zoom <= l.z) return l;
    return g;
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
    const width = sym.strokeWidth * theme.stroke;
    ctx.lineWidth = width;
    const dashed = hasDash(sym);
    if (dashed) ctx.setLineDash(sym.dash.map(d => d * Math.max(width, 1)));
    ctx.stroke();
    if (dashed) ctx.setLineDash([]);
  }

  function hasDash(sym) { return Array.isArray(sym.dash) && sym.dash.length >= 2 && sym.dash.some(d => d > 0); }

  // Per-pixel stamps of the class being drawn, kept across frames: a new
  // stamp per class and frame instead of a fresh array.
  let seen = null, seenStamp = 0;
  const sprites = new Map();

  // A point symbol rendered once; drawing a point is then one pixel-aligned blit.
  function spriteOf(sym, r) {
    const key = [sym.color, sym.strokeColor, sym.strokeWidth, sym.fillOpacity, sym.marker, r, theme.stroke].join("|");
    let s = sprites.get(key);
    if (!s) {
      const pad = Math.ceil(1.3 * r + (sym.strokeWidth || 0) * theme.stroke + 1);
      const c = document.createElement("canvas");
      c.width = c.height = 2 * pad + 1;
      const sctx = c.getContext("2d");
      sctx.beginPath();
      marker(sctx, pad + 0.5, pad + 0.5, r, sym.marker);
      paint(sctx, sym, "points");
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
  let hits = null, stampBuf = null, stampCanvas = null, stamped = 0;

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
    const r = sym.radius * theme.radius;
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
    stamped++;
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

  // Find the drawn items of one data row in each group.
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

  function drawHighlight(ctx, vp) {
    const rec = layers.get(highlight.id);
    if (!rec || !rec.data || !rec.visible) return;
    // The detail's outline of the feature where it is drawn, else the overview's.
    const detail = detailFor(rec, vp);
    let data = detail ? detail.data : rec.data;
    let items = itemsOfRow(data, highlight.row);
    if (!items.length && detail) { data = rec.data; items = itemsOfRow(data, highlight.row); }
    const t = transformOf(data, vp);
    ctx.save();
    for (const [name, g, i] of items) {
      ctx.beginPath();
      if (name === "points") {
        const x = g.coords[2 * i] * t.s + t.bx, y = g.coords[2 * i + 1] * t.s + t.by;
        const r = Math.max(6, (rec.style.symbols[0] || {}).radius + 4 || 6);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      } else {
        tracePaths(ctx, g, new Uint32Array([i]), 0, 1, t, vp, name === "polygons");
      }
      ctx.lineWidth = 5; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.stroke();
      ctx.lineWidth = 3; ctx.strokeStyle = "#00e5ff"; ctx.stroke();
    }
    ctx.restore();
  }

  function sceneRingRadius() { return (8 + 4 * theme.radius) * Math.max(1, theme.radius * 0.75); }

  function drawSceneHighlights(ctx, vp) {
    ctx.save();
    for (const h of sceneHighlights) {
      const rec = layers.get(h.id);
      if (!rec || !rec.data || !rec.visible) continue;
      const t = transformOf(rec.data, vp);
      for (const row of h.rows) {
        for (const [name, g, i] of itemsOfRow(rec.data, row)) {
          ctx.beginPath();
          if (name === "points") {
            const x = g.coords[2 * i] * t.s + t.bx, y = g.coords[2 * i + 1] * t.s + t.by;
            ctx.arc(x, y, sceneRingRadius(), 0, 2 * Math.PI);
          } else {
            tracePaths(ctx, g, new Uint32Array([i]), 0, 1, t, vp, name === "polygons");
          }
          ctx.lineWidth = 7 * theme.stroke; ctx.strokeStyle = "rgba(255,255,255,0.95)"; ctx.stroke();
          ctx.lineWidth = 3.5 * theme.stroke; ctx.strokeStyle = "#e6007e"; ctx.stroke();
        }
      }
    }
    ctx.restore();
  }

  // ---------------------------------------------------------------- labels
  function collectLabels(rec, vp, out) {
    const lab = rec.style.label;
    if (!lab || !lab.texts || map.getZoom() < (lab.minZoom || 0)) return;
    const t = transformOf(rec.data, vp);
    // A label beside a scene's highlight ring starts outside the ring.
    const ringed = new Set();
    for (const h of sceneHighlights) if (h.id === rec.id) h.rows.forEach(r => ringed.add(r));
    const ringGap = sceneRingRadius() + 3.5 * theme.stroke;
    for (const [name, g] of Object.entries(rec.data.groups)) {
      const bc = rec.byClass[name];
      for (let j = 0; j < bc.start[bc.k]; j++) {
        const i = bc.idx[j];
        const row = g.rows[i];
        const text = lab.texts[row];
        if (!text) continue;
        let x, y;
        if (name === "points") { x = g.coords[2 * i]; y = g.coords[2 * i + 1]; }
        else { x = (g.bbox[4 * i] + g.bbox[4 * i + 2]) / 2; y = (g.bbox[4 * i + 1] + g.bbox[4 * i + 3]) / 2; }
        x = x * t.s + t.bx; y = y * t.s + t.by;
        if (x < 0 || y < 0 || x > vp.w || y > vp.h) continue;
        const prio = lab.priority ? lab.priority[row] : 0;
        const dy = (rec.style.symbols[0] || {}).radius || 4;
        out.push({ x: x, y: y, text: text, prio: prio, size: (lab.size || 12) * theme.label,
                   dy: ringed.has(row) ? Math.max(dy, ringGap) : dy });
      }
    }
  }

  // Higher priority first; a label that would overlap a placed one is dropped.
  function drawLabels(ctx, labels, vp) {
    if (!labels.length) return;
    labels.sort((p, q) => q.prio - p.prio);
    const placed = [];
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    for (const l of labels) {
      ctx.font = l.size + "px 'HG Sans', 'Noto Sans CJK SC', sans-serif";
      const w = ctx.measureText(l.text).width;
      const box = [l.x + l.dy + 2, l.y - l.size * 0.7, l.x + l.dy + 2 + w, l.y + l.size * 0.7];
      if (box[2] > vp.w) { box[0] = l.x - l.dy - 2 - w; box[2] = l.x - l.dy - 2; }
      if (placed.some(p => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1])) continue;
      placed.push(box);
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(l.text, box[0], l.y);
      ctx.fillStyle = "#1a1a1a";
      ctx.fillText(l.text, box[0], l.y);
    }
    ctx.restore();
  }

  // ---------------------------------------------------------------- tooltip and attribution
  let tooltip = null;
  function showTooltip(text, lat, lng) {
    if (!tooltip) {
      tooltip = L.DomUtil.create("div", "hg-tooltip", map.getContainer());
    }
    tooltip.textContent = String(text);
    const p = map.latLngToContainerPoint([lat, lng]);
    tooltip.style.left = (p.x + 12) + "px";
    tooltip.style.top = (p.y - 8) + "px";
    tooltip.style.display = "block";
  }
  function hideTooltip() { if (tooltip) tooltip.style.display = "none"; }

  // ---------------------------------------------------------------- legend and period
  // Built from style.legend (hegang_map.model.legend.Legend.to_dict()); every
  // text goes in with textContent, colours only as CSS property values.
  let legendOn = true;
  let legendFolded = false;   // folded by the user to its button: the map under it shows
  let legendFocus = null;   // the active layer: its legend is always expanded
  function el(tag, css, parent, text) {
    const e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text !== undefined) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  function swatch(entry, geometry, maxR, dash) {
    const size = Math.max(14, Math.ceil(2 * maxR * 1.3) + 4);
    const dpr = window.devicePixelRatio || 1;
    const c = el("canvas", "width:" + size + "px;height:" + size + "px;flex:none;");
    c.width = size * dpr; c.height = size * dpr;
    const ctx = c.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.beginPath();
    if (geometry === "line") { ctx.moveTo(1, size / 2); ctx.lineTo(size - 1, size / 2); }
    else if (geometry === "polygon") ctx.rect(1.5, 3.5, size - 3, size - 7);
    else marker(ctx, size / 2, size / 2, entry.radius, entry.marker);
    const sym = { color: entry.color, strokeColor: entry.stroke_color, strokeWidth: entry.stroke_width,
                  fillOpacity: entry.fill_opacity, dash: dash };
    if (geometry === "line") sym.strokeWidth = Math.max(1.5, entry.stroke_width);
    paint(ctx, sym, geometry === "line" ? "lines" : "points");
    return c;
  }
  function renderLegend() {
    if (!map) return;
    let box = document.getElementById("hg-legend");
    if (!box) {
      // Bottom left, above the scale bar: over China's sparse west, not the dense east.
      box = el("div", "position:absolute;left:8px;bottom:62px;z-index:800;background:rgba(255,255,255,0.93);" +
        "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3);padding:6px 9px;font-size:12px;color:#1a1a1a;" +
        "max-width:300px;max-height:58%;overflow-y:auto;font-family:'DejaVu Sans','HG Sans',sans-serif;");
      box.id = "hg-legend";
      box.className = "hg-legend";
      map.getContainer().appendChild(box);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
    }
    box.textContent = "";
    let period = null, n = 0;
    for (const id of order.slice().reverse()) {
      const rec = layers.get(id);
      if (!rec || rec.basemap || !rec.visible || !rec.style || !rec.style.legend) continue;
      const lg = rec.style.legend;
      if (period === null && rec.style.period) period = rec.style.period;
      const block = el("div", "margin:" + (n ? "7px" : "0") + " 0 0 0;", box);
      block.className = "hg-legend-layer";
      block.dataset.layer = id;
      const maxR = Math.max(3, ...lg.entries.map(e => e.radius || 0));
      const dash = (rec.style.symbols[0] || {}).dash;   // the layer's dash pattern, as drawn
      // Only graduated legends and the active layer's open fully: five
      // layers' worth of entries would cover the map they explain.
      const expanded = lg.kind === "graduated" || id === legendFocus;
      if (!expanded || (lg.kind === "single" && lg.entries.length === 1)) {
        const row = el("div", "display:flex;align-items:center;gap:6px;", block);
        row.appendChild(swatch(lg.entries[0], lg.geometry, Math.min(maxR, 7), dash));
        el("span", "font-weight:600;", row, lg.title);
      } else {
        el("div", "font-weight:600;margin-bottom:3px;", block, lg.title).className = "hg-legend-title";
        for (const e of lg.entries) {
          const row = el("div", "display:flex;align-items:center;gap:6px;line-height:1.25;", block);
          row.className = "hg-legend-entry";
          row.appendChild(swatch(e, lg.geometry, maxR, dash));
          el("span", "flex:1;", row, e.label);
          el("span", "color:#666;margin-left:8px;", row, e.count);
        }
      }
      if (expanded) for (const note of lg.notes) el("div", "color:#555;font-size:11px;margin-top:2px;max-width:320px;", block, note);
      n++;
    }
    // A button folds the legend away (it can cover what it explains on a small
    // screen) and opens it again.
    if (legendFolded) box.textContent = "";
    const fold = el("button", "border:none;background:none;cursor:pointer;color:#444;font:inherit;padding:0 2px;" +
      (legendFolded ? "font-weight:600;" : "position:absolute;top:1px;right:2px;font-size:14px;line-height:1;"),
      box, legendFolded ? "Legend ▸" : "−");
    fold.className = "hg-legend-fold";
    fold.title = legendFolded ? "Show the legend" : "Fold the legend away";
    fold.addEventListener("click", () => { legendFolded = !legendFolded; renderLegend(); });
    box.style.paddingRight = legendFolded ? "9px" : "20px";
    box.style.display = (legendOn && n) ? "block" : "none";
    // Projector: the legend moves to the top left (the caption card is at the
    // bottom) and grows with the screen.
    box.style.zoom = theme.legend;
    box.style.top = theme.on ? "10px" : "";
    box.style.bottom = theme.on ? "auto" : "62px";
    box.style.maxHeight = theme.on ? "70%" : "58%";
    let tag = document.getElementById("hg-period");
    if (!tag) {
      tag = el("div", "position:absolute;top:10px;left:50%;transform:translateX(-50%);z-index:800;" +
        "font-size:30px;font-weight:700;color:#222;background:rgba(255,255,255,0.8);border-radius:4px;" +
        "padding:0 12px;pointer-events:none;font-family:'DejaVu Sans','HG Sans',sans-serif;");
      tag.id = "hg-period";
      map.getContainer().appendChild(tag);
    }
    tag.textContent = period === null ? "" : String(period);
    tag.style.zoom = theme.legend;
    tag.style.display = period === null ? "none" : "block";
  }

  // ---------------------------------------------------------------- API for Python
  const baseLayer = new CanvasLayer("basemap", paintBasemap, 3);
  // Thematic layers keep two frames: zooming in and back out to a view of a
  // million points is a blit. Any change to what they show forgets them (dataChanged).
  const dataLayer = new CanvasLayer("data", paintData, 2, true);
  // Not while a layer draws viewport detail: every new view brings new detail,
  // which forgets the frames; copying them would be work for nothing.
  dataLayer._keepIf = () => !Array.from(layers.values()).some(r => r.detailSpec && r.visible);
  const highlightLayer = new CanvasLayer("highlight", paintHighlights);

  function styleRecord(rec, style) {
    rec.style = style;
    rec.classOf = null;
    renderLegend();
    if (style.classUrl) {
      classesLoading++;
      return fetch(style.classUrl).then(r => r.arrayBuffer()).then(buf => {
        if (rec.style !== style) return;   // a newer style arrived meanwhile
        rec.classOf = new Uint16Array(buf);
        if (rec.data) classify(rec);
        scheduleFor(rec);
      }).catch(() => { /* superseded by a newer style whose array replaced this one */ })
        .finally(() => { classesLoading--; });
    }
    if (rec.data) classify(rec);
    scheduleFor(rec);
    return Promise.resolve();
  }

  const api = {
    instance: instance,
    addLayer: function (spec) {
      const rec = { id: spec.id, name: spec.name, visible: spec.visible, opacity: spec.opacity,
                    basemap: !!spec.basemap, data: null, style: spec.style, classOf: null, shown: 0,
                    url: spec.url };
      layers.set(spec.id, rec);
      if (!order.includes(spec.id)) order.push(spec.id);
      const styled = styleRecord(rec, spec.style);
      fetching++;
      fetch(spec.url).then(r => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.arrayBuffer();
      }).then(buf => {
        if (layers.get(spec.id) !== rec) return;
        rec.data = parsePayload(buf);
        return styled.then(() => {
          if (layers.get(spec.id) !== rec) return;   // removed (or replaced under the same id) meanwhile
          classify(rec);
          // Several layers arriving together (a start) share one frame.
          if (fetching > 1) scheduleFor(rec); else drawNow(rec);
          const loaded = () => {
            if (layers.get(spec.id) === rec) report("layerLoad", spec.id, rec.data.features);
          };
          // A layer drawn while its read goes on: the read waits for this
          // report, and would hold the CPU the frame needs to reach the screen.
          if (spec.early) onScreen(loaded); else loaded();
          if (rec.whenLoaded) rec.whenLoaded();
        });
      }).catch(err => {
        if (layers.get(spec.id) === rec) report("layerFail", spec.id, String(err));
        if (rec.whenLoaded) rec.whenLoaded();
      }).finally(fetchDone);
    },
    // Swap in new data for a loaded layer (the same features with levels of
    // detail, made after the first draw) without touching its style or state.
    updateData: function (id, url) {
      const rec = layers.get(id); if (!rec || !rec.data) return;
      fetch(url).then(r => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.arrayBuffer();
      }).then(buf => {
        if (layers.get(id) !== rec) return;
        const data = parsePayload(buf);
        if (data.features !== rec.data.features) return;
        rec.data = data;
        rec.url = url;
        rec.updates = (rec.updates || 0) + 1;
        if (rec.byClass) classify(rec);
        scheduleFor(rec);
      }).catch(() => { /* the first data stays */ });
    },
    // Detail of a layer too large to keep in the page, for a view:
    // ``spec`` = {url, bounds: [w, s, e, n], zoom}, or null to drop it.
    setDetail: function (id, spec) {
      const rec = layers.get(id); if (!rec) return;
      if (!spec) { rec.detail = null; rec.detailSpec = null; scheduleFor(rec); return Promise.resolve(); }
      rec.detailSpec = spec;
      detailsLoading++;
      return fetch(spec.url).then(r => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.arrayBuffer();
      }).then(buf => {
        if (layers.get(id) !== rec || rec.detailSpec !== spec) return;   // a newer view asked meanwhile
        rec.detail = { data: parsePayload(buf), bounds: spec.bounds, zoom: spec.zoom, byClass: null };
        rec.details = (rec.details || 0) + 1;
        if (rec.byClass) rec.detail.byClass = classesOf(rec, rec.detail.data);
        scheduleFor(rec);
      }).catch(() => { /* the overview stays */ }).finally(() => { detailsLoading--; report("detailLoad", id); });
    },
    removeLayer: function (id) {
      const rec = layers.get(id);
      layers.delete(id);
      order = order.filter(x => x !== id);
      if (highlight && highlight.id === id) { highlight = null; highlightLayer.schedule(); }
      if (sceneHighlights.some(h => h.id === id)) highlightLayer.schedule();
      scheduleFor(rec);
      renderLegend();
    },
    setVisible: function (id, visible) {
      const rec = layers.get(id); if (!rec) return;
      rec.visible = !!visible; scheduleFor(rec); highlightLayer.schedule(); renderLegend();
    },
    setOpacity: function (id, opacity) {
      const rec = layers.get(id); if (!rec) return;
      rec.opacity = Number(opacity); scheduleFor(rec);
    },
    setName: function (id, name) { const rec = layers.get(id); if (rec) rec.name = String(name); },
    setOrder: function (ids) {
      const next = ids.filter(id => layers.has(id));
      const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
      const base = ids => ids.filter(id => layers.get(id).basemap), user = ids => ids.filter(id => !layers.get(id).basemap);
      const prev = order.filter(id => layers.has(id));
      order = next;
      // Only the canvas whose stacking changed is redrawn.
      if (!same(base(prev), base(next))) basemapChanged();
      if (!same(user(prev), user(next))) dataChanged();
      renderLegend();
    },
    setStyle: function (id, style) { const rec = layers.get(id); if (rec) styleRecord(rec, style); },
    setLegendVisible: function (on) { legendOn = !!on; renderLegend(); },
    setLegendFocus: function (id) { legendFocus = id; renderLegend(); },
    setLabelsVisible: function (on) { labelsOn = !!on; dataChanged(); },
    // Projector theme: ``scale`` ~1 at 768 px high, larger on bigger screens.
    setProjector: function (on, scale) {
      const s = on ? Math.max(1, Number(scale) || 1) : 1;
      theme.on = !!on; theme.stroke = on ? 1.6 * s : 1; theme.radius = on ? 1.35 * s : 1;
      theme.label = on ? 1.5 * s : 1; theme.legend = on ? 1.1 * s : 1;
      document.body.classList.toggle("hg-projector", !!on);
      document.body.style.setProperty("--hg-projector-scale", String(s));
      renderLegend();
      scheduleAll();
    },
    setSceneHighlights: function (list) {
      sceneHighlights = (Array.isArray(list) ? list : []).filter(h => h && typeof h.id === "string")
        .map(h => ({ id: h.id, rows: (h.rows || []).filter(r => Number.isInteger(r)) }));
      highlightLayer.schedule();
      dataChanged();   // labels step aside from the rings
    },
    setHighlight: function (id, row) {
      highlight = (id === null) ? null : { id: id, row: row };
      highlightLayer.schedule();
    },
    fitBounds: function (b, maxZoom) {
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { maxZoom: maxZoom || 14, animate: false });
    },
    setView: function (lat, lng, zoom, animate) {
      if (animate) map.flyTo([lat, lng], zoom, { duration: 1.2 });
      else map.setView([lat, lng], zoom, { animate: false });
    },
    panTo: function (lat, lng) { map.panTo([lat, lng], { animate: false }); },
    showTooltip: showTooltip,
    hideTooltip: hideTooltip,
    setAttribution: function (text) { document.getElementById("hg-attribution").textContent = String(text || ""); },
    setHint: function (text) {
      let el = document.getElementById("hg-hint");
      if (!el) { el = L.DomUtil.create("div", "hg-hint", map.getContainer()); el.id = "hg-hint"; }
      el.textContent = String(text || "");
      el.style.display = text ? "block" : "none";
    },
    // Everything the page shows, as JSON-able data: ``restore`` in another
    // page (the view image renderer) makes the same picture.
    snapshot: function () {
      const c = map.getCenter(), size = map.getSize();
      const hint = document.getElementById("hg-hint");
      return {
        layers: order.map(id => layers.get(id)).filter(r => r && r.url).map(r => ({
          id: r.id, name: r.name, url: r.url, style: r.style, visible: r.visible,
          opacity: r.opacity, basemap: r.basemap, detail: r.detail ? r.detailSpec : null })),
        order: order.slice(),
        attribution: document.getElementById("hg-attribution").textContent,
        hint: hint && hint.style.display !== "none" ? hint.textContent : "",
        legendOn: legendOn, legendFocus: legendFocus, labelsOn: labelsOn, highlight: highlight,
        view: { lat: c.lat, lng: c.lng, zoom: map.getZoom() }, size: [size.x, size.y],
      };
    },
    // Show a ``snapshot``; report ``token`` (framePainted) once every layer
    // has loaded, the fonts are in and that frame is on screen.
    restore: function (snap, token) {
      legendOn = !!snap.legendOn; legendFocus = snap.legendFocus; labelsOn = !!snap.labelsOn;
      map.invalidateSize({ animate: false });
      map.setView([snap.view.lat, snap.view.lng], snap.view.zoom, { animate: false });
      let pending = snap.layers.length;
      const finish = () => {
        const fonts = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
        fonts.then(() => {
          map.setView([snap.view.lat, snap.view.lng], snap.view.zoom, { animate: false });
          api.notifyPainted(token);
        });
      };
      const one = () => { if (--pending === 0) finish(); };
      for (const spec of snap.layers) {
        api.addLayer(spec);
        const rec = layers.get(spec.id);
        rec.whenLoaded = one;
        if (spec.detail) { pending++; api.setDetail(spec.id, spec.detail).then(one); }
      }
      api.setOrder(snap.order);
      api.setAttribution(snap.attribution);
      api.setHint(snap.hint);
      highlight = snap.highlight;
      renderLegend();
      if (!pending) finish();
    },
    // Geometry and classes of a layer for hit-testing (the exported web map's popups).
    pickData: function (id) {
      const rec = layers.get(id);
      if (!rec || !rec.data) return null;
      return { data: rec.data, classOf: rec.classOf, visible: rec.visible, basemap: rec.basemap,
               symbols: rec.style.symbols, name: rec.name };
    },
    leafletMap: function () { return map; },
    // Report ``token`` once the current frame has reached the screen (two
    // animation frames later), so a grab taken then shows it.
    notifyPainted: function (token, width, height) {
      // Chromium learns of a new view size a little after Qt resizes the
      // widget: wait (a few frames at most) until the page has the size
      // Python expects, so a grab never shows a frame drawn at the old size.
      const sized = () => !width || (window.innerWidth === width && window.innerHeight === height);
      let tries = 0;
      const paint = () => {
        // Also wait for viewport detail and new styles' classes on their way
        // (a few seconds at most): the frame reported must show them.
        if ((!sized() || detailsLoading > 0 || classesLoading > 0) && ++tries < 600) {
          requestAnimationFrame(paint);
          return;
        }
        map.invalidateSize({ animate: false, pan: false });
        baseLayer.redraw(true); dataLayer.redraw(true); highlightLayer.redraw(true);
        onScreen(() => report("framePainted", token));
      };
      paint();
    },
  };

  // Questions tests and benchmarks ask the page (window.hgmapProbe); the app
  // itself only commands it through window.hgmap.
  const probe = {
    // The colours of a layer's current style and whether its classes have arrived (benchmarks, tests).
    styleState: function (id) {
      const rec = layers.get(id); if (!rec || !rec.style) return null;
      return { colors: rec.style.symbols.map(s => s.color), classed: !rec.style.classUrl || !!rec.classOf };
    },
    // What the legend control shows: per layer, title and entry texts.
    legendInfo: function () {
      const box = document.getElementById("hg-legend");
      const period = document.getElementById("hg-period");
      return {
        visible: !!box && box.style.display !== "none",
        period: period && period.style.display !== "none" ? period.textContent : null,
        layers: box ? Array.from(box.querySelectorAll(".hg-legend-layer")).map(b => ({
          id: b.dataset.layer,
          text: b.textContent,
          title: (b.querySelector(".hg-legend-title") || b).textContent,
          entries: Array.from(b.querySelectorAll(".hg-legend-entry")).map(r => r.textContent),
        })) : [],
      };
    },
    projectorInfo: function () {
      return { on: theme.on, stroke: theme.stroke, label: theme.label, legend: theme.legend,
               highlights: sceneHighlights.map(h => ({ id: h.id, rows: h.rows.slice() })) };
    },
    // What the page shows, for the status of tests and the app alike.
    info: function () {
      const c = map.getCenter();
      return {
        instance: instance, frames: frames,
        // Frames drawn by each canvas (basemap, thematic layers, highlights).
        canvasFrames: { basemap: baseLayer.frames, data: dataLayer.frames, highlight: highlightLayer.frames },
        stamped: stamped,   // classes drawn as one stamped ImageData so far
        reused: baseLayer.reused,   // basemap frames blitted from the kept ones instead of drawn
        dataReused: dataLayer.reused,   // the same for the thematic layers
        canvasBusy: baseLayer.busy() || dataLayer.busy() || highlightLayer.busy(),
        order: order.slice(),
        view: { lat: c.lat, lng: c.lng, zoom: map.getZoom() },
        layers: order.map(id => {
          const r = layers.get(id);
          return { id: id, name: r.name, loaded: !!r.data, features: r.data ? r.data.features : 0,
                   levels: r.data ? Object.values(r.data.groups).reduce((n, g) => n + (g.levels || []).length, 0) : 0,
                   updates: r.updates || 0, details: r.details || 0, detailDrawn: !!r.detailDrawn,
                   shown: r.shown, drawn: r.drawn || 0, visible: r.visible, opacity: r.opacity, basemap: r.basemap };
        }),
        highlight: highlight,
      };
    },
    // Longitude/latitude of the first vertex of a data row, from the page's own copy.
    featureLatLng: function (id, row) {
      const rec = layers.get(id); if (!rec || !rec.data) return null;
      const items = itemsOfRow(rec.data, row); if (!items.length) return null;
      const [, g, i] = items[0];
      const v = g.paths ? g.paths[g.parts[i]] : i;
      const p = L.point((g.coords[2 * v] + rec.data.origin[0]) * 1, (g.coords[2 * v + 1] + rec.data.origin[1]) * 1);
      const ll = map.unproject(p, 0);
      return { lat: ll.lat, lng: ll.lng };
    },
    // The colour the canvases hold at a map location (what the user sees
    // there): the three canvases composited, top over bottom.
    pixelAt: function (lat, lng) {
      const dpr = window.devicePixelRatio || 1;
      let out = [0, 0, 0, 0];
      for (const cl of [baseLayer, dataLayer, highlightLayer]) {
        const d0 = cl._drawn; if (!d0) continue;
        const p = map.project([lat, lng], d0.zoom);
        const x = Math.round((p.x - d0.ox) * dpr), y = Math.round((p.y - d0.oy) * dpr);
        if (x < 0 || y < 0 || x >= cl._canvas.width || y >= cl._canvas.height) continue;
        const d = cl._canvas.getContext("2d").getImageData(x, y, 1, 1).data;
        const a = d[3] / 255, b = out[3] / 255, o = a + b * (1 - a);
        if (o <= 0) continue;
        out = [0, 1, 2].map(i => Math.round((d[i] * a + out[i] * b * (1 - a)) / o)).concat([Math.round(o * 255)]);
      }
      return out;
    },
    // Where each canvas shows a map location minus where the map puts it, in
    // screen pixels ([0, 0] when the last frame sits right; tests).
    canvasOffset: function (lat, lng) {
      const out = {}, box = map.getContainer().getBoundingClientRect(), p = map.latLngToContainerPoint([lat, lng]);
      for (const cl of [baseLayer, dataLayer, highlightLayer]) {
        const d = cl._drawn; if (!d) continue;
        const r = cl._canvas.getBoundingClientRect(), q = map.project([lat, lng], d.zoom), k = r.width / d.w;
        out[cl.name] = [r.left - box.left + (q.x - d.ox) * k - p.x, r.top - box.top + (q.y - d.oy) * k - p.y];
      }
      return out;
    },
    redrawNow: function () { baseLayer.redraw(true); dataLayer.redraw(true); highlightLayer.redraw(true); return frames; },
  };

  function boot() {
    config = JSON.parse(document.getElementById("hg-config").textContent);
    map = window[config.mapVar];
    baseLayer.addTo(map);
    dataLayer.addTo(map);
    highlightLayer.addTo(map);
    window.hgmap = api;
    window.hgmapProbe = probe;
    let moveTimer = null, hoverTimer = null, lastMove = 0;
    map.on("mousemove", e => {
      const now = Date.now();
      if (now - lastMove > 40) { lastMove = now; report("mouseMove", e.latlng.lat, e.latlng.lng); }
      hideTooltip();
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(() => report("hover", e.latlng.lat, e.latlng.lng, map.getZoom()), 150);
    });
    map.on("mouseout", () => { clearTimeout(hoverTimer); hideTooltip(); });
    map.on("click", e => report("click", e.latlng.lat, e.latlng.lng, map.getZoom()));
    map.on("moveend zoomend", () => {
      clearTimeout(moveTimer);
      moveTimer = setTimeout(() => {
        const c = map.getCenter(), b = map.getBounds();
        report("viewChange", c.lat, c.lng, map.getZoom(), b.getWest(), b.getSouth(), b.getEast(), b.getNorth());
      }, 30);
    });
    const done = () => {
      const c = map.getCenter();
      report("ready", instance, c.lat, c.lng, map.getZoom());
      const waiting = unsent;
      unsent = null;
      for (const [name, args] of waiting) report(name, ...args);
    };
    if (config.bridge && typeof QWebChannel !== "undefined" && window.qt) {
      new QWebChannel(qt.webChannelTransport, ch => { bridge = ch.objects.bridge; done(); });
    } else {
      unsent = null;   // a page of its own (an exported web map): nobody to report to
    }
  }

  document.addEventListener("DOMContentLoaded", boot);
})();
