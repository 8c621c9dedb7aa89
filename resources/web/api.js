/* window.hgmap: the commands Python gives the page (MapView.call), each
 * taking JSON values. Nothing here answers tests: that is probe.js. */
(function (hg) {
  "use strict";

  const S = hg.state;

  function styleRecord(rec, style) {
    rec.style = style;
    rec.classOf = null;
    hg.renderLegend();
    if (style.classUrl) {
      S.classesLoading++;
      return hg.fetchBuffer(style.classUrl).then(buf => {
        if (rec.style !== style) return;   // a newer style arrived meanwhile
        rec.classOf = new Uint16Array(buf);
        if (rec.data) hg.classify(rec);
        hg.scheduleFor(rec);
      }).catch(() => { /* superseded by a newer style whose array replaced this one */ })
        .finally(() => { S.classesLoading--; });
    }
    if (rec.data) hg.classify(rec);
    hg.scheduleFor(rec);
    return Promise.resolve();
  }

  const api = {
    instance: S.instance,
    addLayer: function (spec) {
      const rec = { id: spec.id, name: spec.name, visible: spec.visible, opacity: spec.opacity,
                    basemap: !!spec.basemap, data: null, style: spec.style, classOf: null, shown: 0,
                    url: spec.url };
      S.layers.set(spec.id, rec);
      if (!S.order.includes(spec.id)) S.order.push(spec.id);
      const styled = styleRecord(rec, spec.style);
      S.fetching++;
      hg.fetchBuffer(spec.url).then(buf => {
        if (S.layers.get(spec.id) !== rec) return;
        rec.data = hg.parsePayload(buf);
        return styled.then(() => {
          if (S.layers.get(spec.id) !== rec) return;   // removed (or replaced under the same id) meanwhile
          hg.classify(rec);
          // Several layers arriving together (a start) share one frame.
          if (S.fetching > 1) hg.scheduleFor(rec); else hg.drawNow(rec);
          const loaded = () => {
            if (S.layers.get(spec.id) === rec) hg.report("layerLoad", spec.id, rec.data.features);
          };
          // A layer drawn while its read goes on: the read waits for this
          // report, and would hold the CPU the frame needs to reach the screen.
          if (spec.early) hg.onScreen(loaded); else loaded();
          if (rec.whenLoaded) rec.whenLoaded();
        });
      }).catch(err => {
        if (S.layers.get(spec.id) === rec) hg.report("layerFail", spec.id, String(err));
        if (rec.whenLoaded) rec.whenLoaded();
      }).finally(hg.fetchDone);
    },
    // Swap in new data for a loaded layer (the same features with levels of
    // detail, made after the first draw) without touching its style or state.
    updateData: function (id, url) {
      const rec = S.layers.get(id); if (!rec || !rec.data) return;
      hg.fetchBuffer(url).then(buf => {
        if (S.layers.get(id) !== rec) return;
        const data = hg.parsePayload(buf);
        if (data.features !== rec.data.features) return;
        rec.data = data;
        rec.url = url;
        rec.updates = (rec.updates || 0) + 1;
        if (rec.byClass) hg.classify(rec);
        hg.scheduleFor(rec);
      }).catch(() => { /* the first data stays */ });
    },
    // Detail of a layer too large to keep in the page, for a view:
    // ``spec`` = {url, bounds: [w, s, e, n], zoom}, or null to drop it.
    setDetail: function (id, spec) {
      const rec = S.layers.get(id); if (!rec) return;
      if (!spec) { rec.detail = null; rec.detailSpec = null; hg.scheduleFor(rec); return Promise.resolve(); }
      rec.detailSpec = spec;
      S.detailsLoading++;
      return hg.fetchBuffer(spec.url).then(buf => {
        if (S.layers.get(id) !== rec || rec.detailSpec !== spec) return;   // a newer view asked meanwhile
        rec.detail = { data: hg.parsePayload(buf), bounds: spec.bounds, zoom: spec.zoom, byClass: null };
        rec.details = (rec.details || 0) + 1;
        if (rec.byClass) rec.detail.byClass = hg.classesOf(rec, rec.detail.data);
        hg.scheduleFor(rec);
      }).catch(() => { /* the overview stays */ }).finally(() => { S.detailsLoading--; hg.report("detailLoad", id); });
    },
    removeLayer: function (id) {
      const rec = S.layers.get(id);
      S.layers.delete(id);
      S.order = S.order.filter(x => x !== id);
      if (S.highlight && S.highlight.id === id) { S.highlight = null; hg.highlightLayer.schedule(); }
      if (S.sceneHighlights.some(h => h.id === id)) hg.highlightLayer.schedule();
      hg.scheduleFor(rec);
      hg.renderLegend();
    },
    setVisible: function (id, visible) {
      const rec = S.layers.get(id); if (!rec) return;
      rec.visible = !!visible; hg.scheduleFor(rec); hg.highlightLayer.schedule(); hg.renderLegend();
    },
    setOpacity: function (id, opacity) {
      const rec = S.layers.get(id); if (!rec) return;
      rec.opacity = Number(opacity); hg.scheduleFor(rec);
    },
    setName: function (id, name) { const rec = S.layers.get(id); if (rec) rec.name = String(name); },
    setOrder: function (ids) {
      const next = ids.filter(id => S.layers.has(id));
      const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
      const base = ids => ids.filter(id => S.layers.get(id).basemap), user = ids => ids.filter(id => !S.layers.get(id).basemap);
      const prev = S.order.filter(id => S.layers.has(id));
      S.order = next;
      // Only the canvas whose stacking changed is redrawn.
      if (!same(base(prev), base(next))) hg.basemapChanged();
      if (!same(user(prev), user(next))) hg.dataChanged();
      hg.renderLegend();
    },
    setStyle: function (id, style) { const rec = S.layers.get(id); if (rec) styleRecord(rec, style); },
    setLegendVisible: function (on) { S.legendOn = !!on; hg.renderLegend(); },
    setLegendFocus: function (id) { S.legendFocus = id; hg.renderLegend(); },
    // The page's own words in the app's language: legend button, scale bar units.
    setTexts: function (texts) {
      for (const key of Object.keys(S.texts)) if (texts && typeof texts[key] === "string") S.texts[key] = texts[key];
      hg.renderLegend();
      hg.updateScale();
    },
    setLabelsVisible: function (on) { S.labelsOn = !!on; hg.dataChanged(); },
    // Projector theme: ``scale`` ~1 at 768 px high, larger on bigger screens.
    setProjector: function (on, scale) {
      const s = on ? Math.max(1, Number(scale) || 1) : 1;
      S.theme.on = !!on; S.theme.stroke = on ? 1.6 * s : 1; S.theme.radius = on ? 1.35 * s : 1;
      S.theme.label = on ? 1.5 * s : 1; S.theme.legend = on ? 1.1 * s : 1;
      // A scene's area is fitted on quarter zoom steps (the presentation's ZOOM_SNAP).
      S.map.options.zoomSnap = on ? 0.25 : 1;
      document.body.classList.toggle("hg-projector", !!on);
      document.body.style.setProperty("--hg-projector-scale", String(s));
      hg.renderLegend();
      hg.scheduleAll();
    },
    setSceneHighlights: function (list) {
      S.sceneHighlights = (Array.isArray(list) ? list : []).filter(h => h && typeof h.id === "string")
        .map(h => ({ id: h.id, rows: (h.rows || []).filter(r => Number.isInteger(r)) }));
      hg.highlightLayer.schedule();
      hg.dataChanged();   // labels step aside from the rings
      hg.keepClearOfRings();
    },
    setHighlight: function (id, row) {
      S.highlight = (id === null) ? null : { id: id, row: row };
      hg.highlightLayer.schedule();
    },
    fitBounds: function (b, maxZoom) {
      S.map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { maxZoom: maxZoom || 14, animate: false });
    },
    setView: function (lat, lng, zoom, animate) {
      if (animate) S.map.flyTo([lat, lng], zoom, { duration: 1.2 });
      else S.map.setView([lat, lng], zoom, { animate: false });
    },
    panTo: function (lat, lng) { S.map.panTo([lat, lng], { animate: false }); },
    showTooltip: hg.showTooltip,
    hideTooltip: hg.hideTooltip,
    setTileLayers: function (specs) { hg.setTileLayers(specs); },
    setAttribution: function (text) {
      document.getElementById("hg-attribution").textContent = String(text || "");
      hg.placeUnderCredits();
    },
    setHint: function (text) {
      let el = document.getElementById("hg-hint");
      if (!el) { el = L.DomUtil.create("div", "hg-hint", S.map.getContainer()); el.id = "hg-hint"; }
      el.textContent = String(text || "");
      el.style.display = text ? "block" : "none";
    },
    // Everything the page shows, as JSON-able data: ``restore`` in another
    // page (the view image renderer) makes the same picture.
    snapshot: function () {
      const c = S.map.getCenter(), size = S.map.getSize();
      const hint = document.getElementById("hg-hint");
      return {
        layers: S.order.map(id => S.layers.get(id)).filter(r => r && r.url).map(r => ({
          id: r.id, name: r.name, url: r.url, style: r.style, visible: r.visible,
          opacity: r.opacity, basemap: r.basemap, detail: r.detail ? r.detailSpec : null })),
        order: S.order.slice(),
        attribution: document.getElementById("hg-attribution").textContent,
        hint: hint && hint.style.display !== "none" ? hint.textContent : "",
        legendOn: S.legendOn, legendFocus: S.legendFocus, labelsOn: S.labelsOn, highlight: S.highlight,
        view: { lat: c.lat, lng: c.lng, zoom: S.map.getZoom() }, size: [size.x, size.y],
      };
    },
    // Show a ``snapshot``; report ``token`` (framePainted) once every layer
    // has loaded, the fonts are in and that frame is on screen.
    restore: function (snap, token) {
      S.legendOn = !!snap.legendOn; S.legendFocus = snap.legendFocus; S.labelsOn = !!snap.labelsOn;
      S.map.invalidateSize({ animate: false });
      S.map.setView([snap.view.lat, snap.view.lng], snap.view.zoom, { animate: false });
      let pending = snap.layers.length;
      const finish = () => {
        const fonts = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
        fonts.then(() => {
          S.map.setView([snap.view.lat, snap.view.lng], snap.view.zoom, { animate: false });
          api.notifyPainted(token);
        });
      };
      const one = () => { if (--pending === 0) finish(); };
      for (const spec of snap.layers) {
        api.addLayer(spec);
        const rec = S.layers.get(spec.id);
        rec.whenLoaded = one;
        if (spec.detail) { pending++; api.setDetail(spec.id, spec.detail).then(one); }
      }
      api.setOrder(snap.order);
      api.setAttribution(snap.attribution);
      api.setHint(snap.hint);
      S.highlight = snap.highlight;
      hg.renderLegend();
      if (!pending) finish();
    },
    leafletMap: function () { return S.map; },
    // Report ``token`` once the current frame has reached the screen (two
    // animation frames later), so a grab taken then shows it.
    notifyPainted: function (token, width, height) {
      // Chromium learns of a new view size a little after Qt resizes the
      // widget: wait (a few frames at most) until the page has the size
      // Python expects, so a grab never shows a frame drawn at the old size.
      const sized = () => !width || (window.innerWidth === width && window.innerHeight === height);
      let tries = 0;
      const paint = () => {
        // Also wait for viewport detail, new styles' classes and basemap tiles
        // on their way (a few seconds at most): the frame reported must show them.
        if ((!sized() || S.detailsLoading > 0 || S.classesLoading > 0 || hg.tilesLoading()) && ++tries < 600) {
          requestAnimationFrame(paint);
          return;
        }
        S.map.invalidateSize({ animate: false, pan: false });
        hg.baseLayer.redraw(true); hg.dataLayer.redraw(true); hg.highlightLayer.redraw(true);
        hg.onScreen(() => hg.report("framePainted", token));
      };
      // Text in the CJK font is invisible while the font loads (font-display:
      // block), and the page asks for it only once some text needs it: the
      // frame reported waits for it, and its labels are drawn in it.
      const font = document.fonts && document.fonts.load
        ? document.fonts.load("12px 'HG Sans'", "\u9e64").then(() => document.fonts.ready) : Promise.resolve();
      font.then(paint, paint);
    },
  };

  hg.api = api;
})(window.hgPage);
