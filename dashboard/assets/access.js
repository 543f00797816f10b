/* Accessibility repairs for markup the app's widgets write themselves (issue 16): the page's
   language from the URL, keyboard access to tables that scroll inside their card, and names for
   progress bars and the file inputs of upload areas. Runs after every change of the page. */
(function () {
  "use strict";

  function name(element, text) {
    const words = (text || "").replace(/\s+/g, " ").trim();
    if (words && !element.getAttribute("aria-label")) {
      element.setAttribute("aria-label", words.slice(0, 160));
    }
  }

  function repair() {
    const lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "nl";
    if (document.documentElement.lang !== lang) {
      document.documentElement.lang = lang;
    }
    // A region that scrolls must be reachable with the keyboard to be scrolled with it.
    document.querySelectorAll(".table-responsive:not([tabindex]), .card-body:not([tabindex])")
      .forEach(function (region) {
        // Wider than itself first: the computed style is asked of the few that are.
        if (region.scrollWidth > region.clientWidth + 1 &&
            ["auto", "scroll"].indexOf(window.getComputedStyle(region).overflowX) >= 0) {
          region.setAttribute("tabindex", "0");
        }
      });
    document.querySelectorAll(".progress-bar[role=progressbar]:not([aria-label])")
      .forEach(function (bar) {
        const holder = bar.closest(".progress");
        const title = holder && holder.previousElementSibling;
        name(bar, (title ? title.textContent + ": " : "") + (bar.textContent || bar.getAttribute("aria-valuenow") || ""));
      });
    document.querySelectorAll("input[type=file]:not([aria-label])")
      .forEach(function (input) { name(input, input.parentElement && input.parentElement.textContent); });
  }

  let pending = false;
  function soon() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () { pending = false; repair(); });
    }
  }
  new MutationObserver(soon).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("resize", soon);
  document.addEventListener("DOMContentLoaded", repair);
  repair();
})();
