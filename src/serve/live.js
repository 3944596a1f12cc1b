/* guidebook serve: live reload and the problems overlay. Loaded only by preview
   pages (guidebook serve adds it); a built site never includes it. */
(function () {
  "use strict";
  var me = document.currentScript;
  var gen = (me && me.getAttribute("data-gen")) || "0";
  var path = decodeURI(window.location.pathname);
  var scrollKey = "guidebook-scroll:" + path;

  // Back where the reader was before a reload.
  try {
    var saved = window.sessionStorage.getItem(scrollKey);
    if (saved !== null) {
      window.sessionStorage.removeItem(scrollKey);
      var y = parseInt(saved, 10) || 0;
      var restore = function () { window.scrollTo(0, y); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be off */ }

  function reload() {
    try { window.sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) { /* ignore */ }
    window.location.reload();
  }

  // Whether this page shows one of the changed URL paths (itself, its CSS, images...).
  function showsAny(paths) {
    if (paths.indexOf(path) >= 0) return true;
    var els = document.querySelectorAll("link[href], script[src], img[src], source[src]");
    for (var i = 0; i < els.length; i++) {
      var url = els[i].href || els[i].src;
      try {
        if (paths.indexOf(decodeURI(new URL(url, window.location.href).pathname)) >= 0) return true;
      } catch (e) { /* not a URL */ }
    }
    return false;
  }

  var overlay = null;
  function showProblems(text, errors) {
    if (!text) {
      if (overlay) { overlay.parentNode.removeChild(overlay); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.className = "guidebook-overlay";
      overlay.id = "guidebook-overlay";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("aria-labelledby", "guidebook-overlay-title");
      var h = document.createElement("h2");
      h.id = "guidebook-overlay-title";
      var p = document.createElement("p");
      p.textContent = "Your last change could not be used, so this preview shows the last good version. " +
        "Fix the problem below and save: the page updates by itself.";
      var pre = document.createElement("pre");
      var hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = "Hide";
      hide.addEventListener("click", function () { overlay.hidden = true; });
      overlay.appendChild(h); overlay.appendChild(p); overlay.appendChild(pre); overlay.appendChild(hide);
      document.body.appendChild(overlay);
    }
    overlay.hidden = false;
    overlay.querySelector("h2").textContent = errors === 1 ? "1 problem in the site" : errors + " problems in the site";
    overlay.querySelector("pre").textContent = text;
  }

  if (!window.EventSource) return;
  var source = new EventSource("/__guidebook/events?gen=" + encodeURIComponent(gen) + "&path=" + encodeURIComponent(path));
  source.addEventListener("reload", function (e) {
    var m = JSON.parse(e.data);
    // `done`: pages that went first and show this change already.
    if ((m.all && (m.done || []).indexOf(path) < 0) || showsAny(m.paths)) reload();
  });
  source.addEventListener("problems", function (e) {
    var m = JSON.parse(e.data);
    showProblems(m.text, m.errors);
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
