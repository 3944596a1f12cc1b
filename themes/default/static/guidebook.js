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
