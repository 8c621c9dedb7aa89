/* Labels: collected from every labelled layer in view, placed by priority,
 * a label that would overlap a placed one left out. */
(function (hg) {
  "use strict";

  const S = hg.state;

  function collectLabels(rec, vp, out) {
    const lab = rec.style.label;
    if (!lab || !lab.texts || S.map.getZoom() < (lab.minZoom || 0)) return;
    // A basemap's place names: another set of names when seen from far (provinces, not their capitals).
    const texts = lab.farTexts && S.map.getZoom() < lab.farBelow ? lab.farTexts : lab.texts;
    const t = hg.transformOf(rec.data, vp);
    // A label beside a scene's highlight ring starts outside the ring.
    const ringed = new Set();
    for (const h of S.sceneHighlights) if (h.id === rec.id) h.rows.forEach(r => ringed.add(r));
    const ringGap = hg.sceneRingRadius() + 3.5 * S.theme.stroke;
    for (const [name, g] of Object.entries(rec.data.groups)) {
      const bc = rec.byClass[name];
      for (let j = 0; j < bc.start[bc.k]; j++) {
        const i = bc.idx[j];
        const row = g.rows[i];
        const text = texts[row];
        if (!text) continue;
        let x, y;
        if (name === "points") { x = g.coords[2 * i]; y = g.coords[2 * i + 1]; }
        else { x = (g.bbox[4 * i] + g.bbox[4 * i + 2]) / 2; y = (g.bbox[4 * i + 1] + g.bbox[4 * i + 3]) / 2; }
        x = x * t.s + t.bx; y = y * t.s + t.by;
        if (x < 0 || y < 0 || x > vp.w || y > vp.h) continue;
        const prio = lab.priority ? lab.priority[row] : 0;
        const dy = (rec.style.symbols[0] || {}).radius || 4;
        out.push({ x: x, y: y, text: text, prio: prio, size: (lab.size || 12) * S.theme.label,
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

  Object.assign(hg, { collectLabels, drawLabels });
})(window.hgPage);
