/* Highlights on their own canvas: the identified feature (one) and a
 * scene's features (rings, several at once). */
(function (hg) {
  "use strict";

  const S = hg.state;

  function drawHighlight(ctx, vp) {
    const rec = S.layers.get(S.highlight.id);
    if (!rec || !rec.data || !rec.visible) return;
    // The detail's outline of the feature where it is drawn, else the overview's.
    const detail = hg.detailFor(rec, vp);
    let data = detail ? detail.data : rec.data;
    let items = hg.itemsOfRow(data, S.highlight.row);
    if (!items.length && detail) { data = rec.data; items = hg.itemsOfRow(data, S.highlight.row); }
    const t = hg.transformOf(data, vp);
    ctx.save();
    for (const [name, g, i] of items) {
      ctx.beginPath();
      if (name === "points") {
        const x = g.coords[2 * i] * t.s + t.bx, y = g.coords[2 * i + 1] * t.s + t.by;
        const r = Math.max(6, (rec.style.symbols[0] || {}).radius + 4 || 6);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
      } else {
        hg.tracePaths(ctx, g, new Uint32Array([i]), 0, 1, t, vp, name === "polygons");
      }
      ctx.lineWidth = 5; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.stroke();
      ctx.lineWidth = 3; ctx.strokeStyle = "#00e5ff"; ctx.stroke();
    }
    ctx.restore();
  }

  function sceneRingRadius() { return (8 + 4 * S.theme.radius) * Math.max(1, S.theme.radius * 0.75); }

  // fn(rec, name, g, i) for each drawn item of a scene's highlighted rows, in visible layers.
  function eachSceneItem(fn) {
    for (const h of S.sceneHighlights) {
      const rec = S.layers.get(h.id);
      if (!rec || !rec.data || !rec.visible) continue;
      for (const row of h.rows) for (const [name, g, i] of hg.itemsOfRow(rec.data, row)) fn(rec, name, g, i);
    }
  }

  function drawSceneHighlights(ctx, vp) {
    ctx.save();
    eachSceneItem((rec, name, g, i) => {
      const t = hg.transformOf(rec.data, vp);
      ctx.beginPath();
      if (name === "points") {
        const x = g.coords[2 * i] * t.s + t.bx, y = g.coords[2 * i + 1] * t.s + t.by;
        ctx.arc(x, y, sceneRingRadius(), 0, 2 * Math.PI);
      } else {
        hg.tracePaths(ctx, g, new Uint32Array([i]), 0, 1, t, vp, name === "polygons");
      }
      ctx.lineWidth = 7 * S.theme.stroke; ctx.strokeStyle = "rgba(255,255,255,0.95)"; ctx.stroke();
      ctx.lineWidth = 3.5 * S.theme.stroke; ctx.strokeStyle = "#e6007e"; ctx.stroke();
    });
    ctx.restore();
  }

  Object.assign(hg, { drawHighlight, drawSceneHighlights, eachSceneItem, sceneRingRadius });
})(window.hgPage);
