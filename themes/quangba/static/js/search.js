/* The search page (plugins/search, templates/search.html): Pagefind's
   JavaScript API behind a small form that works with a keyboard and a screen
   reader. Nothing is requested from another site.

   The index writes đ as d + U+0335 COMBINING SHORT STROKE OVERLAY
   (plugins/search/folding.py), so that Pagefind, which ignores combining marks
   when it matches, finds "đối" from "doi". Queries are written the same way
   here, and titles and excerpts are turned back into đ before they are shown. */

const STROKE = "\u0335";
const TYPING_DELAY = 250; // ms after the last key press before searching

// The index keeps every katakana run a word of its own (plugins/search/folding.py):
// a query is split at the same edges, so ホアビンのムオン族 asks for ホアビン, の, ムオン, 族.
const KATAKANA_EDGE = /(?<=[\u30a0-\u30ff\u31f0-\u31ff])(?=[^\u30a0-\u30ff\u31f0-\u31ff\s])|(?<=[^\u30a0-\u30ff\u31f0-\u31ff\s])(?=[\u30a0-\u30ff\u31f0-\u31ff])/gu;

/** Return a query written the way the index is: NFC, đ/Đ as d/D + stroke, katakana runs apart. */
export function foldQuery(text) {
  return text.normalize("NFC").replaceAll("đ", "d" + STROKE).replaceAll("Đ", "D" + STROKE)
    .replace(KATAKANA_EDGE, " ");
}

/** Return index text with every d/D + stroke turned back into đ/Đ. */
export function unfold(text) {
  return text.replaceAll("d" + STROKE, "đ").replaceAll("D" + STROKE, "Đ");
}

/** Load Pagefind for a language; resolve to null when that language has no index. */
export async function loadPagefind(bundleUrl, lang, options = {}) {
  const bundle = new URL(bundleUrl, document.baseURI);
  const response = await fetch(new URL("pagefind-entry.json", bundle));
  if (!response.ok) {
    throw new Error(`search index not found (${response.status} for pagefind-entry.json)`);
  }
  const entry = await response.json();
  // Pagefind would otherwise fall back to the largest index, in another language.
  if (!entry.languages || !entry.languages[lang]) {
    return null;
  }
  const pagefind = await import(new URL("pagefind.js", bundle).href);
  await pagefind.options(options);
  await pagefind.init();
  return pagefind;
}

/** Return the search URL parameters of the current page. */
function readParams(form) {
  const params = new URLSearchParams(location.search);
  for (const field of form.elements) {
    if (field.name && params.has(field.name)) {
      field.value = params.get(field.name);
      if (field.tagName === "SELECT" && field.selectedIndex < 0) {
        field.selectedIndex = 0; // a value this page does not offer
      }
    }
  }
  return params;
}

