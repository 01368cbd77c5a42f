/* quangba news widget: shows a JSON Feed of this site in a partner's page.
   <div data-qb-feed data-lang="en" data-section="tourism" data-count="5"><a href="…">…</a></div>
   <script src="…/theme/js/widget.js" data-default-lang="vi" async></script>
   No dependencies. If the feed fails, the box keeps its link to the site. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me ? me.src : "";
  var base = src.replace(/\/theme\/js\/[^\/]*$/, "");
  var home = me && me.getAttribute("data-default-lang") || "";
  var seen = typeof WeakSet == "function" ? new WeakSet() : { has: function () {}, add: function () {} };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function safe(url) {
    return /^https?:\/\//i.test(url || "") ? url : base + "/";
  }
  function feedUrl(d) {
    if (d.feed) return d.feed;
    var lang = d.lang || home, scope = "all";
    ["section", "agency", "tag"].forEach(function (k) {
      if (d[k] && /^[a-z0-9-]+$/.test(d[k])) scope = k + "/" + d[k];
    });
    return base + "/" + (lang && lang != home ? lang + "/" : "") + "feeds/" + scope + ".json";
  }
  function date(value, lang) {
    try {
      return new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(new Date(value));
    } catch (e) {
      return String(value).slice(0, 10);
    }
  }
  function render(box, feed) {
    var d = box.dataset, lang = feed.language || d.lang || "";
    var n = Math.min(Math.max(parseInt(d.count, 10) || 5, 1), 50);
    var level = Math.min(Math.max(parseInt(d.heading, 10) || 2, 2), 6);
    var id = "qb-feed-" + Math.random().toString(36).slice(2);
    var title = el("h" + level, "qb-feed__title"), link = el("a", "", feed.title);
    var list = el("ul", "qb-feed__list");
    link.href = safe(feed.home_page_url);
    title.id = id;
    title.appendChild(link);
    (feed.items || []).slice(0, n).forEach(function (item) {
      var li = el("li", "qb-feed__item"), a = el("a", "qb-feed__link", item.title || item.url);
      a.href = safe(item.url);
      li.appendChild(a);
      if (item.date_published) {
        var t = el("time", "qb-feed__date", date(item.date_published, lang));
        t.dateTime = item.date_published;
        li.appendChild(t);
      }
      list.appendChild(li);
    });
    var more = el("p", "qb-feed__more"), all = el("a", "", (feed._quangba || {}).more || feed.title);
    all.href = safe(feed.home_page_url);
    more.appendChild(all);
    box.textContent = "";
    box.lang = lang;
    box.setAttribute("role", "region");
    box.setAttribute("aria-labelledby", id);
    box.appendChild(title);
    if (list.firstChild) box.appendChild(list);
    box.appendChild(more);
  }
  function fail(box) {
    box.classList.add("qb-feed--error");
    if (!box.querySelector("a[href]")) {
      var a = el("a", "", base.replace(/^https?:\/\//, ""));
      a.href = base + "/";
      box.appendChild(a);
    }
  }
  function load(box) {
    if (seen.has(box)) return;
    seen.add(box);
    box.classList.add("qb-feed");
    box.setAttribute("aria-busy", "true");
    fetch(feedUrl(box.dataset), { credentials: "omit" })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      })
      .then(function (feed) {
        render(box, feed);
      })
      .catch(function () {
        fail(box);
      })
      .then(function () {
        box.removeAttribute("aria-busy");
      });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-qb-feed]"), load);
  }
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
