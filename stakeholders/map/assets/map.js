/* The workshop map's behaviour: draw, search, filter, save a picture. No network access, no HTML from data.
 *
 * Page-level variables as in pyvis pages: nodes and edges (vis DataSets), network, container, options, data. */
var nodes, edges, network, container, options, data, mapConfig;

function drawGraph() {
  performance.mark("map:start");
  mapConfig = JSON.parse(document.getElementById("map-data").textContent);
  performance.mark("map:parsed");
  container = document.getElementById("mynetwork");
  // A relation's line carries only what differs from its kind's style.
  var styles = mapConfig.lineStyles || {};
  var relations = mapConfig.relations || {};
  var names = {};
  mapConfig.nodes.forEach(function (node) { names[node.id] = node.name || node.label; });
  mapConfig.edges.forEach(function (edge, number) {
    if (edge.id === undefined) edge.id = "e" + number;
    if (edge.title === undefined && relations[edge.rel] !== undefined) {
      edge.title = names[edge.from] + " \u2014 " + relations[edge.rel] + " \u2014 " + names[edge.to] +
        (edge.note ? "\n" + edge.note : "");
    }
    var style = styles[edge.rel];
    if (!style) return;
    if (edge.color === undefined) edge.color = style[0];
    if (edge.width === undefined) edge.width = style[1];
    if (edge.dashes === undefined && style[2].length) edge.dashes = style[2];
  });
  nodes = new vis.DataSet(mapConfig.nodes);
  edges = new vis.DataSet(mapConfig.edges);
  data = { nodes: nodes, edges: edges };
  options = mapConfig.options;
  performance.mark("map:datasets");
  network = new vis.Network(container, data, options);
  performance.mark("map:network");
  network.once("afterDrawing", function () {
    performance.mark("map:drawn");
    window.mapReady = true;
    document.body.setAttribute("data-ready", "true");
  });
  return network;
}

drawGraph();

