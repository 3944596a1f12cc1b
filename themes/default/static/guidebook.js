// guidebook: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();

// Search: load search.js (results as you type, and search without a server) the first
// time a search box is used, and at once on the search page. The build replaces the
// name below with search.js's fingerprinted URL.
//
// Highlighting: a result link carries the query (`?highlight=export+licence`). Here the
// words of <main> that the search would match (search.js's analysis: folded, stemmed,
// derived forms, stop words and one-letter words left out) are wrapped in
// <mark class="search-highlight">, at most MAX_MARKS, never inside code, scripts or
// form controls. The first is scrolled to and focused, and a "Remove highlighting"
// button unwraps them and takes `highlight` out of the address. Without JavaScript the
// parameter is ignored.
(function () {
  "use strict";
  var src = "__GUIDEBOOK_SEARCH_JS__";
  if (src.charAt(0) === "_" || !window.fetch) return;
  var MAX_MARKS = 200;
  var SKIP = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEMPLATE: 1, TEXTAREA: 1, SELECT: 1, OPTION: 1, BUTTON: 1, CODE: 1, PRE: 1, KBD: 1, SAMP: 1, MARK: 1, SVG: 1 };
  var loaded = false, waiting = [];
  function ready() {
    var w = waiting;
    waiting = [];
    for (var i = 0; i < w.length; i++) w[i](window.guidebookSearch);
  }
  function load(then) {
    if (typeof then === "function") waiting.push(then);
    if (window.guidebookSearch) return ready();
    if (loaded) return;
    loaded = true;
    var s = document.createElement("script");
    s.src = src;
    s.addEventListener("load", ready);
    document.head.appendChild(s);
  }
  function loadNow() { load(); }

  // The site's root, from the header search form's action (`/search/`).
  function root() {
    var form = document.querySelector("form.site-search, #search-page-form");
    return ((form && form.getAttribute("action")) || "/search/").replace(/search\/?$/, "");
  }
  // search.js's analyser with the site's stop words, or without them if the index is
  // not there.
  function analyzer(api, then) {
    var base = root() + "_search/static/";
    var engine = new api.Engine(function (path) {
      return window.fetch(base + path, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " for " + path);
        return r.json();
      });
    });
    engine.load().then(function () { then(engine.analyzer); }, function () { then(new api.Analyzer([], 64)); });
  }
  function stemsOf(a, q) {
    var out = {}, n = 0;
    a.analyze(q).forEach(function (t) {
      if (Array.from(t.surface).length < 2 || out[t.stem]) return;
      out[t.stem] = 1;
      n++;
    });
    return n ? out : null;
  }
  function skipped(node, main) {
    for (var el = node.parentNode; el && el !== main; el = el.parentNode) {
      if (SKIP[el.nodeName.toUpperCase()] || el.classList.contains("search-highlight-bar")) return true;
    }
    return false;
  }
  function textNodes(main) {
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, null), out = [], n;
    while ((n = walker.nextNode())) if (n.nodeValue.trim() && !skipped(n, main)) out.push(n);
    return out;
  }
  // Wrap the matching words of one text node; returns the marks made.
  function markNode(node, api, a, stems, room) {
    var text = node.nodeValue, cps = Array.from(text), at = [0], marks = [];
    for (var i = 0; i < cps.length; i++) at.push(at[i] + cps[i].length);
    var hits = api.words(text).filter(function (w) {
      var surface = api.normalize(w.text);
      return surface && !a.stop.has(surface) && stems[a.stem(surface)];
    }).slice(0, room);
    if (!hits.length) return marks;
    var frag = document.createDocumentFragment(), from = 0;
    hits.forEach(function (w) {
      var start = at[w.start], end = at[w.end];
      if (start > from) frag.appendChild(document.createTextNode(text.slice(from, start)));
      var mark = document.createElement("mark");
      mark.className = "search-highlight";
      mark.textContent = text.slice(start, end);
      frag.appendChild(mark);
      marks.push(mark);
      from = end;
    });
    if (from < text.length) frag.appendChild(document.createTextNode(text.slice(from)));
    node.parentNode.replaceChild(frag, node);
    return marks;
  }
  function visible(el) { return el.getClientRects().length > 0; }
  function withoutHighlight() {
    var url = new URL(window.location.href);
    url.searchParams.delete("highlight");
    return url.pathname + url.search + url.hash;
  }
  function bar(main, q, marks) {
    var div = document.createElement("div"), p = document.createElement("p"), quote = document.createElement("q");
    var button = document.createElement("button");
    div.className = "search-highlight-bar";
    quote.textContent = q;
    p.appendChild(document.createTextNode((marks.length === 1 ? "1 match" : marks.length + " matches") + " for "));
    p.appendChild(quote);
    p.appendChild(document.createTextNode(marks.length >= MAX_MARKS ? " highlighted (the first " + MAX_MARKS + ")." : " highlighted."));
    button.type = "button";
    button.className = "button-secondary";
    button.textContent = "Remove highlighting";
    button.addEventListener("click", function () {
      marks.forEach(function (m) {
        var parent = m.parentNode;
        if (!parent) return;
        parent.replaceChild(document.createTextNode(m.textContent), m);
        parent.normalize();
      });
      div.parentNode.removeChild(div);
      try { window.history.replaceState(window.history.state, "", withoutHighlight()); } catch (e) { /* the marks are gone anyway */ }
      main.focus({ preventScroll: true });
    });
    div.appendChild(p);
    div.appendChild(button);
    main.insertBefore(div, main.firstChild);
  }
  function highlight(api) {
    var q = new URLSearchParams(window.location.search).get("highlight");
    var main = document.querySelector("main");
    if (!q || !q.trim() || !main) return;
    analyzer(api, function (a) {
      var stems = stemsOf(a, q), marks = [];
      if (!stems) return;
      var nodes = textNodes(main);
      for (var i = 0; i < nodes.length && marks.length < MAX_MARKS; i++) {
        marks = marks.concat(markNode(nodes[i], api, a, stems, MAX_MARKS - marks.length));
      }
      if (!marks.length) return;
      bar(main, q.trim(), marks);
      var first = marks.filter(visible)[0];
      if (!first) return;
      first.setAttribute("tabindex", "-1");
      first.scrollIntoView({ block: "center" });
      first.focus({ preventScroll: true });
    });
  }
  function init() {
    if (document.getElementById("search-page-form")) return load();
    if (new URLSearchParams(window.location.search).get("highlight")) load(highlight);
    var input = document.querySelector("form.site-search input[name=q]");
    if (!input) return;
    input.addEventListener("focus", loadNow);
    input.addEventListener("input", loadNow);
    if (document.activeElement === input) load();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Checklists: count ticked items ("4 of 11 done"), remember them in this browser
// (localStorage, per page) and clear them. Without this, the boxes work for the visit.
(function () {
  "use strict";
  function storage() {
    try {
      var s = window.localStorage;
      s.getItem("guidebook");
      return s;
    } catch (e) {
      return null;
    }
  }
  function init() {
    var boxes = document.querySelectorAll("main .task-list input[type=checkbox]");
    var content = document.querySelector("main .content");
    if (!boxes.length || !content) return;
    var store = storage();
    var key = "guidebook:tasks:" + location.pathname;
    var saved = null;
    try {
      saved = JSON.parse((store && store.getItem(key)) || "null");
    } catch (e) {
      saved = null;
    }
    var bar = document.createElement("div");
    bar.className = "task-progress";
    var status = document.createElement("p");
    status.className = "task-count";
    status.setAttribute("role", "status");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "button-secondary";
    reset.textContent = "Clear all ticks";
    bar.appendChild(status);
    bar.appendChild(reset);
    content.insertBefore(bar, content.firstChild);
    function update() {
      var done = 0;
      for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) done++;
      status.textContent = done + " of " + boxes.length + " done";
    }
    function save() {
      if (!store) return;
      var ticked = {};
      for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) ticked[boxes[i].id] = 1;
      try {
        store.setItem(key, JSON.stringify(ticked));
      } catch (e) {
        /* storage full or blocked: the ticks last for this visit only */
      }
    }
    for (var i = 0; i < boxes.length; i++) {
      if (saved && typeof saved === "object") boxes[i].checked = saved[boxes[i].id] === 1;
      boxes[i].addEventListener("change", function () {
        save();
        update();
      });
    }
    reset.addEventListener("click", function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
      if (store) {
        try {
          store.removeItem(key);
        } catch (e) {
          /* nothing stored */
        }
      }
      update();
    });
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Contacts directory: filter the team lists as you type or choose a topic or faculty.
// Without this, the form stays hidden and the lists by team, faculty and topic remain.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("directory-filter");
    if (!form) return;
    var q = document.getElementById("directory-q");
    var topic = document.getElementById("directory-topic");
    var faculty = document.getElementById("directory-faculty");
    var count = document.getElementById("directory-count");
    var none = document.getElementById("directory-none");
    var items = document.querySelectorAll(".directory-list > li");
    var teams = document.querySelectorAll(".directory-team");
    form.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
    });
    function matches(li, words, t, f) {
      var topics = li.getAttribute("data-topics") || "";
      var text = (li.textContent + " " + topics).toLowerCase();
      for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
      if (t && ("|" + topics + "|").indexOf("|" + t + "|") < 0) return false;
      return !f || li.getAttribute("data-faculty") === f;
    }
    function apply() {
      var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var t = topic ? topic.value : "";
      var f = faculty ? faculty.value : "";
      var shown = 0;
      for (var i = 0; i < items.length; i++) {
        var ok = matches(items[i], words, t, f);
        items[i].hidden = !ok;
        if (ok) shown++;
      }
      for (var j = 0; j < teams.length; j++) {
        teams[j].hidden = !teams[j].querySelector(".directory-list > li:not([hidden])");
      }
      count.textContent =
        shown === items.length
          ? items.length + " contacts"
          : "Showing " + shown + " of " + items.length + " contacts";
      none.hidden = shown > 0;
    }
    q.addEventListener("input", apply);
    if (topic) topic.addEventListener("change", apply);
    if (faculty) faculty.addEventListener("change", apply);
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
