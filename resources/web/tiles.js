/* Basemap files the user added (MBTiles, PMTiles, tile folders, GeoTIFFs),
 * as Leaflet tile layers whose tiles come from the app's own scheme
 * (hegang_map/qt/tile_server.py): in Leaflet's tile pane, above the bundled
 * basemap's canvas (pane hgBasemap) and under the layers' canvases. */
(function (hg) {
  "use strict";

  const S = hg.state;
  S.tileLayers = new Map();   // id -> {layer, spec, loaded, failed}

  // Whether tiles of a shown layer are still on their way (a reported frame waits for them: api.notifyPainted).
  hg.tilesLoading = function () {
    return Array.from(S.tileLayers.values()).some(t => S.map.hasLayer(t.layer) && t.layer._loading);
  };

  // ``specs``: bottom first, each {id, url, visible, opacity, minZoom, maxZoom, bounds: [w, s, e, n]}.
  hg.setTileLayers = function (specs) {
    const wanted = new Set(specs.map(s => s.id));
    for (const [id, t] of S.tileLayers) {
      if (!wanted.has(id)) { t.layer.remove(); S.tileLayers.delete(id); }
    }
    specs.forEach((spec, i) => {
      let t = S.tileLayers.get(spec.id);
      if (!t || t.spec.url !== spec.url) {
        if (t) t.layer.remove();
        const b = spec.bounds;
        const layer = L.tileLayer(spec.url, {
          minNativeZoom: spec.minZoom, maxNativeZoom: spec.maxZoom, maxZoom: S.map.getMaxZoom(),
          bounds: L.latLngBounds([b[1], b[0]], [b[3], b[2]]), noWrap: true, keepBuffer: 1,
          updateWhenZooming: false, className: "hg-tiles",
        });
        t = { layer: layer, spec: spec, loaded: 0, failed: 0 };
        layer.on("tileload", () => { t.loaded++; });
        layer.on("tileerror", () => { t.failed++; });
        S.tileLayers.set(spec.id, t);
      }
      t.spec = spec;
      t.layer.setOpacity(spec.opacity);
      t.layer.setZIndex(i + 1);
      if (spec.visible && !S.map.hasLayer(t.layer)) t.layer.addTo(S.map);
      if (!spec.visible && S.map.hasLayer(t.layer)) t.layer.remove();
    });
  };

  // What each tile layer shows (tests and the status of a load).
  hg.tileLayerState = function () {
    return Array.from(S.tileLayers.values()).map(t => ({
      id: t.spec.id, visible: S.map.hasLayer(t.layer), opacity: t.layer.options.opacity,
      zIndex: t.layer.options.zIndex, loaded: t.loaded, failed: t.failed,
      shown: t.layer._container ? t.layer._container.querySelectorAll("img.leaflet-tile-loaded").length : 0,
    }));
  };
})(window.hgPage);
