/* Start the page: find folium's map, add the canvases, publish window.hgmap
 * and window.hgmapProbe, report the user's pointer and view to Python
 * through the Qt web channel (the slots of hegang_map/qt/bridge.py). The
 * last of the page's modules to load. */
(function (hg) {
  "use strict";

  const S = hg.state;
  const report = hg.report;

  function boot() {
    S.config = JSON.parse(document.getElementById("hg-config").textContent);
    const map = S.map = window[S.config.mapVar];
    map.createPane("hgBasemap").style.zIndex = 150;   // under the tile pane (200)
    hg.baseLayer.addTo(map);
    hg.dataLayer.addTo(map);
    hg.highlightLayer.addTo(map);
    window.hgmap = hg.api;
    window.hgmapProbe = hg.probe;
    if (!S.config.bridge) { S.unsent = null; return; }   // a page of its own (an exported web map)

    let moveTimer = null, hoverTimer = null, lastMove = 0;
    map.on("mousemove", e => {
      const now = Date.now();
      if (now - lastMove > 40) { lastMove = now; report("mouseMove", e.latlng.lat, e.latlng.lng); }
      hg.hideTooltip();
      clearTimeout(hoverTimer);
      // Once the pointer rests: Python gives the feature's label (showTooltip).
      hoverTimer = setTimeout(() => {
        const hit = hg.pick(e.latlng.lat, e.latlng.lng);
        if (hit) report("hover", hit.id, hit.row, e.latlng.lat, e.latlng.lng);
      }, 150);
    });
    map.on("mouseout", () => { clearTimeout(hoverTimer); hg.hideTooltip(); });
    map.on("click", e => {
      const hit = hg.pick(e.latlng.lat, e.latlng.lng);
      report("click", hit ? hit.id : "", hit ? hit.row : -1);
    });
    map.on("moveend zoomend", () => {
      clearTimeout(moveTimer);
      moveTimer = setTimeout(() => {
        const c = map.getCenter(), b = map.getBounds();
        report("viewChange", c.lat, c.lng, map.getZoom(), b.getWest(), b.getSouth(), b.getEast(), b.getNorth());
      }, 30);
    });
    const done = () => {
      const c = map.getCenter();
      report("ready", S.instance, c.lat, c.lng, map.getZoom());
      const waiting = S.unsent;
      S.unsent = null;
      for (const [name, args] of waiting) report(name, ...args);
    };
    if (typeof QWebChannel !== "undefined" && window.qt) {
      new QWebChannel(qt.webChannelTransport, ch => { S.bridge = ch.objects.bridge; done(); });
    } else {
      S.unsent = null;   // no Qt to report to
    }
  }

  document.addEventListener("DOMContentLoaded", boot);
})(window.hgPage);