/** Keep the address bar in step with the form, so a search can be shared. */
function writeParams(form) {
  const params = new URLSearchParams();
  for (const field of form.elements) {
    if (field.name && field.value) {
      params.set(field.name, field.value);
    }
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

/** Return an element with a class and text. */
function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Return Pagefind's excerpt as text and <mark> nodes only, with đ restored. */
function excerptNodes(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html; // inert: a template's content is never run or loaded
  return Array.from(parsed.content.childNodes, (node) => {
    const text = unfold(node.textContent);
    return node.nodeName === "MARK" ? make("mark", "", text) : document.createTextNode(text);
  });
}

/** Return "YYYY-MM-DD" from the index's "YYYYMMDD" date, or "". */
function isoDay(value) {
  return /^\d{8}$/.test(value || "") ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : "";
}

class SearchPage {
  constructor(form) {
    this.form = form;
    this.input = form.querySelector("input[type=search]");
    this.sort = form.querySelector("select[name=sort]");
    this.filters = Array.from(form.querySelectorAll("select[data-filter]"));
    this.status = document.querySelector("[data-search-status]");
    this.list = document.querySelector("[data-search-results]");
    this.more = document.querySelector("[data-search-more]");
    this.browse = document.querySelector("[data-search-browse]");
    this.text = JSON.parse(document.querySelector("[data-search-text]").textContent);
    this.lang = document.documentElement.lang;
    this.perPage = Number(form.dataset.perPage) || 10;
    this.plural = new Intl.PluralRules(this.lang);
    this.number = new Intl.NumberFormat(this.lang);
    // Dates are stored as the story's local calendar day: format it as is.
    this.dates = new Intl.DateTimeFormat(this.lang, { dateStyle: "long", timeZone: "UTC" });
    this.names = Object.fromEntries(
      this.filters.map((select) => [select.dataset.filter, this.optionNames(select)]),
    );
    this.pagefind = null;
    this.results = [];
    this.shown = 0;
    this.searchId = 0;
    this.timer = 0;
  }

  /** Return value -> visible name of a filter's options. */
  optionNames(select) {
    return Object.fromEntries(Array.from(select.options, (option) => [option.value, option.text]));
  }

  async start() {
    const data = this.form.dataset;
    try {
      this.pagefind = await loadPagefind(data.bundle, data.lang, {
        baseUrl: data.baseUrl,
        excerptLength: Number(data.excerptWords) || 30,
      });
      if (this.pagefind) {
        await this.pruneFilters(); // also proves the index and its WebAssembly load
      }
    } catch (error) {
      console.error("search:", error);
      this.showBrowse(this.text.error);
      return;
    }
    if (!this.pagefind) {
      this.showBrowse(this.text.empty);
      return;
    }
    this.browse.hidden = true;
    this.form.hidden = false;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.search();
    });
    this.input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), TYPING_DELAY);
    });
    for (const select of [...this.filters, this.sort]) {
      select.addEventListener("change", () => this.search());
    }
    this.more.addEventListener("click", () => this.showMore(true));
    const params = readParams(this.form);
    if (params.toString()) {
      await this.search();
    }
  }

  /** Say why search is not available and leave the browsing links visible. */
  showBrowse(message) {
    const notice = this.browse.querySelector("[data-search-nojs]");
    notice.textContent = message;
  }

  /** Offer only the sections and agencies this language's index has stories from,
      and the collections' filters (type, sector, category, location) it has, by name. */
  async pruneFilters() {
    const available = await this.pagefind.filters();
    const order = new Intl.Collator(this.lang);
    for (const select of this.filters) {
      const counts = available[select.dataset.filter] || {};
      if ("fromIndex" in select.dataset) {
        // The index holds these values as names in the page's language already.
        for (const value of Object.keys(counts).sort(order.compare)) {
          select.append(new Option(value, value));
        }
        this.names[select.dataset.filter] = this.optionNames(select);
      }
      for (const option of Array.from(select.options)) {
        if (option.value && !counts[option.value]) {
          option.remove();
        }
      }
      select.closest(".search-filter").hidden = select.options.length < 2;
    }
  }

  /** Run the search the form describes and show the first results. */
  async search() {
    clearTimeout(this.timer);
    const id = ++this.searchId;
    const query = foldQuery(this.input.value.trim());
    const filters = {};
    for (const select of this.filters) {
      if (select.value) filters[select.dataset.filter] = select.value;
    }
    writeParams(this.form);
    if (!query && !Object.keys(filters).length) {
      this.results = [];
      this.list.replaceChildren();
      this.more.hidden = true;
      this.status.textContent = "";
      return;
    }
    const options = { filters };
    // Without words there is no relevance: list what the filters leave, newest first.
    if (this.sort.value === "date" || !query) options.sort = { date: "desc" };
    const found = await this.pagefind.search(query || null, options);
    if (id !== this.searchId || !found) return; // a newer search has started
    this.results = found.results;
    this.shown = 0;
    this.list.replaceChildren();
    await this.showMore(false, id);
    if (id !== this.searchId) return;
    this.status.textContent = this.results.length
      ? this.countText(this.results.length)
      : this.text.none.replace("{query}", this.input.value.trim());
  }

  /** Return "N results" in the page's language and plural rules. */
  countText(count) {
    const forms = this.text.counts;
    const form = forms[this.plural.select(count)] ?? forms.other ?? Object.values(forms)[0];
    return form.replace("{count}", this.number.format(count));
  }

  /** Append the next results; with focus, move to the first one added. */
  async showMore(focus, id = this.searchId) {
    const batch = this.results.slice(this.shown, this.shown + this.perPage);
    const records = await Promise.all(batch.map((result) => result.data()));
    if (id !== this.searchId) return;
    const items = records.map((record) => this.render(record));
    this.list.append(...items);
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    if (focus && items.length) {
      items[0].querySelector("a").focus();
    }
  }

  /** Return one result: title link, date, section, agency and excerpt. */
  render(record) {
    const item = make("li", "search-result");
    const heading = make("h2", "search-result-title");
    const link = make("a", "", unfold(record.meta.title || record.url));
    link.href = record.url;
    heading.append(link);
    item.append(heading);

    const facts = [];
    const day = isoDay(record.meta.date);
    if (day) {
      const time = make("time", "", this.dates.format(new Date(`${day}T00:00:00Z`)));
      time.dateTime = day;
      facts.push(time);
    }
    for (const key of ["type", "section", "agency"]) {
      const value = (record.filters[key] || [])[0];
      const name = value && this.names[key] && this.names[key][value];
      if (name) facts.push(make("span", `search-result-${key}`, name));
    }
    if (facts.length) {
      const meta = make("p", "meta");
      facts.forEach((fact, index) => meta.append(...(index ? [" · ", fact] : [fact])));
      item.append(meta);
    }
    if (record.excerpt) {
      const excerpt = make("p", "search-result-excerpt");
      excerpt.append(...excerptNodes(record.excerpt));
      item.append(excerpt);
    }
    return item;
  }
}

const form = document.querySelector("form[data-search]");
if (form) {
  new SearchPage(form).start();
}
