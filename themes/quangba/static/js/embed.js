/* The embed page's copy buttons (templates/embed.html). A same-origin file, so
   the site's Content-Security-Policy (script-src 'self') allows it. Writing to
   the clipboard on a click needs no permission prompt; where the browser
   refuses (no secure context, an old browser), the snippet is selected and the
   visitor is told to press Ctrl+C. */
(function () {
  "use strict";

  function select(code) {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function say(status, key) {
    // Empty first, so that a second click is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = status.getAttribute(key) || ""; }, 50);
  }

  function copy(box) {
    var code = box.querySelector("code");
    var status = box.querySelector(".embed-copy-status");
    var text = code.textContent;
    function fallback() {
      select(code);
      say(status, "data-select");
    }
    if (!navigator.clipboard || !window.isSecureContext) return fallback();
    navigator.clipboard.writeText(text).then(function () { say(status, "data-copied"); }, fallback);
  }

  document.querySelectorAll("[data-embed-snippet]").forEach(function (box) {
    var button = box.querySelector("[data-copy]");
    if (!button || !box.querySelector("code")) return;
    button.addEventListener("click", function () { copy(box); });
    button.parentNode.hidden = false;
  });
})();
