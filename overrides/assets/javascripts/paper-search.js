/*
 * The header search box (partials/search.html), answered from the site's own search index,
 * search/ at the site root (generator/pages/search.py). The page sends the box empty; this
 * makes its form, icons and result list (`build`).
 *
 * The index is found from this script's own address (assets/javascripts/ under the root), so
 * the site works under a sub-path such as a GitHub Pages project site and needs nothing from
 * another host. Its table (search/index.json) is loaded when the box is first opened or
 * approached; each query then fetches only the ranges of the vocabulary its words fall in.
 *
 * Keystrokes are debounced: only the query standing when typing pauses is searched, so typing
 * "speech" does not fetch the ranges of "s", "sp", "spe"...; the words already finished
 * (followed by a space) are preloaded meanwhile.
 */
(() => {
  "use strict";

  const box = document.querySelector("[data-paper-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle || !document.currentScript) return;

  const root = new URL("../../", document.currentScript.src);
  build();
  const form = box.querySelector("form");
  const input = box.querySelector("[data-paper-search-query]");
  const status = box.querySelector("[data-paper-search-status]");
  const list = box.querySelector("[data-paper-search-results]");
  const result = box.querySelector(".md-search-result");
  const filterRow = element("div", { class: "paper-search__filters", hidden: "" });
  const selects = [
    ["theme", "Theme", "All themes"],
    ["year", "Year", "All years"],
  ].map(([name, label, all]) => {
    const select = element("select", { class: "paper-search__filter", "aria-label": label });
    select.dataset.paperSearchFilter = name;
    select.append(new Option(all, ""));
    return select;
  });
  filterRow.append(...selects);
  result.before(filterRow);
  const more = element("button", { type: "button", class: "paper-search__more", hidden: "" });
  more.dataset.paperSearchMore = "";
  more.textContent = "More results";
  result.append(more);

  const PAGE = 10; // results whose data is fetched at once
  const DEBOUNCE_MS = 80;
  const EXCERPT_WORDS = 30;
  const RESULTS_PER_FILE = 8; // as in generator/pages/search.py
  const EXCERPT_LEAD = 6; // words shown before the first matched one
  // A word of one or two letters is most often the start of a longer one, and its range of
  // the vocabulary is seldom the longer word's; it is searched only if typing pauses for
  // longer ("RL", "3D"), and as a whole word: as a beginning it would match thousands.
  const SHORT_WORD = 3;
  const SHORT_WORD_PAUSE_MS = 300;
  const MAX_OPTIONS = 40; // filter values offered

  let engine = null; // promise of the loaded index table
  let ready = false;
  let about = []; // themes and year of each result shown, for the filter row
  let generation = 0; // bumped by every query; stale answers are dropped
  let results = [];
  let shown = 0;
  let query = "";
  let pause = 0; // the debounce timer
  let preloaded = ""; // finished words whose index ranges are asked for

  /*
   * The index (generator/pages/search.py): search/index.json says how many papers there are
   * and where each range of the sorted vocabulary begins; a range file holds its words, each
   * pointing at its stem, and the stems' postings. Only the ranges a query's words fall in
   * are fetched, once each.
   */
  const fetched = new Map(); // file name → promise of its JSON

  async function readJson(name) {
    const response = await fetch(new URL(`search/${name}`, root));
    if (!response.ok) throw new Error(`search/${name}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
    // Compressed by the generator; a server may also have sent it inflated already.
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(inflated).json();
  }

  function file(name) {
    if (!fetched.has(name)) {
      const reading = readJson(name);
      reading.catch(() => fetched.delete(name)); // let the next query try again
      fetched.set(name, reading);
    }
    return fetched.get(name);
  }

  function load() {
    if (!engine) {
      engine = file("index.json").then((table) => {
        ready = true;
        return table;
      });
      engine.catch(() => {
        engine = null;
      });
    }
    return engine;
  }

  /* The steps of `words` in generator/pages/search.py, in the same order. */
  function words(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  /* Range files of a [begins, name, begins, name, ...] table that can hold `word`, or words
   * starting with it. Strings compare by UTF-16 code units here as the generator sorted them. */
  function rangesOf(table, prefix, word, whole) {
    let low = 0;
    let high = table.length / 2 - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (table[2 * middle] <= word) low = middle;
      else high = middle - 1;
    }
    const names = [`${prefix}-${table[2 * low + 1]}.json.gz`];
    for (let i = low + 1; !whole && i < table.length / 2 && table[2 * i].startsWith(word); i++) {
      names.push(`${prefix}-${table[2 * i + 1]}.json.gz`);
    }
    return names;
  }

  /* The postings [gap, weight, gap, weight, ...] as a Map from paper number to weight. */
  function papersOf(postings) {
    const papers = new Map();
    let number = 0;
    for (let i = 0; i < postings.length; i += 2) {
      number += postings[i];
      papers.set(number, postings[i + 1]);
    }
    return papers;
  }

  /* A query word's papers, each scored by the best of its stems (idf times weight), and the
   * written forms it matched, for the excerpt's marks. The last word, while typed, matches
   * the words it begins too. */
  async function matches(table, word, whole) {
    const scored = new Map();
    const forms = new Set();
    for (const range of await Promise.all(rangesOf(table.words, "w", word, whole).map(file))) {
      for (const [written, stem] of Object.entries(range.words)) {
        if (whole ? written !== word : !written.startsWith(word)) continue;
        forms.add(written);
        const postings = range.stems[stem];
        const n = postings.length / 2;
        const idf = Math.log(1 + (table.papers - n + 0.5) / (n + 0.5));
        for (const [number, weight] of papersOf(postings)) {
          scored.set(number, Math.max(scored.get(number) || 0, idf * weight));
        }
      }
    }
    return { scored, forms };
  }

  async function filtered(table, filters) {
    const sets = [];
    for (const [name, value] of Object.entries(filters)) {
      const key = `${name}:${value}`;
      const range = await file(rangesOf(table.filters, "f", key, true)[0]);
      sets.push(new Set(range.stems[key] ? papersOf(range.stems[key]).keys() : []));
    }
    return sets;
  }

  /* Papers that have every word of the query (the last one as a beginning while it is typed)
   * and every chosen filter, best first, newest first among equals. */
  async function search(query, filters) {
    const table = await load();
    const typed = words(query);
    const finished = /\s$/.test(query);
    const found = await Promise.all(
      typed.map((word, i) => matches(table, word, finished || i < typed.length - 1 || word.length < SHORT_WORD)),
    );
    const kept = await filtered(table, filters);
    const forms = new Set(found.flatMap((match) => [...match.forms]));
    const ranked = [];
    if (found.length) {
      const [fewest, ...others] = [...found].sort((a, b) => a.scored.size - b.scored.size);
      for (const [number, score] of fewest.scored) {
        let total = score;
        for (const other of others) total += other.scored.get(number) ?? NaN;
        if (!Number.isNaN(total) && kept.every((set) => set.has(number))) ranked.push([total, number]);
      }
    }
    ranked.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    return ranked.map(([, number]) => ({ data: () => resultData(number, forms) }));
  }

  function preload(text) {
    load()
      .then((table) => Promise.all(words(text).map((word) => Promise.all(rangesOf(table.words, "w", word, true).map(file)))))
      .catch(() => {});
  }

  async function resultData(number, forms) {
    const group = await file(`p/${Math.floor(number / RESULTS_PER_FILE)}.json.gz`);
    const paper = group[number % RESULTS_PER_FILE];
    return {
      url: new URL(paper.url, root).pathname,
      meta: { title: paper.title, year: paper.year, themes: paper.themes.join(" · ") },
      excerpt: excerptOf(paper.text, forms),
    };
  }

  /* About EXCERPT_WORDS words of the abstract from just before its first matched word, as
   * [text, marked] pieces; the words the query matched are marked. */
  function excerptOf(text, forms) {
    const pieces = text.split(/([\p{L}\p{N}\p{M}]+)/u);
    const isMatch = (piece, i) => i % 2 === 1 && words(piece).some((word) => forms.has(word));
    const first = pieces.findIndex(isMatch);
    let start = first < 0 ? 1 : Math.max(1, first - 2 * EXCERPT_LEAD);
    start -= start % 2 === 0 ? 1 : 0;
    const end = Math.min(pieces.length, start + 2 * EXCERPT_WORDS);
    const out = [];
    if (start > 1) out.push(["… ", false]);
    for (let i = start; i < end; i++) out.push([pieces[i], isMatch(pieces[i], i)]);
    if (end < pieces.length) out.push([" …", false]);
    return out;
  }

  /*
   * The box as Material draws its own search, with its md-search classes but none of its
   * data-md-component hooks and no form named "search" (those make Material's script fetch a
   * lunr index that is not built). Made here rather than sent in every page's HTML: it was
   * 1.2 KB a page, 49 MB of a 35,000-paper site, and only this script makes it work. It runs
   * once: Material's instant navigation swaps the article, not the header that holds the box.
   * The icons are empty <svg>s that assets/stylesheets/chrome-icons.css draws, as the header's
   * are (partials/chrome-icons.html); Material's icons are all 24 by 24.
   */
  function build() {
    const icon = (role) => `<svg class="pi-icon pi-${role}" viewBox="0 0 24 24"></svg>`;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Search");
    box.innerHTML = `<label class="md-search__overlay" for="__search"></label>
<div class="md-search__inner" role="search">
<form class="md-search__form" name="paper-search">
<input type="text" class="md-search__input" name="query" aria-label="Search" placeholder="Search" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required data-paper-search-query>
<label class="md-search__icon md-icon" for="__search">${icon("search")}${icon("previous")}</label>
<nav class="md-search__options" aria-label="Search">
<button type="reset" class="md-search__icon md-icon" title="Clear" aria-label="Clear" tabindex="-1">${icon("close")}</button>
</nav>
</form>
<div class="md-search__output">
<div class="md-search__scrollwrap" tabindex="0">
<div class="md-search-result" aria-live="polite">
<div class="md-search-result__meta" data-paper-search-status>Type to start searching</div>
<ol class="md-search-result__list" role="presentation" data-paper-search-results></ol>
</div>
</div>
</div>
</div>`;
  }

  function element(tag, attributes) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  function setStatus(text, state) {
    status.textContent = text;
    box.dataset.state = state;
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) {
      if (select.value) filters[select.dataset.paperSearchFilter] = select.value;
    }
    return filters;
  }

  function counted(n) {
    return n === 1 ? "1 matching paper" : `${n} matching papers`;
  }

  function excerpt(pieces) {
    const p = document.createElement("p");
    for (const [text, marked] of pieces) {
      if (marked) {
        const mark = document.createElement("mark");
        mark.textContent = text;
        p.append(mark);
      } else {
        p.append(text);
      }
    }
    return p;
  }

  function resultItem(data) {
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    article.append(icon, title, excerpt(data.excerpt));
    const line = [data.meta.year, data.meta.themes].filter(Boolean).join(" · ");
    if (line) {
      const themes = document.createElement("p");
      themes.className = "paper-search__themes";
      themes.textContent = line;
      article.append(themes);
    }
    link.append(article);
    item.append(link);
    return item;
  }

  async function showMore(mine) {
    const page = results.slice(shown, shown + PAGE);
    const data = await Promise.all(page.map((result) => result.data()));
    if (mine !== generation) return;
    list.append(...data.map(resultItem));
    about.push(...data.map((result) => result.meta));
    showFilters();
    shown += page.length;
    more.hidden = shown >= results.length;
  }

  /*
   * The filter row offers the themes and years of the results shown, most frequent first
   * (years newest first). Counting every value over all results would need every result's
   * data, or the whole filter index (350 KB at 35,000 papers) on every search. Choosing a
   * theme loads that theme's range of the filter index; only readers who filter pay for it.
   */
  function offer(select, values) {
    const chosen = select.value;
    const byYear = select.dataset.paperSearchFilter === "year";
    const counts = new Map();
    for (const value of values) counts.set(value, (counts.get(value) || 0) + 1);
    const ranked = [...counts.keys()]
      .sort((a, b) => (byYear ? b.localeCompare(a) : counts.get(b) - counts.get(a) || a.localeCompare(b)))
      .slice(0, MAX_OPTIONS);
    if (chosen && !ranked.includes(chosen)) ranked.unshift(chosen);
    const first = select.options[0];
    select.replaceChildren(first);
    for (const value of ranked) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      select.append(option);
    }
    select.value = chosen;
    select.hidden = ranked.length === 0;
  }

  function showFilters() {
    const values = {
      theme: about.flatMap((meta) => (meta.themes ? meta.themes.split(" · ") : [])),
      year: about.flatMap((meta) => (meta.year ? [meta.year] : [])),
    };
    for (const select of selects) offer(select, values[select.dataset.paperSearchFilter] || []);
    filterRow.hidden = selects.every((select) => select.hidden);
  }

  /*
   * Results are shown as their data arrives, in rank order, the first as soon as it can be.
   * data-query on the list names the query whose results are showing; data-search (query and
   * filters) is set once the page of results and the status are complete, and removed as soon
   * as they are stale.
   */
  async function run() {
    clearTimeout(pause);
    const mine = ++generation;
    delete list.dataset.search;
    query = input.value.trim();
    const filters = chosenFilters();
    const done = JSON.stringify({ query, filters });
    if (!query) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      filterRow.hidden = true;
      list.dataset.query = "";
      list.dataset.search = done;
      setStatus("Type to start searching", "idle");
      return;
    }
    try {
      if (!ready) setStatus("Initializing search", "loading");
      await load();
      if (mine !== generation) return; // typed on while the index loaded: search that instead
      const found = await search(input.value, filters);
      if (mine !== generation) return;
      results = found;
      shown = 0;
      const page = results.slice(0, PAGE);
      const pending = page.map((result) => result.data());
      about = [];
      for (const [i, fetching] of pending.entries()) {
        const data = await fetching;
        if (mine !== generation) return;
        about.push(data.meta);
        const item = resultItem(data);
        if (i === 0) {
          list.replaceChildren(item);
          list.dataset.query = query;
          setStatus(counted(results.length), "showing");
        } else {
          list.append(item);
        }
      }
      shown = page.length;
      more.hidden = shown >= results.length;
      if (!results.length) {
        list.replaceChildren();
        list.dataset.query = query;
      }
      setStatus(results.length ? counted(results.length) : `No matching papers for “${query}”`, "done");
      showFilters();
      list.dataset.search = done;
    } catch (error) {
      if (mine !== generation) return;
      const why = location.protocol === "file:"
        ? "the site has to be served over http(s)"
        : "its index could not be loaded";
      setStatus(`Search is unavailable: ${why}`, "error");
      console.warn("paper search:", error);
    }
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    input.focus();
    input.select();
    load().catch(() => {});
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function links() {
    return [...list.querySelectorAll(".md-search-result__link")];
  }

  function typing(target) {
    return (
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLElement && target.isContentEditable)
    );
  }

  /*
   * A pointer on the search button or box is a reader about to search: the engine starts
   * loading then, to be ready by the first key. Readers who never go near search load none of
   * it (loading it on every page once idle would add 0.2 MB to each first page view at 5,000
   * papers, 0.4 MB at 35,000, most of it the page list that grows with the library).
   */
  for (const near of [box, ...document.querySelectorAll("label[for='__search']")]) {
    near.addEventListener("pointerenter", () => load().catch(() => {}), { once: true });
  }

  input.addEventListener("focus", () => {
    if (!toggle.checked) toggle.checked = true;
    load().catch(() => {});
  });
  /*
   * A keystroke makes what was being searched stale at once (bumping `generation`), so a search
   * still waiting for the engine or the pause is dropped before it asks for index chunks.
   */
  function typed() {
    generation++;
    delete list.dataset.search; // what is shown is no longer the answer to what is typed
    clearTimeout(pause);
    const typing = /\S*$/.exec(input.value)[0];
    const short = typing.length > 0 && typing.length < SHORT_WORD;
    pause = setTimeout(run, short ? SHORT_WORD_PAUSE_MS : DEBOUNCE_MS);
    const finished = input.value.slice(0, input.value.lastIndexOf(" ") + 1).trim();
    if (ready && finished && finished !== preloaded) {
      preloaded = finished;
      preload(finished);
    }
  }

  input.addEventListener("input", typed);
  for (const select of selects) select.addEventListener("change", run);
  more.addEventListener("click", () => showMore(generation));

  // The header's magnifier and the overlay are labels for the toggle: follow it.
  toggle.addEventListener("change", () => (toggle.checked ? open() : close()));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      run();
      input.focus();
    });
  });
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) close();
  });

  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !typing(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const stops = [input, ...links()];
      const at = stops.indexOf(document.activeElement);
      const step = event.key === "ArrowDown" ? 1 : -1;
      stops[(Math.max(at, 0) + step + stops.length) % stops.length].focus();
      event.preventDefault();
    }
  });
})();
