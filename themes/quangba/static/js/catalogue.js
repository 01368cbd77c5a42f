// Catalogue enhancement: combine filters, filter by a number range, sort by a column.
// Without this script every filter value (a sector, a capital range…) and every crossed
// pair (a sector and a capital range) is a pre-rendered page linked from the list
// (docs/content-types.md); this adds any combination, free ranges and sorting in place.
// On the whole list a choice filters the rows at once and is kept in the address
// (?sector=energy&band-capital=100bn-500bn), so it can be shared; on a pre-rendered
// filtered page, which holds only its own rows, a choice opens the whole list so filtered.
(function () {
  "use strict";
  var root = document.querySelector("[data-catalogue]");
  var table = root && root.querySelector("table.catalogue-table");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > 1; });
  if (rows.length < 2) return;
  var allText = (root.querySelector(".facet-all a") || {}).textContent || "*";
  var form = document.createElement("form");
  form.className = "catalogue-filters";
  form.setAttribute("role", "search");
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  var selects = [];
  var ranges = [];
  var filtered = root.hasAttribute("data-filtered");

  function field(labelText, control) {
    // A label beside its control (not around it): the control's name is the label alone.
    var wrap = document.createElement("div");
    var label = document.createElement("label");
    control.id = "catalogue-filter-" + form.elements.length;
    label.htmlFor = control.id;
    label.textContent = labelText;
    wrap.appendChild(label);
    wrap.appendChild(control);
    form.appendChild(wrap);
    if (control.tagName !== "SELECT") control.addEventListener("input", apply);
    control.addEventListener("change", apply);
  }

  root.querySelectorAll(".facet").forEach(function (facet) {
    var key = facet.getAttribute("data-facet");
    var select = document.createElement("select");
    select.appendChild(new Option(allText, ""));
    facet.querySelectorAll("a[data-value]").forEach(function (a) {
      var current = a.getAttribute("aria-current") === "page";
      select.appendChild(new Option(a.firstChild.textContent.trim(), a.getAttribute("data-value"), current, current));
    });
    select.name = key;
    selects.push({ key: key, el: select });
    field(facet.querySelector(".facet-title").textContent, select);
  });

  table.tHead.querySelectorAll("th.num[data-key]").forEach(function (th) {
    var key = th.getAttribute("data-key");
    if (!rows.some(function (r) { return r.hasAttribute("data-" + key); })) return;
    ["≥", "≤"].forEach(function (sign) {
      var input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.inputMode = "decimal";
      ranges.push({ key: key, el: input, low: sign === "≥" });
      field(th.textContent + " " + sign, input);
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () { sort(th, key); });
  });

  function matches(row) {
    for (var i = 0; i < selects.length; i++) {
      var want = selects[i].el.value;
      var have = (row.getAttribute("data-" + selects[i].key) || "").split(" ");
      if (want && have.indexOf(want) < 0) return false;
    }
    for (var j = 0; j < ranges.length; j++) {
      var limit = parseFloat(ranges[j].el.value);
      if (isNaN(limit)) continue;
      var value = parseFloat(row.getAttribute("data-" + ranges[j].key));
      if (isNaN(value) || (ranges[j].low ? value < limit : value > limit)) return false;
    }
    return true;
  }

  function apply(event) {
    if (filtered && event && event.target.tagName === "SELECT") {
      location.assign(root.getAttribute("data-all") + query());
      return;
    }
    if (!filtered) history.replaceState(null, "", query() || location.pathname);
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !matches(row);
      if (!row.hidden) shown++;
    });
    status.textContent = shown + " / " + rows.length;
  }

  function sort(th, key) {
    var down = th.getAttribute("aria-sort") !== "descending";
    table.tHead.querySelectorAll("th[aria-sort]").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", down ? "descending" : "ascending");
    rows.slice().sort(function (a, b) {
      var x = parseFloat(a.getAttribute("data-" + key)), y = parseFloat(b.getAttribute("data-" + key));
      if (isNaN(x)) return 1;
      if (isNaN(y)) return -1;
      return down ? y - x : x - y;
    }).forEach(function (row) { body.appendChild(row); });
  }

  function query() {
    var params = new URLSearchParams();
    selects.forEach(function (s) { if (s.el.value) params.set(s.key, s.el.value); });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      if (!params.has(s.key)) return;
      s.el.value = params.get(s.key);
      if (s.el.selectedIndex < 0) s.el.selectedIndex = 0; // a value this list does not have
    });
  }

  var status = document.createElement("p");
  status.className = "count";
  status.setAttribute("role", "status");
  form.appendChild(status);
  table.parentNode.parentNode.insertBefore(form, table.parentNode);
  if (!filtered && location.search) {
    restore();
    apply();
  }
})();
