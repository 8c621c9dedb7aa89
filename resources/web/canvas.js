/* The three canvases (basemap, thematic layers with their labels,
 * highlights) and what schedules and paints them. */
(function (hg) {
  "use strict";

  const S = hg.state;

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
    initialize: function (name, paint, keep, syncPaints, pane) {
      this.name = name;
      this._pane = pane || "overlayPane";
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
      m.getPane(this._pane).appendChild(this._canvas);
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
      const tl = S.map.containerPointToLayerPoint([0, 0]).add(S.map.getPixelOrigin()), size = S.map.getSize();
      return { x0: tl.x, y0: tl.y, x1: tl.x + size.x, y1: tl.y + size.y };
    },
    // Place the last frame for the map's current view (or for a zoom animation's
    // target); return its scale and whether it still covers the view.
    _place: function (zoom, pixelOrigin) {
      const d = this._drawn;
      if (!d) return null;
      const s = S.map.getZoomScale(zoom, d.zoom);
      const pos = L.point(d.ox * s - pixelOrigin.x, d.oy * s - pixelOrigin.y);
      L.DomUtil.setTransform(this._canvas, pos, s);
      return s;
    },
    _covers: function (s) {
      const d = this._drawn.valid, v = this._viewBox();
      return d.x0 * s <= v.x0 + 0.5 && d.y0 * s <= v.y0 + 0.5 && d.x1 * s >= v.x1 - 0.5 && d.y1 * s >= v.y1 - 0.5;
    },
    _onMove: function () {
      if (S.map._animatingZoom || !this._drawn) return;   // the CSS transition runs the zoom
      const s = this._place(S.map.getZoom(), S.map.getPixelOrigin());
      if (!this._covers(s) || s > MAX_STRETCH) this.schedule();
    },
    _onEnd: function () {
      if (S.map._animatingZoom || !this._drawn) { this.schedule(); return; }
      const s = this._place(S.map.getZoom(), S.map.getPixelOrigin());
      if (s !== 1 || S.map.getZoom() !== this._drawn.zoom || !this._covers(1)) { this.schedule(); return; }
      // Same zoom, still covered: only re-centre when most of the padding is used up.
      const d = this._drawn, v = this._viewBox();
      const dx = Math.abs(v.x0 - d.ox - d.px), dy = Math.abs(v.y0 - d.oy - d.py);
      if (dx > RECENTRE * d.px || dy > RECENTRE * d.py) this.schedule();
    },
    _onZoomAnim: function (e) {
      this._place(e.zoom, S.map._getNewPixelOrigin(e.center, e.zoom));
    },
    // Draw the view first and the padding around it once that frame is on
    // screen, each pass clipped to its own area so that together they make
    // exactly the picture one pass would (``sync``: one pass, now).
    redraw: function (sync) {
      this._pending = false;
      const size = S.map.getSize();
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
      const zoom = S.map.getZoom();
      const d = this._drawn = { zoom: zoom, ox: ox, oy: oy, w: w, h: h, px: px, py: py,
                                valid: { x0: ox + px, y0: oy + py, x1: ox + px + size.x, y1: oy + py + size.y } };
      this._place(zoom, S.map.getPixelOrigin());
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
      afterFetches(() => hg.onScreen(() => setTimeout(ring, 0)));
    },
  });

  // Layer data on its way: the padding passes (which nobody sees yet) wait for
  // it, so that it is drawn sooner.
  S.fetching = 0;
  const whenFetched = [];
  function afterFetches(fn) { if (S.fetching > 0) whenFetched.push(fn); else fn(); }
  function fetchDone() {
    if (--S.fetching > 0) return;
    for (const fn of whenFetched.splice(0)) fn();
  }

  function paintBasemap(ctx, vp, ring) {
    // The sea: the land layer's background, under every basemap layer.
    const land = S.order.map(id => S.layers.get(id)).find(r => r && r.basemap && r.visible && r.data && r.style &&
                                                              r.style.background);
    if (land) {
      ctx.fillStyle = land.style.background;
      ctx.fillRect(0, 0, vp.w, vp.h);
    }
    const labels = [];
    for (const id of S.order) {
      const rec = S.layers.get(id);
      if (!rec || !rec.basemap || !rec.visible || !rec.data || !rec.byClass) continue;
      ctx.globalAlpha = rec.opacity;
      drawLayer(ctx, rec, vp);
      if (S.labelsOn && rec.style.label) hg.collectLabels(rec, vp, labels);   // place names
    }
    ctx.globalAlpha = 1;
    hg.drawLabels(ctx, labels, vp);
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
    for (const id of S.order) {
      const rec = S.layers.get(id);
      if (!rec || rec.basemap || !rec.visible || !rec.data || !rec.byClass) continue;
      ctx.globalAlpha = rec.opacity;
      drawLayer(ctx, rec, vp);
      if (S.labelsOn && rec.style.label) hg.collectLabels(rec, vp, labels);
    }
    ctx.globalAlpha = 1;
    const symbols = [];
    if (labels.length) {
      for (const id of S.order) {
        const rec = S.layers.get(id);
        if (rec && !rec.basemap && rec.visible && rec.data && rec.byClass) hg.collectSymbols(rec, vp, symbols);
      }
    }
    hg.drawLabels(ctx, labels, vp, symbols);
    if (ring) return;
    S.frames++;
    hg.report("frameDrawn", S.frames);
  }

  function paintHighlights(ctx, vp) {
    if (S.highlight) hg.drawHighlight(ctx, vp);
    if (S.sceneHighlights.length) hg.drawSceneHighlights(ctx, vp);
    if (S.theme.on && !vp.ring) hg.keepClearOfRings();   // rings drawn where the view now is: the legend steps aside
  }

  // Draw the canvas that shows ``rec`` now rather than at the next animation
  // frame, which can come 100 ms later while the compositor is busy: for data
  // that just arrived, which the user is waiting for.
  function drawNow(rec) {
    if (rec.basemap || S.map._animatingZoom || !dataLayer._canvas) { scheduleFor(rec); return; }
    dataLayer.forget();
    dataLayer.redraw();
    if (S.highlight && S.highlight.id === rec.id || S.sceneHighlights.some(h => h.id === rec.id)) highlightLayer.schedule();
  }

  // Schedule the canvas that shows ``rec`` (both when unknown).
  function scheduleFor(rec) {
    if (!rec || rec.basemap) basemapChanged();
    if (!rec || !rec.basemap) dataChanged();
    // Highlight rings follow their layer's data, visibility and symbol size.
    if (!rec || (S.highlight && S.highlight.id === rec.id) || S.sceneHighlights.some(h => h.id === rec.id)) highlightLayer.schedule();
  }
  function scheduleAll() { basemapChanged(); dataChanged(); highlightLayer.schedule(); }

  const PATH_BATCH = 256;

  // A layer too large to keep in the page has an overview (lines and
  // polygons as their boxes) and, for the last view asked, its detail: the
  // detail is drawn when it covers the whole canvas at a zoom it was made for.
  function detailFor(rec, vp) {
    const d = rec.detail;
    if (!d || !d.byClass || vp.zoom < d.zoom || vp.zoom >= d.zoom + 2) return null;
    const nw = S.map.project([d.bounds[3], d.bounds[0]], vp.zoom), se = S.map.project([d.bounds[1], d.bounds[2]], vp.zoom);
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
    const t = hg.transformOf(data, vp);
    const symbols = rec.style.symbols;
    let drawn = 0;
    for (const [name, g] of Object.entries(data.groups)) {
      if (!wanted(name)) continue;
      const bc = byClass[name];
      const lv = name === "points" ? g : hg.levelFor(g, vp.zoom);
      for (let c = 0; c < bc.k; c++) {
        const sym = symbols[c];
        const a = bc.start[c], b = bc.start[c + 1];
        if (a === b) continue;
        if (name === "points") { drawn += hg.drawPoints(ctx, g, bc.idx, a, b, t, vp, sym); continue; }
        const tiny = b - a >= hg.TINY_MIN ? { rects: hg.tinyRects(b - a), n: 0 } : null;
        // Paths of at most PATH_BATCH features: Skia rasterises many small
        // paths much faster than one path of a hundred thousand rings.
        for (let j = a; j < b; j += PATH_BATCH) {
          ctx.beginPath();
          const n = hg.tracePaths(ctx, g, bc.idx, j, Math.min(b, j + PATH_BATCH), t, vp, name === "polygons", lv, tiny,
                               hg.hasDash(sym));
          if (n.traced) hg.paint(ctx, sym, name);
          drawn += n.drawn;
        }
        if (tiny && tiny.n) hg.drawTiny(ctx, tiny, vp, sym, name);
      }
    }
    return drawn;
  }

  // The bundled basemap sits in its own pane under Leaflet's tile pane, so
  // that the basemap files a user adds (tiles.js) cover it and lie under the layers.
  const baseLayer = new CanvasLayer("basemap", paintBasemap, 3, false, "hgBasemap");
  // Thematic layers keep two frames: zooming in and back out to a view of a
  // million points is a blit. Any change to what they show forgets them (dataChanged).
  const dataLayer = new CanvasLayer("data", paintData, 2, true);
  // Not while a layer draws viewport detail: every new view brings new detail,
  // which forgets the frames; copying them would be work for nothing.
  dataLayer._keepIf = () => !Array.from(S.layers.values()).some(r => r.detailSpec && r.visible);
  const highlightLayer = new CanvasLayer("highlight", paintHighlights);

  Object.assign(hg, { baseLayer, dataLayer, highlightLayer, fetchDone, basemapChanged, dataChanged,
                      drawNow, scheduleFor, scheduleAll, detailFor });
})(window.hgPage);
