// papernotes theme: colour scheme toggle (auto -> light -> dark) and the
// menu button that opens the sidebar on small screens. The mode is applied
// before the first paint by an inline script in <head>; this file only
// handles changes.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "pn-mode";
  var NEXT = { auto: "light", light: "dark", dark: "auto" };
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function currentMode() {
    var mode = root.getAttribute("data-pn-mode");
    return NEXT[mode] ? mode : "auto";
  }

  function apply(mode) {
    var dark = mode === "dark" || (mode === "auto" && !!system && system.matches);
    root.setAttribute("data-pn-mode", mode);
    root.setAttribute("data-theme", dark ? "dark" : "light");
    var pygments = document.getElementById("pygments_dark_css");
    if (pygments) {
      pygments.media = mode === "auto" ? "(prefers-color-scheme: dark)" : dark ? "all" : "not all";
    }
    document.querySelectorAll(".pn-mode-button").forEach(function (button) {
      var label = button.getAttribute("data-pn-label-" + mode);
      if (label) button.setAttribute("aria-label", label);
      button.setAttribute("title", label || "");
    });
  }

  function store(mode) {
    try {
      localStorage.setItem(KEY, mode);
    } catch (e) {
      /* private mode: the choice lasts for this page only */
    }
  }

  if (system) {
    var follow = function () {
      if (currentMode() === "auto") apply("auto");
    };
    if (system.addEventListener) system.addEventListener("change", follow);
    else if (system.addListener) system.addListener(follow);
  }

  // Another tab changed the mode: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY && event.newValue && NEXT[event.newValue]) apply(event.newValue);
  });

  function menu() {
    return document.querySelector(".pn-menu-button");
  }

  function setMenu(open) {
    var button = menu();
    var sidebar = document.getElementById("pn-sidebar");
    var backdrop = document.querySelector(".pn-backdrop");
    if (!button || !sidebar) return;
    root.classList.toggle("pn-menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var label = button.getAttribute(open ? "data-pn-close" : "data-pn-open") || "";
    var text = button.querySelector(".pn-menu-label");
    if (text) text.textContent = label;
    if (backdrop) backdrop.hidden = !open;
    if (open) {
      var first = sidebar.querySelector("a, button, input");
      if (first) first.focus();
    }
  }

  function init() {
    apply(currentMode());
    document.querySelectorAll(".pn-mode-button").forEach(function (button) {
      button.addEventListener("click", function () {
        var mode = NEXT[currentMode()];
        store(mode);
        apply(mode);
      });
    });
    var button = menu();
    if (button) {
      button.addEventListener("click", function () {
        setMenu(button.getAttribute("aria-expanded") !== "true");
      });
    }
    document.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("[data-pn-close-menu]")) setMenu(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && root.classList.contains("pn-menu-open")) {
        setMenu(false);
        var open = menu();
        if (open) open.focus();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
