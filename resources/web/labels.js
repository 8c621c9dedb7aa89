/* Labels, by the rule the figures follow too (hegang_map/render/labels.py):
 * highest priority first, a scene's ringed places before all others; each
 * label tries eight spots around its symbol (right, left, the four
 * diagonals, above, below) a gap past the symbol or the ring. A spot is free
 * inside the view and clear of placed labels, rings and the legend; of the free spots a
 * label takes the first that covers no point symbol, or, when symbols crowd
 * them all, a label the map singles out (a ringed place, a row the style's
 * label filter names) looks farther out (a leader line joins it to its place),
 * then takes the near spot covering fewest; others are left out. */
(function (hg) {
  "use strict";

  const S = hg.state;
  const GAP = 2;
  const HIGHLIGHTED = 1e15;
  // Label heights farther out a singled-out label looks when symbols crowd its first spots (render/labels.py).
  const FARTHER = [1, 2, 3, 4, 6, 8];
  // Point symbols a frame keeps its labels off, at most (beyond, none: a dense layer would hide every label).
  const MAX_SYMBOLS = 20000;
  S.placedLabels = [];
  S.labelRings = [];

  function collectLabels(rec, vp, out) {
    const lab = rec.style.label;
    if (!lab || !lab.texts || S.map.getZoom() < (lab.minZoom || 0)) return;
    // A basemap's place names: another set of names when seen from far (provinces, not their capitals).
    const texts = lab.farTexts && S.map.getZoom() < lab.farBelow ? lab.farTexts : lab.texts;
    const t = hg.transformOf(rec.data, vp);
    for (const [name, g] of Object.entries(rec.data.groups)) {
      const bc = rec.byClass[name];
      for (let c = 0; c < bc.k; c++) {
        const r = name === "points" ? ((rec.style.symbols[c] || {}).radius || 4) * S.theme.radius : 0;
        for (let j = bc.start[c]; j < bc.start[c + 1]; j++) {
          const i = bc.idx[j];
          const row = g.rows[i];
          const text = texts[row];
          if (!text) continue;
          let x, y;
          if (name === "points") { x = g.coords[2 * i]; y = g.coords[2 * i + 1]; }
          else { x = (g.bbox[4 * i] + g.bbox[4 * i + 2]) / 2; y = (g.bbox[4 * i + 1] + g.bbox[4 * i + 3]) / 2; }
          x = x * t.s + t.bx; y = y * t.s + t.by;
          if (x < 0 || y < 0 || x > vp.w || y > vp.h) continue;
          out.push({ x: x, y: y, text: text, prio: lab.priority ? lab.priority[row] : 0,
                     size: (lab.size || 12) * S.theme.label, dy: r, chosen: !!lab.chosen });
        }
      }
    }
  }

  // Boxes of the point symbols in view: labels keep off them.
  function collectSymbols(rec, vp, out) {
    const g = rec.data.groups.points, bc = rec.byClass.points;
    if (!g || !bc) return;
    const t = hg.transformOf(rec.data, vp);
    for (let c = 0; c < bc.k; c++) {
      const r = ((rec.style.symbols[c] || {}).radius || 4) * S.theme.radius;
      for (let j = bc.start[c]; j < bc.start[c + 1]; j++) {
        if (out.length >= 4 * MAX_SYMBOLS) return;
        const i = bc.idx[j];
        const x = g.coords[2 * i] * t.s + t.bx, y = g.coords[2 * i + 1] * t.s + t.by;
        if (x < -r || y < -r || x > vp.w + r || y > vp.h + r) continue;
        out.push(x - r, y - r, x + r, y + r);
      }
    }
  }

  // Centres of the scene's rings around points, in view.
  function ringCentres(vp) {
    const out = [];
    hg.eachSceneItem((rec, name, g, i) => {
      if (name !== "points") return;
      const t = hg.transformOf(rec.data, vp);
      out.push([g.coords[2 * i] * t.s + t.bx, g.coords[2 * i + 1] * t.s + t.by]);
    });
    return out;
  }

  // The eight spots, ``out`` label heights farther than the first (FARTHER in render/labels.py).
  function spots(l, w, h, out) {
    const d = l.dy + GAP + (out || 0) * h, x = l.x, y = l.y;   // y grows downwards on screen
    return [[x + d, y - h / 2, x + d + w, y + h / 2], [x - d - w, y - h / 2, x - d, y + h / 2],
            [x + d, y - d - h, x + d + w, y - d], [x + d, y + d, x + d + w, y + d + h],
            [x - d - w, y - d - h, x - d, y - d], [x - d - w, y + d, x - d, y + d + h],
            [x - w / 2, y - d - h, x + w / 2, y - d], [x - w / 2, y + d, x + w / 2, y + d + h]];
  }

  function count(b, boxes) {   // boxes: a flat [x0, y0, x1, y1, ...]
    let n = 0;
    for (let k = 0; k < boxes.length; k += 4) {
      if (b[0] < boxes[k + 2] && b[2] > boxes[k] && b[1] < boxes[k + 3] && b[3] > boxes[k + 1]) n++;
    }
    return n;
  }

  function hits(b, boxes) {
    for (let k = 0; k < boxes.length; k += 4) {
      if (b[0] < boxes[k + 2] && b[2] > boxes[k] && b[1] < boxes[k + 3] && b[3] > boxes[k + 1]) return true;
    }
    return false;
  }

  function drawLabels(ctx, labels, vp, symbols) {
    const centres = symbols ? ringCentres(vp) : [];
    const ring = hg.sceneRingRadius() + 3.5 * S.theme.stroke;
    const rings = [];
    for (const [x, y] of centres) rings.push(x - ring, y - ring, x + ring, y + ring);
    // The legend over the map: a label under it could not be read. The canvas holds the view
    // in its middle, padded on every side alike.
    const size = S.map.getSize(), dx = (vp.w - size.x) / 2, dy = (vp.h - size.y) / 2;
    const legend = symbols ? hg.legendRect() : null;
    if (legend) rings.push(legend.left + dx, legend.top + dy, legend.right + dx, legend.bottom + dy);
    // The thematic labels stay inside the view, not half in the padding drawn ahead of a pan.
    const frame = symbols ? [dx, dy, dx + size.x, dy + size.y] : [0, 0, vp.w, vp.h];
    const placed = [], taken = [], said = new Set();
    // What the view shows, for the probe (not the strips drawn ahead around it).
    if (symbols && !vp.ring) {
      S.placedLabels = placed; S.labelView = frame;
      S.labelRings = centres.map(([x, y]) => [x - ring, y - ring, x + ring, y + ring]);
    }
    if (!labels.length) return;
    // A label at a ringed place (its own feature or another drawn there) starts outside the ring, and first.
    for (const l of labels) {
      if (centres.some(([x, y]) => Math.hypot(x - l.x, y - l.y) < ring)) { l.dy = ring; l.prio += HIGHLIGHTED; }
    }
    labels.sort((p, q) => q.prio - p.prio);
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    for (const l of labels) {
      const key = l.text + "|" + Math.round(l.x) + "|" + Math.round(l.y);
      if (said.has(key)) continue;   // two layers naming one place print it once
      ctx.font = l.size + "px 'HG Sans', 'Noto Sans CJK SC', sans-serif";
      const w = ctx.measureText(l.text).width + 4, h = l.size * 1.3;
      const free = out => spots(l, w, h, out).filter(b => b[0] >= frame[0] && b[1] >= frame[1] && b[2] <= frame[2] &&
                                                         b[3] <= frame[3] &&
                                                         !hits(b, taken) && !hits(b, rings));
      const near = free(0);
      const covered = near.map(b => symbols ? count(b, symbols) : 0);
      let box = near[covered.indexOf(0)];
      if (!box && (l.chosen || l.prio >= HIGHLIGHTED)) {
        for (const out of FARTHER) { box = box || free(out).find(b => !symbols || !hits(b, symbols)); }
        if (!box && near.length) box = near[covered.indexOf(Math.min(...covered))];
      }
      if (!box) continue;
      said.add(key);
      taken.push(box[0], box[1], box[2], box[3]);
      placed.push({ text: l.text, box: box });
      // A label set apart in a crowd points at its place with a leader line.
      const nx = Math.min(Math.max(l.x, box[0]), box[2]), ny = Math.min(Math.max(l.y, box[1]), box[3]);
      const dist = Math.hypot(nx - l.x, ny - l.y);
      if (dist > l.dy + GAP + 0.5 * h) {
        const k = l.dy / dist;
        ctx.beginPath(); ctx.moveTo(l.x + (nx - l.x) * k, l.y + (ny - l.y) * k); ctx.lineTo(nx, ny);
        ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.stroke();
        ctx.lineWidth = 1.2; ctx.strokeStyle = "#333333"; ctx.stroke();
      }
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(l.text, box[0] + 2, (box[1] + box[3]) / 2);
      ctx.fillStyle = "#1a1a1a";
      ctx.fillText(l.text, box[0] + 2, (box[1] + box[3]) / 2);
    }
    ctx.restore();
  }

  Object.assign(hg, { collectLabels, collectSymbols, drawLabels });
})(window.hgPage);
