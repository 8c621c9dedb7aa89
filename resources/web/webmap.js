/* The exported web map (hegang_map/render/webmap.py): load the layers the
 * file carries (JSON in the block #hg-standalone, never code) and open a
 * popup of the attributes of the feature clicked, picked by the same rule
 * as the window's Identify (pick.js). Every text goes in with textContent. */
(function (hg) {
  "use strict";

  const el = hg.el;

  function text(v) { return v === null || v === undefined ? "" : String(v); }

  // The popup's content: the layer's name over a table of field and value.
  function content(name, table, row) {
    const values = table.rows[row] || [];
    const box = el("div");
    box.className = "hg-popup";
    el("div", "font-weight:600;margin-bottom:4px;", box, text(name)).className = "hg-popup-title";
    const grid = el("table", "border-collapse:collapse;font-size:12px;", box);
    table.fields.forEach((f, j) => {
      const tr = el("tr", "", grid);
      el("th", "text-align:left;padding:1px 8px 1px 0;color:#555;font-weight:normal;vertical-align:top;", tr, text(f));
      el("td", "padding:1px 0;word-break:break-word;", tr,
         values[j] === null || values[j] === undefined ? "\u2014" : text(values[j]));
    });
    return box;
  }

  function start() {
    const block = document.getElementById("hg-standalone");
    if (!block || !window.hgmap) return;
    const boot = JSON.parse(block.textContent);
    const api = window.hgmap, map = api.leafletMap();
    const attrs = {};
    boot.layers.forEach(s => { if (s.attrs) attrs[s.id] = { name: s.name, table: s.attrs }; });
    let popup = null;
    // Open the popup of the feature at (lat, lng); returns what it shows (tests ask this too).
    function popupAt(lat, lng) {
      const hit = hg.pick(lat, lng);
      const a = hit && attrs[hit.id];
      if (!a) { if (popup) map.closePopup(popup); return null; }
      const node = content(a.name, a.table, hit.row);
      popup = L.popup({ maxWidth: 360, maxHeight: 320, autoPan: false }).setLatLng([lat, lng]).setContent(node).openOn(map);
      return { id: hit.id, row: hit.row, text: node.textContent };
    }
    window.hgWebmap = { popupAt: popupAt };
    map.on("click", e => popupAt(e.latlng.lat, e.latlng.lng));

    const go = () => {
      if (boot.texts) api.setTexts(boot.texts);
      boot.layers.forEach(spec => api.addLayer(spec));
      api.setOrder(boot.order);
      api.setAttribution(boot.attribution);
      api.setLegendVisible(true);
      if (boot.fit) api.fitBounds(boot.fit, 12);
      if (boot.title) {
        el("div", "position:absolute;top:8px;left:56px;z-index:1000;background:rgba(255,255,255,.85);" +
           "padding:4px 10px;font:600 16px 'DejaVu Sans','HG Sans',sans-serif;border-radius:4px",
           document.body, boot.title).className = "hg-standalone-title";
      }
    };
    // Canvas labels do not wait for web fonts: load the inlined CJK font first.
    if (document.fonts && document.fonts.load) document.fonts.load("12px 'HG Sans'", "\u9e64").then(go, go);
    else go();
  }

  document.addEventListener("DOMContentLoaded", start);
})(window.hgPage);
