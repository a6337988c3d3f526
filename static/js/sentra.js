/* Sentra's small enhancements (issue 16). Every page works without this file. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 960px)");

  /* "Terapkan" (a submit, not a change of one field) closes the sheet once the results are in. */
  var applied = false;
  document.addEventListener("submit", function (event) {
    if (event.target.id === "filter-form") applied = true;
  }, true);

  /* After an htmx update of the catalogue's results: close the phone filter sheet, refresh "Filter (n)". */
  document.addEventListener("htmx:afterSwap", function (event) {
    var results = document.getElementById("results");
    if (!results || event.detail.target.id !== "results") return;
    var panel = document.getElementById("filters");
    if (!panel) return;
    if (applied && !wide.matches) panel.open = false;
    applied = false;
    var count = panel.querySelector(".filter-count");
    var n = parseInt(results.getAttribute("data-filter-count") || "0", 10);
    if (!count) {
      count = document.createElement("span");
      count.className = "filter-count";
      var close = panel.querySelector(".filter-close");
      close.parentNode.insertBefore(count, close);
    }
    count.textContent = n > 0 ? " (" + n + ")" : "";
  });

  /* A heart (favourite) swapped by htmx is a new button: give it the focus the old one had, so keyboard users
     stay in place and screen readers read out its new state (aria-pressed, label). */
  var heartHadFocus = false;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    heartHadFocus = !!(target && target.classList && target.classList.contains("heart") &&
      target.contains(document.activeElement));
    /* A card leaving the shopper's favourites list (the view retargets its grid item and deletes it): the
       focus goes to the next card's heart (or the previous one's, or the page heading) before it goes. */
    if (target && target.tagName === "LI" && target.contains(document.activeElement)) {
      var near = target.nextElementSibling || target.previousElementSibling;
      var next = (near && near.querySelector(".heart button")) || document.querySelector("main h1");
      if (next) {
        if (!next.hasAttribute("tabindex") && next.tagName === "H1") next.setAttribute("tabindex", "-1");
        next.focus({ preventScroll: true });
      }
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var form = event.target;
    if (!heartHadFocus || !form.classList || !form.classList.contains("heart")) return;
    heartHadFocus = false;
    var button = form.querySelector("button");
    if (button) button.focus({ preventScroll: true });
  });

  /* Escape closes an open menu or filter sheet. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details[open].account-menu, details[open].filters").forEach(function (d) {
      if (d.classList.contains("filters") && wide.matches) return;
      d.open = false;
    });
  });

  /* Signing out forgets the pages the service worker kept (a shared phone keeps no one's reservations). */
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute("action") || "";
    if (action.indexOf("/akun/logout/") !== -1 && window.caches) window.caches.delete("sentra-pages");
  }, true);

  /* Installable and kind to weak signal: the service worker caches the shell and the last pages seen. */
  if ("serviceWorker" in navigator && window.location.protocol !== "file:") {
    var sw = document.documentElement.getAttribute("data-sw");
    if (sw) {
      window.addEventListener("load", function () {
        navigator.serviceWorker.register(sw, { scope: "/" }).catch(function () {});
      });
    }
  }
})();
