// The entity page's world map: recognisers coloured at the date chosen with the slider.
// Data from the API is untrusted: only textContent and setAttribute with fixed names.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var STATUS = { recognisers: "recognises", withdrawn: "withdrawn", refuses: "refuses" };
  var DAY = 86400000;

  function parseDay(s) {
    var p = String(s).split("-");
    return Date.UTC(+p[0], (+p[1] || 1) - 1, +p[2] || 1);
  }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function el(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function init() {
    var map = document.getElementById("map");
    if (!map) { return; }
    var entity = map.getAttribute("data-entity");
    var slider = document.getElementById("as-of-slider");
    var label = document.getElementById("as-of-label");
    var link = document.getElementById("as-of-link");
    var status = document.getElementById("map-status");
    var min = parseDay(map.getAttribute("data-min"));
    var max = parseDay(map.getAttribute("data-max"));
    var start = parseDay(map.getAttribute("data-as-of") || iso(Date.now()));
    slider.min = "0";
    slider.max = String(Math.round((Math.max(max, start) - min) / DAY));
    slider.value = String(Math.round((start - min) / DAY));
    var shapes = {};  // code -> [svg elements]
    var names = {};
    var request = 0;
    var timer = null;

    function sliderDate() { return iso(min + Number(slider.value) * DAY); }

    // stops at the days a status may change: tick marks, and the ◀ ▶ buttons
    var changes = (map.getAttribute("data-changes") || "").split(",").filter(function (d) {
      return /^\d{4}-\d{2}-\d{2}$/.test(d);
    }).map(function (d) { return Math.round((parseDay(d) - min) / DAY); });
    var ticks = document.getElementById("change-days");
    changes.forEach(function (n) {
      var opt = document.createElement("option");
      opt.value = String(n);
      ticks.appendChild(opt);
    });
    function jump(forward) {
      var now = Number(slider.value);
      var stops = changes.filter(function (n) { return forward ? n > now : n < now; });
      if (!stops.length) { return; }
      slider.value = String(forward ? Math.min.apply(null, stops) : Math.max.apply(null, stops));
      load(sliderDate());
    }
    document.getElementById("prev-change").addEventListener("click", function () { jump(false); });
    document.getElementById("next-change").addEventListener("click", function () { jump(true); });

    function draw(world) {
      var vb = world.viewBox || [0, 0, 360, 150];
      var svg = el("svg", { viewBox: vb.join(" "), role: "img", "class": "world" });
      svg.appendChild(el("rect", { x: vb[0], y: vb[1], width: vb[2], height: vb[3], "class": "sea" }));
      function keep(code, node, name) {
        node.setAttribute("data-code", code);
        node.setAttribute("data-status", "none");
        node.appendChild(el("title", {}, name + " (" + code + ")"));
        (shapes[code] = shapes[code] || []).push(node);
        names[code] = name;
        svg.appendChild(node);
      }
      world.countries.forEach(function (c) { keep(c.code, el("path", { d: c.d, "class": "country" }), c.name); });
      // small countries get a dot too, shown only when they have a status
      var dots = [];
      world.countries.forEach(function (c) {
        if (!c.dot) { return; }
        var dot = el("circle", { cx: c.dot[0], cy: c.dot[1], r: 1.3, "class": "dot", "data-dot-for": c.code, "data-status": "none" });
        dot.appendChild(el("title", {}, c.name + " (" + c.code + ")"));
        (shapes[c.code] = shapes[c.code] || []).push(dot);
        dots.push(dot);
      });
      dots.forEach(function (d) { svg.appendChild(d); });
      world.markers.forEach(function (m) {
        keep(m.code, el("circle", { cx: m.x, cy: m.y, r: m.kind === "entity" ? 1.6 : 1.1, "class": "marker marker-" + m.kind }), m.name);
      });
      // a painted shape leads to the events between that actor and the entity
      svg.addEventListener("click", function (ev) {
        var code = ev.target.getAttribute && (ev.target.getAttribute("data-code") || ev.target.getAttribute("data-dot-for"));
        var st = ev.target.getAttribute && ev.target.getAttribute("data-status");
        if (code && st && st !== "none" && st !== "self") {
          window.location.href = "/dyad/" + encodeURIComponent(code) + "/" + encodeURIComponent(entity);
        }
      });
      map.appendChild(svg);
    }

    function paint(data, day) {
      Object.keys(shapes).forEach(function (code) {
        shapes[code].forEach(function (n) {
          n.setAttribute("data-status", code === entity ? "self" : "none");
          n.lastChild.textContent = names[code] + " (" + code + ")";
        });
      });
      var counts = { recognisers: 0, withdrawn: 0, refuses: 0 };
      Object.keys(STATUS).forEach(function (group) {
        (data[group] || []).forEach(function (r) {
          counts[group] += 1;
          (shapes[r.code] || []).forEach(function (n) {
            n.setAttribute("data-status", STATUS[group]);
            n.lastChild.textContent = (names[r.code] || r.code) + " (" + r.code + "): " + STATUS[group] +
              (r.since ? " since " + r.since : "");
          });
        });
      });
      status.textContent = counts.recognisers + " recognise, " + counts.withdrawn + " withdrew, " +
        counts.refuses + " refuse on " + day + ".";
      fillLists(data, day);
      map.setAttribute("data-ready", day);
    }

    function fillLists(data, day) {
      var listDate = document.getElementById("list-date");
      if (listDate) { listDate.textContent = day; }
      Object.keys(STATUS).forEach(function (group) {
        var ul = document.querySelector('ul.rec-list[data-group="' + group + '"]');
        if (!ul) { return; }
        while (ul.firstChild) { ul.removeChild(ul.firstChild); }
        var rows = data[group] || [];
        if (!rows.length) {
          var none = document.createElement("li");
          none.className = "empty";
          none.textContent = "none reported";
          ul.appendChild(none);
        }
        rows.forEach(function (r) {
          var li = document.createElement("li");
          li.setAttribute("data-code", r.code);
          var a = document.createElement("a");
          a.className = "actor";
          a.href = "/entity/" + encodeURIComponent(r.code);
          a.textContent = r.code;
          li.appendChild(a);
          li.appendChild(document.createTextNode(" " + (r.name || names[r.code] || "") + " "));
          var since = document.createElement("span");
          since.className = "since";
          since.textContent = "since " + (r.since || "an unreported date") + (r.known_by ? ", reported by " + r.known_by : "");
          li.appendChild(since);
          (r.events || []).slice(0, 3).forEach(function (e) {
            var q = document.createElement("blockquote");
            q.className = "evidence";
            var ea = document.createElement("a");
            ea.href = "/event/" + encodeURIComponent(e.id);
            ea.textContent = (e.evidence && e.evidence.sentence) || e.id;
            q.appendChild(ea);
            li.appendChild(q);
          });
          ul.appendChild(li);
        });
      });
    }

    function load(day) {
      var mine = ++request;
      label.textContent = day;
      link.href = "/entity/" + encodeURIComponent(entity) + "?as_of=" + day;
      map.removeAttribute("data-ready");
      fetch("/api/recognition/" + encodeURIComponent(entity) + "?as_of=" + day, { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
        .then(function (data) {
          if (mine !== request) { return; }
          paint(data, day);
          if (window.history && window.history.replaceState) {
            window.history.replaceState(null, "", "?as_of=" + day);
          }
        })
        .catch(function (err) { status.textContent = "Could not load recognition: " + err.message; });
    }

    slider.addEventListener("input", function () {
      label.textContent = sliderDate();
      clearTimeout(timer);
      timer = setTimeout(function () { load(sliderDate()); }, 120);
    });
    slider.addEventListener("change", function () { clearTimeout(timer); load(sliderDate()); });

    fetch("/static/geo/world-110m.json")
      .then(function (r) { return r.json(); })
      .then(function (world) { draw(world); load(sliderDate()); })
      .catch(function (err) { status.textContent = "Could not load the map: " + err.message; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
