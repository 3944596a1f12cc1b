// guidebook: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
})();

// Search: load search.js (results as you type, and search without a server) the first
// time a search box is used, and at once on the search page. The build replaces the
// name below with search.js's fingerprinted URL.
(function () {
  "use strict";
  var src = "__GUIDEBOOK_SEARCH_JS__";
  if (src.charAt(0) === "_" || !window.fetch) return;
  var loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var s = document.createElement("script");
    s.src = src;
    document.head.appendChild(s);
  }
  function init() {
    if (document.getElementById("search-page-form")) return load();
    var input = document.querySelector("form.site-search input[name=q]");
    if (!input) return;
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
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
