/* What the page shows over the map besides the layers: the legend (built
 * from each style's legend, hegang_map.model.legend.Legend.to_dict()), the
 * period tag and the hover tooltip. Every text goes in with textContent,
 * colours only as CSS property values. */
(function (hg) {
  "use strict";

  const S = hg.state;
  const el = hg.el;

  let tooltip = null;
  function showTooltip(text, lat, lng) {
    if (!tooltip) {
      tooltip = L.DomUtil.create("div", "hg-tooltip", S.map.getContainer());
    }
    tooltip.textContent = String(text);
    const p = S.map.latLngToContainerPoint([lat, lng]);
    tooltip.style.left = (p.x + 12) + "px";
    tooltip.style.top = (p.y - 8) + "px";
    tooltip.style.display = "block";
  }
  function hideTooltip() { if (tooltip) tooltip.style.display = "none"; }

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
    else hg.marker(ctx, size / 2, size / 2, entry.radius, entry.marker);
    const sym = { color: entry.color, strokeColor: entry.stroke_color, strokeWidth: entry.stroke_width,
                  fillOpacity: entry.fill_opacity, dash: dash };
    if (geometry === "line") sym.strokeWidth = Math.max(1.5, entry.stroke_width);
    hg.paint(ctx, sym, geometry === "line" ? "lines" : "points");
    return c;
  }
  // The element ``id`` over the map, made with ``css`` (and ``setUp``) the first time it is asked for.
  function overlay(id, css, setUp) {
    let e = document.getElementById(id);
    if (!e) {
      e = el("div", css);
      e.id = id;
      S.map.getContainer().appendChild(e);
      if (setUp) setUp(e);
    }
    return e;
  }

  // Shares of the map's width and area the open legend may take before it starts folded.
  const MAX_WIDTH = 0.4, MAX_AREA = 0.25;

  function coversTooMuch(box) {
    if (box.style.display === "none") return false;
    const size = S.map.getSize();
    const zoom = parseFloat(box.style.zoom) || 1, w = box.offsetWidth * zoom, h = box.offsetHeight * zoom;
    return w > MAX_WIDTH * size.x || w * h > MAX_AREA * size.x * size.y;
  }

  function renderLegend() {
    if (!S.map) return;
    // Bottom left, above the scale bar: over China's sparse west, not the dense east.
    const box = overlay("hg-legend", "position:absolute;left:8px;bottom:62px;z-index:800;" +
      "background:rgba(255,255,255,0.93);border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3);padding:6px 9px;" +
      "font-size:12px;color:#1a1a1a;max-width:300px;max-height:58%;overflow-y:auto;" +
      // Chinese titles and labels break between terms (at 、，— and spaces), not inside
      // 自然间断点; a term wider than the box still breaks.
      "word-break:keep-all;overflow-wrap:break-word;" +
      "font-family:'DejaVu Sans','HG Sans',sans-serif;", b => {
        b.className = "hg-legend";
        L.DomEvent.disableClickPropagation(b);
        L.DomEvent.disableScrollPropagation(b);
        S.map.on("resize", renderLegend);   // a smaller window may fold it, a larger one open it
        S.map.on("moveend", keepClearOfRings);
      });
    box.textContent = "";
    let period = null, n = 0;
    for (const id of S.order.slice().reverse()) {
      const rec = S.layers.get(id);
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
      const expanded = lg.kind === "graduated" || id === S.legendFocus;
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
    // Projector: the legend moves to the top left (the caption card is at the
    // bottom) and grows with the screen.
    box.style.zoom = S.theme.legend;
    box.style.top = "";   // on the projector, under the credits line (placeUnderCredits)
    box.style.bottom = S.theme.on ? "auto" : "62px";
    // Off a scene's rings: the top right corner, when the top left would hide one (keepClearOfRings).
    const right = S.theme.on && S.legendCorner === "right";
    box.style.left = right ? "auto" : "8px";
    box.style.right = right ? "8px" : "auto";
    box.style.maxHeight = "58%";   // on the projector: fitProjectorLegend
    box.style.display = (S.legendOn && n) ? "block" : "none";
    // Until the user says otherwise, a legend that would cover much of a small
    // map starts folded: the Layers panel shows the active layer's legend.
    const folded = (S.theme.on && S.legendYields) ||
      (S.legendFolded === null ? !S.theme.on && coversTooMuch(box) : S.legendFolded);
    // A button folds the legend away and opens it again.
    if (folded) box.textContent = "";
    const fold = el("button", "border:none;background:none;cursor:pointer;color:#444;font:inherit;padding:0 2px;" +
      (folded ? "font-weight:600;" : "position:absolute;top:1px;right:2px;font-size:14px;line-height:1;"),
      box, folded ? S.texts.legend + " ▸" : "−");
    fold.className = "hg-legend-fold";
    fold.title = folded ? S.texts.showLegend : S.texts.foldLegend;
    fold.addEventListener("click", () => { S.legendFolded = !folded; renderLegend(); });
    box.style.paddingRight = folded ? "9px" : "20px";
    const tag = overlay("hg-period", "position:absolute;top:10px;left:50%;transform:translateX(-50%);z-index:800;" +
      "font-size:30px;font-weight:700;color:#222;background:rgba(255,255,255,0.8);border-radius:4px;" +
      "padding:0 12px;pointer-events:none;font-family:'DejaVu Sans','HG Sans',sans-serif;");
    tag.textContent = period === null ? "" : String(period);
    tag.style.zoom = S.theme.legend;
    placeUnderCredits();
    tag.style.display = period === null ? "none" : "block";
  }

  // The scale bar writes its units in the app's language (S.texts): Leaflet's
  // own control, its label method taking the words from there. Metric only,
  // as the figures and the field's maps are (a Chinese map in miles is
  // nobody's); long enough that "1000 km" fits inside its bar.
  const scale = L.Control.Scale.prototype;
  scale.options.imperial = false;
  scale.options.maxWidth = 150;
  const scaleOnAdd = scale.onAdd;
  scale.onAdd = function (map) { S.scaleControl = this; return scaleOnAdd.call(this, map); };
  scale._updateMetric = function (maxMeters) {
    const meters = this._getRoundNum(maxMeters);
    const label = meters < 1000 ? meters + " " + S.texts.m : (meters / 1000) + " " + S.texts.km;
    this._updateScale(this._mScale, label, meters / maxMeters);
  };
  // The year, and on the projector the legend, sit at the top, under the
  // credits line where the projector theme runs it along the top (offsets
  // are in the zoomed elements' own pixels).
  function placeUnderCredits() {
    const credits = document.getElementById("hg-attribution");
    const under = S.theme.on && credits && credits.textContent ? credits.offsetHeight + 4 : 10;
    const tag = document.getElementById("hg-period"), box = document.getElementById("hg-legend");
    if (tag) tag.style.top = (under / (S.theme.legend || 1)) + "px";
    if (box && S.theme.on) fitProjectorLegend(box, under);
  }

  // Nobody scrolls a projected legend: one taller than its share of the map
  // (under the credits line, above the scale bar) is set smaller to fit,
  // down to MIN_PROJECTOR_ZOOM of the theme's size; only then does it scroll.
  const PROJECTOR_SHARE = 0.8, MIN_PROJECTOR_ZOOM = 0.7;
  function fitProjectorLegend(box, under) {
    const room = PROJECTOR_SHARE * S.map.getSize().y - under;
    box.style.zoom = S.theme.legend;
    box.style.maxHeight = "none";
    const natural = box.scrollHeight;   // in the box's own (unzoomed) pixels
    const zoom = Math.max(MIN_PROJECTOR_ZOOM * S.theme.legend, Math.min(S.theme.legend, room / Math.max(natural, 1)));
    box.style.zoom = zoom;
    box.style.maxHeight = Math.max(40, room / zoom) + "px";
    box.style.top = (under / zoom) + "px";
  }

  function updateScale() { if (S.scaleControl && S.scaleControl._map) S.scaleControl._update(); }

  // A scene's ringed places, as map container points.
  function ringedPoints() {
    const out = [];
    hg.eachSceneItem((rec, name, g, i) => {
      let x, y;
      if (name === "points") { x = g.coords[2 * i]; y = g.coords[2 * i + 1]; }
      else { x = (g.bbox[4 * i] + g.bbox[4 * i + 2]) / 2; y = (g.bbox[4 * i + 1] + g.bbox[4 * i + 3]) / 2; }
      const ll = S.map.unproject(L.point(x + rec.data.origin[0], y + rec.data.origin[1]), 0);
      out.push(S.map.latLngToContainerPoint(ll));
    });
    return out;
  }

  // The legend's box in map container pixels, or null when it is not shown.
  function legendRect() {
    const box = document.getElementById("hg-legend");
    if (!box || box.style.display === "none") return null;
    const r = box.getBoundingClientRect(), m = S.map.getContainer().getBoundingClientRect();
    return { left: r.left - m.left, top: r.top - m.top, right: r.right - m.left, bottom: r.bottom - m.top };
  }

  function legendCovers(points) {
    const r = legendRect();
    const R = hg.sceneRingRadius() + 3.5 * S.theme.stroke;
    return !!r && points.some(p => p.x + R > r.left && p.x - R < r.right && p.y + R > r.top && p.y - R < r.bottom);
  }

  // In a presentation the legend never hides a ringed place: it moves to the
  // top right corner, and folds when that hides one too.
  S.legendCorner = "left";
  S.legendYields = false;
  function keepClearOfRings() {
    if (!S.map) return;
    const points = S.theme.on ? ringedPoints() : [];
    const was = S.legendCorner + S.legendYields;
    S.legendCorner = "left"; S.legendYields = false;
    if (points.length) {
      renderLegend();
      if (legendCovers(points)) {
        S.legendCorner = "right"; renderLegend();
        if (legendCovers(points)) { S.legendYields = true; }
      }
    }
    if (S.legendCorner + S.legendYields !== was || points.length) renderLegend();
    if (S.legendCorner + S.legendYields !== was) hg.dataChanged();   // labels keep off the legend where it now is
  }

  Object.assign(hg, { keepClearOfRings, ringedPoints, legendRect, renderLegend, showTooltip, hideTooltip, updateScale, placeUnderCredits });
})(window.hgPage);
