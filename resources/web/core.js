/* hegang-map page script, part 1 of the page's modules: the shared state.
 *
 * The page draws every vector layer on three canvases. Layer data arrives
 * as packed binary through the app's own scheme (hegang_map/render/payload.py
 * has the layout); Python commands the page through window.hgmap (api.js)
 * with JSON arguments; the page reports back through the Qt web channel
 * object "bridge" (bridge.js). Tests ask it questions through
 * window.hgmapProbe (probe.js). Attribute text is only ever set with
 * textContent.
 *
 * The modules are plain scripts, loaded in the order of
 * hegang_map.render.page.PAGE_SCRIPTS; each adds its functions to the one
 * namespace window.hgPage ("hg") and keeps what is shared in hg.state.
 */
(function () {
  "use strict";

  const hg = window.hgPage = {};

  hg.HIDDEN = 65535;   // the class of a feature no symbol draws

  hg.state = {
    config: null,
    instance: Math.random().toString(36).slice(2),
    map: null,
    bridge: null,
    frames: 0,                     // frames of the thematic layers drawn (reported as frameDrawn)
    layers: new Map(),             // id -> layer record
    detailsLoading: 0,             // viewport detail fetches under way (setDetail)
    classesLoading: 0,             // class arrays of new styles under way (styleRecord)
    order: [],                     // ids, bottom first
    highlight: null,               // {id, row}
    labelsOn: true,
    // Presentation mode: the projector theme scales strokes, points, labels
    // and the legend with the screen; scene highlights ring several features
    // at once (the identify highlight stays one feature).
    theme: { on: false, stroke: 1, radius: 1, label: 1, legend: 1 },
    sceneHighlights: [],           // [{id, rows}]
    legendOn: true,
    legendFolded: null,            // folded (true) or opened (false) by the user; null: folded while it would cover too much
    legendFocus: null,             // the active layer: its legend is always expanded
    // The words the page writes itself, in the app's language (api.setTexts).
    texts: { legend: "Legend", showLegend: "Show the legend", foldLegend: "Fold the legend away",
             km: "km", m: "m" },
    // Reports made before the bridge is up (calls arrive once the page has
    // loaded, before the bridge's round trip) wait for it, after "ready".
    unsent: [],
  };

  // Tell Python something happened: a slot of qt/bridge.py named ``name``.
  hg.report = function (name, ...args) {
    const S = hg.state;
    if (S.unsent && name !== "ready") { S.unsent.push([name, args]); return; }
    if (S.bridge && typeof S.bridge[name] === "function") {
      try { S.bridge[name](...args); } catch (e) { /* bridge gone while closing */ }
    }
  };

  // Call ``fn`` once the frame drawn now has left the page for the screen:
  // two animation frames later (a page not shown has none: at once). The
  // widget gets that frame from the compositor a little after.
  hg.onScreen = function (fn) {
    if (document.hidden) setTimeout(fn, 0);
    else requestAnimationFrame(() => requestAnimationFrame(fn));
  };

  // An element with inline style and text (never HTML), appended to ``parent``.
  hg.el = function (tag, css, parent, text) {
    const e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text !== undefined) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  };

  // Fetch ``url`` as an ArrayBuffer, failing on an HTTP error.
  hg.fetchBuffer = function (url) {
    return fetch(url).then(r => {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.arrayBuffer();
    });
  };
})();
