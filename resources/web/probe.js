/* window.hgmapProbe: the questions tests and benchmarks ask the page. The
 * app itself only commands the page, through window.hgmap (api.js). */
(function (hg) {
  "use strict";

  const S = hg.state;

  const probe = {
    // The colours of a layer's current style and whether its classes have arrived (benchmarks, tests).
    styleState: function (id) {
      const rec = S.layers.get(id); if (!rec || !rec.style) return null;
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
      return { on: S.theme.on, stroke: S.theme.stroke, label: S.theme.label, legend: S.theme.legend,
               highlights: S.sceneHighlights.map(h => ({ id: h.id, rows: h.rows.slice() })) };
    },
    // Where a scene's ringed places and the legend are (map container pixels), and the map's size.
    framingInfo: function () {
      const size = S.map.getSize(), b = S.map.getBounds();
      return { width: size.x, height: size.y, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
               rings: hg.ringedPoints().map(p => [p.x, p.y]),
               ringRadius: hg.sceneRingRadius() + 3.5 * S.theme.stroke, legend: hg.legendRect(),
               corner: S.legendCorner, folded: S.legendYields, zoom: S.map.getZoom() };
    },
    // What the page shows, for the status of tests and the app alike.
    info: function () {
      const c = S.map.getCenter();
      return {
        instance: S.instance, frames: S.frames,
        // Frames drawn by each canvas (basemap, thematic layers, highlights).
        canvasFrames: { basemap: hg.baseLayer.frames, data: hg.dataLayer.frames, highlight: hg.highlightLayer.frames },
        stamped: S.stamped,   // classes drawn as one stamped ImageData so far
        reused: hg.baseLayer.reused,   // basemap frames blitted from the kept ones instead of drawn
        dataReused: hg.dataLayer.reused,   // the same for the thematic layers
        canvasBusy: hg.baseLayer.busy() || hg.dataLayer.busy() || hg.highlightLayer.busy(),
        order: S.order.slice(),
        view: { lat: c.lat, lng: c.lng, zoom: S.map.getZoom() },
        layers: S.order.map(id => {
          const r = S.layers.get(id);
          return { id: id, name: r.name, loaded: !!r.data, features: r.data ? r.data.features : 0,
                   levels: r.data ? Object.values(r.data.groups).reduce((n, g) => n + (g.levels || []).length, 0) : 0,
                   updates: r.updates || 0, details: r.details || 0, detailDrawn: !!r.detailDrawn,
                   shown: r.shown, drawn: r.drawn || 0, visible: r.visible, opacity: r.opacity, basemap: r.basemap };
        }),
        highlight: S.highlight,
      };
    },
    // Longitude/latitude of the first vertex of a data row, from the page's own copy.
    featureLatLng: function (id, row) {
      const rec = S.layers.get(id); if (!rec || !rec.data) return null;
      const items = hg.itemsOfRow(rec.data, row); if (!items.length) return null;
      const [, g, i] = items[0];
      const v = g.paths ? g.paths[g.parts[i]] : i;
      const p = L.point((g.coords[2 * v] + rec.data.origin[0]) * 1, (g.coords[2 * v + 1] + rec.data.origin[1]) * 1);
      const ll = S.map.unproject(p, 0);
      return { lat: ll.lat, lng: ll.lng };
    },
    // The colour the canvases hold at a map location (what the user sees
    // there): the three canvases composited, top over bottom.
    pixelAt: function (lat, lng) {
      const dpr = window.devicePixelRatio || 1;
      let out = [0, 0, 0, 0];
      for (const cl of [hg.baseLayer, hg.dataLayer, hg.highlightLayer]) {
        const d0 = cl._drawn; if (!d0) continue;
        const p = S.map.project([lat, lng], d0.zoom);
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
      const out = {}, box = S.map.getContainer().getBoundingClientRect(), p = S.map.latLngToContainerPoint([lat, lng]);
      for (const cl of [hg.baseLayer, hg.dataLayer, hg.highlightLayer]) {
        const d = cl._drawn; if (!d) continue;
        const r = cl._canvas.getBoundingClientRect(), q = S.map.project([lat, lng], d.zoom), k = r.width / d.w;
        out[cl.name] = [r.left - box.left + (q.x - d.ox) * k - p.x, r.top - box.top + (q.y - d.oy) * k - p.y];
      }
      return out;
    },
    tileLayers: function () { return hg.tileLayerState(); },
    // The labels of the thematic layers as last drawn ({text, box: [x0, y0, x1, y1]}, CSS pixels of the
    // map) and the boxes of the scene's rings.
    labelInfo: function () { return { labels: S.placedLabels, rings: S.labelRings, view: S.labelView }; },
    redrawNow: function () { hg.baseLayer.redraw(true); hg.dataLayer.redraw(true); hg.highlightLayer.redraw(true); return S.frames; },
  };

  hg.probe = probe;
})(window.hgPage);