(function () {
  "use strict";
  var words = mapConfig.words;

  // On a large map small nodes have no label: a selected node shows its name.
  function nameNodes(ids) {
    var updates = [];
    ids.forEach(function (id) {
      var node = nodes.get(id);
      if (node && !node.label && node.name) updates.push({ id: id, label: node.name });
    });
    if (updates.length) nodes.update(updates);
  }

  function select(ids) {
    network.selectNodes(ids);  // selecting from a script fires no "selectNode" event
    nameNodes(ids);
  }

  network.on("selectNode", function (event) { nameNodes(event.nodes); });
  if (mapConfig.focus) select([mapConfig.focus]);
  var searchInput = document.getElementById("search");
  var status = document.getElementById("search-status");

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function fold(text) {
    return String(text).normalize("NFC").toLocaleLowerCase().replace(/\s+/g, " ").trim();
  }

  // -- search: node labels (and, on a grouped map, the members' names), in Swedish alphabetical order ----------
  // Built when the search box is first used, so that a large map draws first.
  var entries = null;

  function searchEntries() {
    if (entries) return entries;
    var collator = new Intl.Collator("sv", { sensitivity: "base", numeric: true });
    var pairs = mapConfig.search || mapConfig.nodes.map(function (node) { return [node.label || node.name, node.id]; });
    entries = pairs.map(function (pair) {
      return { name: pair[0], folded: fold(pair[0]), id: pair[1] };
    }).sort(function (a, b) {
      return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    var fragment = document.createDocumentFragment();
    var listed = new Set();
    entries.forEach(function (entry) {
      if (listed.has(entry.name) || listed.size >= 5000) return;
      listed.add(entry.name);
      var option = document.createElement("option");
      option.value = entry.name;
      fragment.appendChild(option);
    });
    document.getElementById("names").appendChild(fragment);
    return entries;
  }

  searchInput.addEventListener("focus", searchEntries);

  function find(query) {
    var q = fold(query);
    if (!q) return null;
    var entries = searchEntries();
    var tests = [
      function (e) { return e.folded === q; },
      function (e) { return e.folded.indexOf(q) === 0; },
      function (e) { return e.folded.indexOf(q) >= 0; }
    ];
    for (var i = 0; i < tests.length; i++) {
      for (var j = 0; j < entries.length; j++) {
        if (tests[i](entries[j])) return entries[j];
      }
    }
    return null;
  }

  function show(entry) {
    var node = nodes.get(entry.id);
    if (node && node.hidden && filterBox) resetFilters();
    select([entry.id]);
    network.focus(entry.id, {
      scale: Math.max(network.getScale(), 1.0),
      animation: { duration: 500, easingFunction: "easeInOutQuad" }
    });
    status.textContent = fill(words.found, { name: entry.name });
  }

  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var entry = find(searchInput.value);
    if (entry) {
      show(entry);
    } else {
      network.unselectAll();
      status.textContent = fill(words.notFound, { query: searchInput.value });
    }
  });

  // -- filters: kinds, municipality, target group -------------------------------------------------------------
  var filterBox = document.getElementById("filters");
  var filterStatus = document.getElementById("filter-status");
  var hidden = {};

  function checkedKinds() {
    var kinds = new Set();
    filterBox.querySelectorAll("input[data-kind]").forEach(function (box) {
      if (box.checked) kinds.add(box.getAttribute("data-kind"));
    });
    return kinds;
  }

  function applyFilters() {
    var kinds = checkedKinds();
    var municipality = document.getElementById("filter-municipality").value;
    var targetGroup = document.getElementById("filter-target-group").value;
    var updates = [];
    var shown = 0;
    mapConfig.nodes.forEach(function (node) {
      var visible = kinds.has(node.kind) &&
        (!municipality || !node.m || node.m.indexOf(municipality) >= 0 || node.m.indexOf("*") >= 0) &&
        (!targetGroup || !node.t || node.t.indexOf(targetGroup) >= 0);
      if (visible) shown += 1;
      if (Boolean(hidden[node.id]) === visible) {
        hidden[node.id] = !visible;
        updates.push({ id: node.id, hidden: !visible });
      }
    });
    if (updates.length) nodes.update(updates);
    filterStatus.textContent = fill(words.shown, { shown: shown, total: mapConfig.nodes.length });
  }

  function resetFilters() {
    filterBox.querySelectorAll("input[data-kind]").forEach(function (box) { box.checked = true; });
    document.getElementById("filter-municipality").value = "";
    document.getElementById("filter-target-group").value = "";
    applyFilters();
  }

  if (filterBox) {
    filterBox.addEventListener("change", applyFilters);
    document.getElementById("filter-reset").addEventListener("click", resetFilters);
  }

  // -- panel, fit and picture --------------------------------------------------------------------------------
  function setCollapsed(collapsed) {
    document.body.classList.toggle("collapsed", collapsed);
    network.redraw();
  }
  document.getElementById("hide-sidebar").addEventListener("click", function () { setCollapsed(true); });
  document.getElementById("show-sidebar").addEventListener("click", function () { setCollapsed(false); });

  document.getElementById("fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  });

  function drawShape(context, shape, x, y, r) {
    context.beginPath();
    if (shape === "square") {
      context.rect(x - r, y - r, 2 * r, 2 * r);
    } else if (shape === "triangle") {
      context.moveTo(x, y - r); context.lineTo(x + r, y + r); context.lineTo(x - r, y + r); context.closePath();
    } else if (shape === "diamond") {
      context.moveTo(x, y - r); context.lineTo(x + r, y); context.lineTo(x, y + r); context.lineTo(x - r, y); context.closePath();
    } else {
      context.arc(x, y, r, 0, 2 * Math.PI);
    }
    context.fill();
    context.stroke();
  }

  function drawLegend(context, ratio, height) {
    var legend = mapConfig.legend;
    var line = 22 * ratio;
    var rows = legend.items.length + legend.lines.length;
    var boxHeight = (rows + 1) * line + 16 * ratio;
    var x = 12 * ratio;
    var y = height - boxHeight - 12 * ratio;
    context.font = Math.round(15 * ratio) + "px system-ui, sans-serif";
    var width = 0;
    legend.items.concat(legend.lines).forEach(function (item) {
      width = Math.max(width, context.measureText(item[0]).width);
    });
    width = Math.max(width + 60 * ratio, context.measureText(legend.title).width + 24 * ratio);
    context.fillStyle = "rgba(255,255,255,0.92)";
    context.strokeStyle = "#bbbbbb";
    context.lineWidth = 1;
    context.fillRect(x, y, width, boxHeight);
    context.strokeRect(x, y, width, boxHeight);
    var row = y + 8 * ratio + line / 2;
    context.textBaseline = "middle";
    context.fillStyle = "#1a1a1a";
    context.fillText(legend.title, x + 10 * ratio, row);
    legend.items.forEach(function (item) {
      row += line;
      context.fillStyle = item[1];
      context.strokeStyle = "#444444";
      drawShape(context, item[2], x + 22 * ratio, row, 6 * ratio);
      context.fillStyle = "#1a1a1a";
      context.fillText(item[0], x + 44 * ratio, row);
    });
    legend.lines.forEach(function (item) {
      row += line;
      context.strokeStyle = item[1];
      context.lineWidth = Math.min(item[2], 5) * ratio;
      context.setLineDash(item[3].map(function (d) { return d * ratio; }));
      context.beginPath();
      context.moveTo(x + 10 * ratio, row);
      context.lineTo(x + 36 * ratio, row);
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = "#1a1a1a";
      context.fillText(item[0], x + 44 * ratio, row);
    });
  }

  // -- tooltips close when the pointer leaves what they describe, on Escape, on drag and zoom -------------------
  function hideTooltip() {
    var popup = network.interactionHandler && network.interactionHandler.popup;
    if (popup && typeof popup.hide === "function") popup.hide();
    document.querySelectorAll("div.vis-tooltip").forEach(function (tip) { tip.style.visibility = "hidden"; });
  }
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTooltip); });
  container.addEventListener("mouseleave", hideTooltip);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTooltip();
  });
  window.hideTooltip = hideTooltip;

  // -- projector mode: labels at least PROJECTOR_PX screen pixels whatever the zoom, the legend first ------------
  var PROJECTOR_PX = 20;
  var projectorButton = document.getElementById("projector");
  var projector = false;
  var normalFont = options.nodes && options.nodes.font ? options.nodes.font.size : 14;
  var normalScaling = options.nodes && options.nodes.scaling ? options.nodes.scaling.label.enabled : true;

  function fontUpdates(size) {
    // Each node's own font: label scaling wrote a size into every node's options, a global option would not win.
    // Labels wrap between words only: the width limit is never less than the longest word.
    return nodes.get().map(function (node) {
      if (size === null) return { id: node.id, font: null, widthConstraint: null };
      var longest = String(node.label || "").split(/\s+/).reduce(function (most, word) {
        return Math.max(most, word.length);
      }, 0);
      return { id: node.id, font: { size: size }, widthConstraint: { maximum: Math.max(9, longest * 0.68 + 1) * size } };
    });
  }

  function fitLabels() {
    if (!projector) return;
    var size = Math.ceil(PROJECTOR_PX / Math.max(network.getScale(), 0.02));
    // No width limit: a label as large as this would otherwise be broken inside a word.
    network.setOptions({ nodes: { font: { size: size, color: "#000000", strokeWidth: 5 }, widthConstraint: false,
      scaling: { label: { enabled: false } } } });
    nodes.update(fontUpdates(size));
  }

  function setProjector(on) {
    projector = on;
    document.body.classList.toggle("projector", on);
    projectorButton.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) {
      fitLabels();
    } else {
      nodes.update(fontUpdates(null));
      network.setOptions({ nodes: { font: { size: normalFont, color: "#1a1a1a", strokeWidth: 4 },
        widthConstraint: options.nodes.widthConstraint || false, scaling: { label: { enabled: normalScaling } } } });
    }
    network.redraw();
  }
  // Labels are set again when the zoom settles, not on every wheel step.
  var zoomTimer = null;
  network.on("zoom", function () {
    if (!projector) return;
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(fitLabels, 120);
  });
  projectorButton.addEventListener("click", function () { setProjector(!projector); });
  window.setProjector = setProjector;
  // The on-screen size of a node's label in CSS pixels (for tests and for checking a projector set-up).
  window.labelPixels = function (id) {
    var node = network.body.nodes[id];
    return node ? node.labelModule.fontOptions.size * network.getScale() : null;
  };
  if (mapConfig.projector) network.once("afterDrawing", function () { setProjector(true); });

  document.getElementById("png").addEventListener("click", function () {
    var source = container.querySelector("canvas");
    var picture = document.createElement("canvas");
    picture.width = source.width;
    picture.height = source.height;
    var context = picture.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, picture.width, picture.height);
    context.drawImage(source, 0, 0);
    var ratio = source.width / Math.max(source.clientWidth, 1);
    context.fillStyle = "#1a1a1a";
    context.textBaseline = "top";
    context.font = "600 " + Math.round(22 * ratio) + "px system-ui, sans-serif";
    context.fillText(mapConfig.title, 12 * ratio, 12 * ratio);
    drawLegend(context, ratio, picture.height);
    var link = document.createElement("a");
    link.href = picture.toDataURL("image/png");
    link.download = mapConfig.fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.lastPicture = link.href.length;
  });
})();
