/*
 * The header search box (partials/search.html), answered from the site's own search index,
 * search/ at the site root (generator/pages/search.py). The page sends the box empty; this
 * makes its form, icons and result list (`build`).
 *
 * The index is found from this script's own address (assets/javascripts/ under the root), so
 * the site works under a sub-path such as a GitHub Pages project site and needs nothing from
 * another host. Its table (search/index.json.gz) is loaded when the box is first opened or
 * approached, with the stemmer (porter2.js); each query then fetches only the ranges of the
 * vocabulary its words fall in, and the same words' ranges of the papers added since the last
 * fit, which the library's ranges do not hold until the next one. The search page,
 * search/?q=..., opens with its query searched.
 *
 * Keystrokes are debounced: only the query standing when typing pauses is searched, so typing
 * "speech" does not fetch the ranges of "s", "sp", "spe"...; the words already finished
 * (followed by a space) are preloaded meanwhile.
 */
(() => {
  "use strict";

  /**
   * The page's globals this script reads or sets: the stemmer porter2.js defines, the terms
   * the tests call (paperSearchTerms) and Material's instant navigation (document$).
   * @typedef {{ stem(word: string): string }} Stemmer
   * @typedef {{ subscribe(next: () => void): unknown }} Observable
   * @typedef {typeof globalThis & { porter2?: Stemmer, paperSearchTerms?: object, document$?: Observable }} Page
   */
  const pageGlobals = /** @type {Page} */ (self);

  const searchBox = document.querySelector("[data-paper-search]");
  const searchToggle = document.getElementById("__search");
  const ownScript = document.currentScript;
  if (!(searchBox instanceof HTMLElement) || !(searchToggle instanceof HTMLInputElement)) return;
  if (!(ownScript instanceof HTMLScriptElement)) return;
  const box = searchBox;
  const toggle = searchToggle;

  const root = new URL("../../", ownScript.src);
  build();
  const form = boxElement("form", HTMLFormElement);
  const input = boxElement("[data-paper-search-query]", HTMLInputElement);
  const status = boxElement("[data-paper-search-status]", HTMLElement);
  const list = boxElement("[data-paper-search-results]", HTMLOListElement);
  const resultPane = boxElement(".md-search-result", HTMLElement);
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
  // The search's own address (search/?q=...), to share or bookmark: opening it runs it.
  const address = element("a", { class: "paper-search__address", hidden: "" });
  address.textContent = "Link to this search";
  filterRow.append(...selects, address);
  resultPane.before(filterRow);
  const notice = element("p", { class: "paper-search__notice", hidden: "" });
  notice.dataset.paperSearchNotice = "";
  status.after(notice);
  const more = element("button", { type: "button", class: "paper-search__more", hidden: "" });
  more.dataset.paperSearchMore = "";
  more.textContent = "More results";
  resultPane.append(more);

  const PAGE = 10; // results whose data is fetched at once
  const DEBOUNCE_MS = 80;
  const EXCERPT_WORDS = 30;
  const EXCERPT_LEAD = 6; // words shown before the first matched one
  // A word of one or two letters is most often the start of a longer one, and its range of
  // the vocabulary is seldom the longer word's; it is searched only if typing pauses for
  // longer ("RL", "3D"), and as a whole word: as a beginning it would match thousands.
  const SHORT_WORD = 3;
  const SHORT_WORD_PAUSE_MS = 300;
  const MAX_OPTIONS = 40; // filter values offered
  // What a match is worth against the word itself: a longer word the typed one begins, a
  // longer word the whole one begins when it matches nothing, a word one or two edits away
  // (typos: one edit from 5 letters, two from 8), and a pair of words together in the title.
  const PREFIX_WORTH = 0.8;
  const RELAXED_WORTH = 0.6;
  const CORRECTED_WORTH = 0.6;
  const PHRASE_WORTH = 0.5;
  const TYPO_MIN_LETTERS = 5;
  const TWO_TYPOS_LETTERS = 8;
  const MAX_CORRECTIONS = 5;
  const MAX_LONGER_RANGES = 3; // ranges of the words a typed fragment begins, fetched at most

  /**
   * The files of the index (generator/pages/search.py), as the JSON they hold.
   * @typedef {object} Table search/index.json.gz
   * @property {number} papers how many papers the index holds
   * @property {number} scale a posting's value is (title place + 1) * scale + weight
   * @property {[string, number][]} years [year, first paper number] of each run of one year
   * @property {string[]} words [begins, name, begins, name, ...] of the word ranges
   * @property {string[]} added the same, of the papers added since the last fit (a-<name>)
   * @property {string} themes the name of the theme table
   * @property {number} resultsPerFile how many papers a result file (p/<n>.json.gz) holds
   *
   * @typedef {object} ThemeTable search/t-<name>.json.gz
   * @property {string[]} themes the themes, by number
   * @property {number[][]} papers each paper's themes, by their numbers
   *
   * @typedef {object} Range search/w-<name>.json.gz (or a-<name>)
   * @property {Record<string, string>} words each word as written, and its stem
   * @property {Record<string, number[]>} stems each stem's postings: [gap, value, ...]
   *
   * @typedef {object} ResultPaper a paper of search/p/<n>.json.gz
   * @property {string} url
   * @property {string} title
   * @property {string} year
   * @property {string} day
   * @property {string[]} authors the first few
   * @property {number} more how many authors are not in `authors`
   * @property {string[]} themes
   * @property {string} text the abstract
   */

  /**
   * What the page shows of a result, and what one query word matched.
   * @typedef {{ title: string, year: string, day: string, authors: string, themes: string }} Meta
   * @typedef {[text: string, marked: boolean]} Piece a piece of an excerpt
   * @typedef {{ url: string, meta: Meta, excerpt: Piece[] }} ResultData
   * @typedef {{ number: number, data: () => Promise<ResultData> }} Result
   * @typedef {{ word: string, instead: string[] }} Note a query word no paper has
   * @typedef {Record<string, string>} Filters each chosen filter's value, by its name
   * @typedef {{ forms: Set<string>, stems: Set<string> }} Marks what an excerpt marks
   * @typedef {[count: number, score: number, number: number]} Ranked a paper, ranked
   * @typedef {{ word: string, found: Found, span: number }} Term span: the title places it fills
   * @typedef {Partial<Record<string, (number: number) => boolean>>} Tests each chosen filter's test
   *
   * @typedef {object} Found
   * @property {Map<number, number>} scored each paper's score
   * @property {Map<number, number>} places the word's place in each paper's title
   * @property {Set<string>} forms the library's words it matched, as written
   * @property {Set<string>} stems the stems it matched
   * @property {boolean} relaxed it matched nothing as asked: what it has is its relaxed match
   * @property {string[]} instead the near spellings searched instead of it
   */

  /** @type {Promise<Table> | null} */
  let engine = null; // promise of the loaded index table
  let ready = false;
  /** @type {Table | null} */
  let index = null; // the loaded index table
  /** @type {Promise<void> | null} */
  let themeTable = null; // the theme table (search/t-*.json.gz), loading or loaded
  /** @type {((number: number) => string[]) | null} */
  let themesOf = null; // once the theme table is loaded: a paper's themes
  /** @type {Meta[]} */
  let about = []; // each result shown, for the filter row until themesOf is there
  /** @type {number[]} */
  let matched = []; // every paper the query matches, filters aside, for the filter row
  /** @type {Tests} */
  let tests = {}; // the chosen filters' tests, by filter name
  let generation = 0; // bumped by every query; stale answers are dropped
  /** @type {Result[]} */
  let results = [];
  let shown = 0;
  let query = "";
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pause; // the debounce timer
  let preloaded = ""; // finished words whose index ranges are asked for

  /*
   * The index (generator/pages/search.py): search/index.json.gz says how many papers there are,
   * the years of their numbers and where each range of the sorted words and stems begins; a
   * range file holds its words, each pointing at its stem, and the postings of its stems.
   * Only the ranges a query's words fall in are fetched, once each.
   */
  /** @type {Map<string, Promise<unknown>>} */
  const fetched = new Map(); // file name → promise of its JSON

  /**
   * @param {string} name
   * @returns {Promise<unknown>}
   */
  async function readJson(name) {
    const response = await fetch(new URL(`search/${name}`, root));
    if (!response.ok) throw new Error(`search/${name}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
    // Compressed by the generator; a server may also have sent it inflated already.
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(inflated).json();
  }

  /**
   * @param {string} name
   * @returns {Promise<unknown>}
   */
  function file(name) {
    let reading = fetched.get(name);
    if (!reading) {
      reading = readJson(name);
      reading.catch(() => fetched.delete(name)); // let the next query try again
      fetched.set(name, reading);
    }
    return reading;
  }

  /**
   * @param {string} name
   * @returns {Promise<Range>}
   */
  function rangeFile(name) {
    return /** @type {Promise<Range>} */ (file(name));
  }

  /**
   * A paper's result data: its file holds the table's `resultsPerFile` papers, in number order.
   * @param {number} number
   * @returns {Promise<ResultPaper>}
   */
  async function resultPaper(number) {
    const perFile = (await load()).resultsPerFile;
    const group = /** @type {ResultPaper[]} */ (await file(`p/${Math.floor(number / perFile)}.json.gz`));
    return group[number % perFile];
  }

  /*
   * The Snowball English stemmer (porter2.js, beside this script, made by `make` from npm),
   * loaded with the index. A site built without it stems no query word the library lacks:
   * such a word is matched as written, by prefix or by a near spelling.
   */
  /** @returns {Promise<void>} */
  function loadStemmer() {
    if (pageGlobals.porter2) return Promise.resolve();
    return new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = new URL("assets/javascripts/porter2.js", root).href;
      script.onload = () => resolve();
      script.onerror = () => resolve(); // `stems` leaves the words as written
      document.head.append(script);
    });
  }

  /** @returns {Promise<Table>} */
  function load() {
    if (!engine) {
      engine = Promise.all([file("index.json.gz"), loadStemmer()]).then(([table]) => {
        ready = true;
        index = /** @type {Table} */ (table);
        return index;
      });
      engine.catch(() => {
        engine = null;
      });
    }
    return engine;
  }

  /*
   * The folding of generator/pages/search_terms.py, step for step and by the same names;
   * tests/test_search_terms.py holds the two equal.
   */
  const HYPHENATED = /[\p{L}\p{N}]+(?:[-\u2010][\p{L}\p{N}]+)+/gu;
  const MAX_JOINED_PARTS = 6;

  /** @param {string} text */
  function folded(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  /** @param {string} text */
  function words(text) {
    return folded(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  /** @param {string} text */
  function joined(text) {
    const out = [];
    for (const term of folded(text).match(HYPHENATED) || []) {
      const parts = words(term);
      out.push(parts.join(""));
      for (let size = 2; size <= Math.min(parts.length - 1, MAX_JOINED_PARTS); size++) {
        for (let i = 0; i + size <= parts.length; i++) out.push(parts.slice(i, i + size).join(""));
      }
    }
    return out;
  }

  // A word that is an acronym's plural ("llms", "cnns"): Snowball keeps the s, the index not,
  // as ACRONYM_PLURAL in generator/pages/search_terms.py.
  const ACRONYM_PLURAL = /^[^aeiouy]+[^aeiouys]s$/;

  /** @param {string[]} written */
  function stems(written) {
    const porter2 = pageGlobals.porter2;
    return written.map((word) => {
      if (ACRONYM_PLURAL.test(word)) return word.slice(0, -1);
      return porter2 ? porter2.stem(word) : word;
    });
  }

  // For the tests that hold this folding equal to the generator's.
  pageGlobals.paperSearchTerms = { words, joined, stems, load };

  /*
   * A query as the reader wrote it: "quoted phrases", hyphenated terms (one word, "network-
   * based" as the index holds it joined) and words. Each word is whole, but for the last one
   * while it is typed, which matches the words it begins too.
   */
  /**
   * @param {string} text
   * @param {boolean} finished
   */
  function parse(text, finished) {
    /** @type {string[][]} */
    const phrases = [];
    const rest = text.replace(/["“”]([^"“”]*)["“”]?/g, (_, phrase) => {
      const parts = words(phrase);
      if (parts.length > 1) phrases.push(parts);
      return ` ${parts.join(" ")} `;
    });
    /** @type {{ word: string, parts: string[] | null }[]} */
    const terms = [];
    for (const token of folded(rest).split(/\s+/)) {
      const hyphenated = token.match(HYPHENATED);
      if (hyphenated && hyphenated[0].length === words(token).join("-").length) {
        terms.push({ word: words(token).join(""), parts: words(token) });
      } else {
        for (const word of words(token)) terms.push({ word, parts: null });
      }
    }
    const asked = terms.map((term, i) => ({
      ...term,
      whole: finished || i < terms.length - 1 || term.word.length < SHORT_WORD,
    }));
    return { asked, phrases };
  }

  /* Range files of a [begins, name, begins, name, ...] table that can hold `word`, or words
   * starting with it. Strings compare by UTF-16 code units here as the generator sorted them. */
  /**
   * @param {string[]} table
   * @param {string} prefix
   * @param {string} word
   * @param {boolean} whole
   */
  function rangesOf(table, prefix, word, whole) {
    if (!table || !table.length) return [];
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

  /*
   * One range of the library's words with the same words' range of the papers added since
   * the last fit (numbered after the others): their postings follow the library's. A stem's
   * postings are the same in every range of one index that holds them.
   */
  /**
   * @param {(string | undefined)[]} names
   * @param {(string | undefined)[]} addedNames
   * @returns {Promise<Range>}
   */
  async function joinedRange(names, addedNames) {
    const [own, added] = await Promise.all(
      [names, addedNames].map((group) => Promise.all(group.filter((name) => name !== undefined).map(rangeFile))),
    );
    if (own.length === 1 && !added.length) return own[0];
    /** @type {Range} */
    const range = { words: {}, stems: {} };
    /** @type {Record<string, number[]>} */
    const later = {};
    for (const [part, into] of [...own.map((r) => [r, range.stems]), ...added.map((r) => [r, later])]) {
      for (const [word, stem] of Object.entries(/** @type {Range} */ (part).words)) range.words[word] ??= stem;
      for (const [stem, postings] of Object.entries(/** @type {Range} */ (part).stems)) {
        /** @type {Record<string, number[]>} */ (into)[stem] ??= postings;
      }
    }
    for (const [stem, postings] of Object.entries(later)) {
      range.stems[stem] = range.stems[stem] ? appended(range.stems[stem], postings) : postings;
    }
    return range;
  }

  /* Postings of later papers after `postings`: their first number becomes a gap. */
  /**
   * @param {number[]} postings
   * @param {number[]} later
   */
  function appended(postings, later) {
    let last = 0;
    for (let i = 0; i < postings.length; i += 2) last += postings[i];
    return postings.concat([later[0] - last], later.slice(1));
  }

  /* The postings [gap, value, gap, value, ...] as a Map from paper number to value. */
  /** @param {number[]} postings */
  function papersOf(postings) {
    /** @type {Map<number, number>} */
    const papers = new Map();
    let number = 0;
    for (let i = 0; i < postings.length; i += 2) {
      number += postings[i];
      papers.set(number, postings[i + 1]);
    }
    return papers;
  }

  /**
   * @param {Table} table
   * @param {number} n papers
   */
  function idf(table, n) {
    return Math.log(1 + (table.papers - n + 0.5) / (n + 0.5));
  }

  /* Damerau-Levenshtein distance (adjacent swaps count one), or limit + 1 once beyond it. */
  /**
   * @param {string} a
   * @param {string} b
   * @param {number} limit
   */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    /** @type {number[]} */
    let before = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        let cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
        row.push(cost);
        best = Math.min(best, cost);
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /*
   * A query word's papers: for each, its score (the stem's rarity times its BM25F weight
   * in the paper) and the place of the word in the paper's title. Tried in turn:
   * - the written form, if the library has it, with the stem the index gave it; else the
   *   browser's stem of it (a form the library does not have: "satellite", "linguistics");
   * - while it is typed, the words it begins, each worth less than the word itself (and no
   *   rarer than all of them together): "agent" puts papers on agents before AgenticIQA.
   *   For a word the library has, those of its own range; the ranges of the longer words
   *   after it (MAX_LONGER_RANGES at most) only for a fragment the library lacks ("segmen"):
   *   "model" and the forms and joined terms after it ("model-based": modelbased) were 11
   *   ranges, 0.49 MB at 35,020 papers, each holding the postings of "model" again;
   * - for a word that matches nothing, the words it begins, then the library's words one or
   *   two edits away (typos), worth less again, and the word is `relaxed`.
   */
  /**
   * @param {Table} table
   * @param {string} word
   * @param {boolean} whole
   * @returns {Promise<Found>}
   */
  async function matches(table, word, whole, relax = true) {
    /** @type {Found} */
    const found = { scored: new Map(), places: new Map(), forms: new Set(), stems: new Set(), relaxed: false, instead: [] };
    const [first, ...longer] = rangesOf(table.words, "w", word, whole);
    const [firstAdded, ...longerAdded] = rangesOf(table.added, "a", word, whole);
    const ranges = [await joinedRange([first], [firstAdded])];
    const held = ranges[0].words[word];
    if (!held) ranges.push(await joinedRange(longer.slice(0, MAX_LONGER_RANGES), longerAdded.slice(0, MAX_LONGER_RANGES)));
    const own = held ?? stems([word])[0];
    let postings = ranges[0].stems[own];
    // The range a stem sorts in holds all its postings; a word's range, those its words need,
    // which for the added papers may be theirs alone.
    const [stemFirst] = rangesOf(table.words, "w", own, true);
    const [stemAdded] = rangesOf(table.added, "a", own, true);
    const elsewhere = stemFirst !== first || stemAdded !== firstAdded;
    if (elsewhere && (postings ? Boolean(stemAdded) : relax)) {
      postings = (await joinedRange([stemFirst], [stemAdded])).stems[own];
    }
    if (postings) add(found, table, own, postings, 1, null);
    if (!whole) completions(found, table, ranges, word, own, PREFIX_WORTH);
    if (found.scored.size) return withForms(found, ranges);
    found.relaxed = true;
    if (!relax) return found;
    completions(found, table, ranges, word, own, RELAXED_WORTH);
    if (!found.scored.size && word.length >= TYPO_MIN_LETTERS) corrections(found, table, ranges, word);
    return withForms(found, ranges);
  }

  /**
   * @param {Found} found
   * @param {Table} table
   * @param {string} stem
   * @param {number[]} postings
   * @param {number} worth
   * @param {number | null} rarity the stem's own (from its postings) if null
   */
  function add(found, table, stem, postings, worth, rarity) {
    const weight = (rarity ?? idf(table, postings.length / 2)) * worth / table.scale;
    found.stems.add(stem);
    for (const [number, value] of papersOf(postings)) {
      const score = weight * (value % table.scale);
      if (score > (found.scored.get(number) || 0)) found.scored.set(number, score);
      const place = Math.floor(value / table.scale) - 1;
      if (place >= 0 && worth === 1) found.places.set(number, place);
    }
  }

  /**
   * @param {Found} found
   * @param {Table} table
   * @param {Range[]} ranges
   * @param {string} word
   * @param {string} own the word's stem
   * @param {number} worth
   */
  function completions(found, table, ranges, word, own, worth) {
    /** @type {Map<string, number[]>} */
    const longer = new Map();
    for (const range of ranges) {
      for (const [written, stem] of Object.entries(range.words)) {
        if (stem !== own && written.startsWith(word) && range.stems[stem]) longer.set(stem, range.stems[stem]);
      }
    }
    if (!longer.size) return;
    const all = new Set(found.scored.keys());
    for (const postings of longer.values()) for (const number of papersOf(postings).keys()) all.add(number);
    const rarity = idf(table, all.size);
    for (const [stem, postings] of longer) add(found, table, stem, postings, worth, rarity);
  }

  /**
   * @param {Found} found
   * @param {Table} table
   * @param {Range[]} ranges
   * @param {string} word
   */
  function corrections(found, table, ranges, word) {
    const limit = word.length >= TWO_TYPOS_LETTERS ? 2 : 1;
    /** @type {Map<string, [number, string, number[]]>} */
    const near = new Map(); // stem → [distance, written, postings]
    for (const range of ranges) {
      for (const [written, stem] of Object.entries(range.words)) {
        const d = distance(word, written, limit);
        const known = near.get(stem);
        if (d <= limit && range.stems[stem] && (!known || d < known[0])) near.set(stem, [d, written, range.stems[stem]]);
      }
    }
    const closest = Math.min(...[...near.values()].map(([d]) => d));
    const kept = [...near].filter(([, [d]]) => d === closest)
      .sort((a, b) => b[1][2].length - a[1][2].length)
      .slice(0, MAX_CORRECTIONS);
    for (const [stem, [, written, postings]] of kept) {
      add(found, table, stem, postings, CORRECTED_WORTH, null);
      found.instead.push(written);
    }
  }

  /**
   * @param {Found} found
   * @param {Range[]} ranges
   */
  function withForms(found, ranges) {
    for (const range of ranges) {
      for (const [written, stem] of Object.entries(range.words)) if (found.stems.has(stem)) found.forms.add(written);
    }
    return found;
  }

  /*
   * The themes of every paper, loaded once a reader reaches for the filters (or chooses a
   * theme, or opens the search page).
   */
  /** @returns {Promise<void>} */
  function loadThemes() {
    if (!themeTable) {
      themeTable = load()
        .then((table) => /** @type {Promise<ThemeTable>} */ (file(table.themes)))
        .then(({ themes, papers }) => {
          themesOf = (number) => papers[number].map((theme) => themes[theme]);
        });
      themeTable.catch(() => {
        themeTable = null;
      });
    }
    return themeTable;
  }

  /**
   * A test of a paper for each chosen filter.
   * @param {Table} table
   * @param {Filters} filters
   * @returns {Promise<Tests>}
   */
  async function filterTests(table, filters) {
    /** @type {Tests} */
    const chosen = {};
    const { year, theme } = filters;
    if (year) chosen.year = (number) => yearOf(table, number) === year;
    if (theme) {
      await loadThemes();
      chosen.theme = (number) => (themesOf ? themesOf(number).includes(theme) : false);
    }
    return chosen;
  }

  /**
   * Whether a paper passes every chosen filter but the one named `except`.
   * @param {Tests} chosen
   * @param {number} number
   * @param {string} except
   */
  function passes(chosen, number, except = "") {
    return Object.entries(chosen).every(([name, test]) => name === except || !test || test(number));
  }

  /* A paper's year, from the runs of years in paper number order (index.json.gz). */
  /**
   * @param {Table} table
   * @param {number} number
   */
  function yearOf(table, number) {
    let low = 0;
    let high = table.years.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (table.years[middle][1] <= number) low = middle;
      else high = middle - 1;
    }
    return table.years.length ? table.years[low][0] : "";
  }

  /* The words that stand together in the query and in a paper's title: a bonus for each
   * pair, so that an exact title phrase ranks first. A hyphenated term spans its parts'
   * places ("Test-Time Reasoning": reasoning two places after testtime). */
  /**
   * @param {Term[]} terms
   * @param {number} number
   */
  function titleBonus(terms, number) {
    let bonus = 0;
    for (let i = 0; i + 1 < terms.length; i++) {
      const [a, b] = [terms[i].found, terms[i + 1].found];
      const place = a.places.get(number);
      if (place !== undefined && b.places.get(number) === place + terms[i].span) {
        bonus += PHRASE_WORTH * Math.min(a.scored.get(number) ?? 0, b.scored.get(number) ?? 0);
      }
    }
    return bonus;
  }

  /*
   * Papers that have every word of the query the library knows, and every chosen filter,
   * best first, newest first among equals. A word no paper has is relaxed (the words it
   * begins, or typos of) and counts where it matches, or is dropped: the notes say which.
   * A hyphenated term is one word where the library has it so, else its parts. Two words
   * also count together as one ("Yan Zhang": yanzhang, an author's name as one word).
   * Quoted phrases keep the papers that have their words in that order.
   */
  /**
   * @param {string} text
   * @param {Filters} filters
   */
  async function search(text, filters) {
    const table = await load();
    const { asked, phrases } = parse(text, /\s$/.test(text));
    // Every word and pair at once: their ranges are fetched side by side.
    const pairs = asked.slice(1).map((b, i) => [asked[i], b]).filter(([a, b]) => !a.parts && !b.parts);
    const [looked, paired] = await Promise.all([
      Promise.all(asked.map(async (term) => {
        const found = await matches(table, term.word, term.whole);
        const parts = term.parts;
        if (!parts || (found.scored.size && !found.relaxed)) {
          return [{ word: term.word, found, span: parts ? parts.length : 1 }];
        }
        return Promise.all(parts.map(async (part, i) => ({
          word: part,
          found: await matches(table, part, term.whole || i < parts.length - 1),
          span: 1,
        })));
      })),
      Promise.all(pairs.map(([a, b]) => matches(table, a.word + b.word, b.whole, false))),
    ]);
    const terms = looked.flat();
    const together = paired.filter((pair) => !pair.relaxed);
    const chosen = await filterTests(table, filters);
    const required = terms.filter((t) => !t.found.relaxed).map((t) => t.found);
    const relaxed = terms.filter((t) => t.found.relaxed && t.found.scored.size).map((t) => t.found);
    const notes = terms.filter((t) => t.found.relaxed).map((t) => ({ word: t.word, instead: t.found.instead }));
    const all = [...required, ...relaxed, ...together];
    let ranked = rank(required.length ? required : relaxed, required.length ? required.length : 1, all, terms);
    let partial = false;
    if (!ranked.length && required.length > 1) {
      ranked = rank(required, 1, all, terms);
      partial = ranked.length > 0;
    }
    for (const phrase of phrases) ranked = await withPhrase(ranked, phrase, terms);
    const marks = { forms: new Set(all.flatMap((f) => [...f.forms])), stems: new Set(stems(terms.map((t) => t.word))) };
    return {
      results: ranked
        .filter(([, , number]) => passes(chosen, number))
        .map(([, , number]) => ({ number, data: () => resultData(number, marks) })),
      matched: ranked.map(([, , number]) => number),
      tests: chosen,
      notes,
      partial,
    };
  }

  /* [words matched, score, number] of papers with at least `least` of `among`'s words,
   * most words first, then best. */
  /**
   * @param {Found[]} among
   * @param {number} least
   * @param {Found[]} all
   * @param {Term[]} terms
   */
  function rank(among, least, all, terms) {
    /** @type {Map<number, number>} */
    const candidates = new Map();
    for (const found of among) {
      for (const number of found.scored.keys()) candidates.set(number, (candidates.get(number) || 0) + 1);
    }
    /** @type {Ranked[]} */
    const ranked = [];
    for (const [number, count] of candidates) {
      if (count < least) continue;
      let score = titleBonus(terms, number);
      for (const found of all) score += found.scored.get(number) || 0;
      ranked.push([count, score, number]);
    }
    return ranked.sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
  }

  /* The ranked papers that have `phrase`'s words in that order: in the title (places from the
   * index), else in the title and abstract of their results' data. */
  /**
   * @param {Ranked[]} ranked
   * @param {string[]} phrase
   * @param {Term[]} terms
   */
  async function withPhrase(ranked, phrase, terms) {
    /** @type {Found[]} */
    const found = [];
    for (const word of phrase) {
      const term = terms.find((t) => t.word === word);
      if (!term || term.found.relaxed) return [];
      found.push(term.found);
    }
    const wanted = stems(phrase);
    const checks = await Promise.all(ranked.map(async ([, , number]) => {
      const first = found[0].places.get(number);
      if (first !== undefined && found.every((f, i) => f.places.get(number) === first + i)) return true;
      const paper = await resultPaper(number);
      const text = stems(words(`${paper.title} . ${paper.text}`));
      return text.some((_, i) => wanted.every((stem, j) => text[i + j] === stem));
    }));
    return ranked.filter((_, i) => checks[i]);
  }

  /** @param {string} text */
  function preload(text) {
    load()
      .then((table) => Promise.all(words(text).map((word) => Promise.all(
        [...rangesOf(table.words, "w", word, true), ...rangesOf(table.added, "a", word, true)].map(file),
      ))))
      .catch(() => {});
  }

  /**
   * @param {number} number
   * @param {Marks} marks
   * @returns {Promise<ResultData>}
   */
  async function resultData(number, marks) {
    const paper = await resultPaper(number);
    const authors = paper.authors.join(", ") + (paper.more ? " et al." : "");
    return {
      url: new URL(paper.url, root).pathname,
      meta: { title: paper.title, year: paper.year, day: paper.day, authors, themes: paper.themes.join(" · ") },
      excerpt: excerptOf(paper.text, marks),
    };
  }

  /* About EXCERPT_WORDS words of the abstract from just before its first matched word, as
   * [text, marked] pieces; the words the query matched are marked. */
  /**
   * @param {string} text
   * @param {Marks} marks
   */
  function excerptOf(text, marks) {
    const pieces = text.split(/([\p{L}\p{N}\p{M}]+)/u);
    /** @type {(piece: string, i: number) => boolean} */
    const isMatch = (piece, i) =>
      i % 2 === 1 && words(piece).some((word) => marks.forms.has(word) || marks.stems.has(stems([word])[0]));
    const first = pieces.findIndex(isMatch);
    let start = first < 0 ? 1 : Math.max(1, first - 2 * EXCERPT_LEAD);
    start -= start % 2 === 0 ? 1 : 0;
    const end = Math.min(pieces.length, start + 2 * EXCERPT_WORDS);
    /** @type {Piece[]} */
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
   * The icons are empty <svg>s that assets/stylesheets/chrome.css draws, as the header's
   * are (partials/chrome-icons.html); Material's icons are all 24 by 24.
   */
  function build() {
    /** @param {string} role */
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

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string>} attributes
   */
  function element(tag, attributes) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  /**
   * The element of the box `build` made that `selector` finds, which must be a `type`.
   * @template {Element} T
   * @param {string} selector
   * @param {{ new (): T, prototype: T }} type
   * @returns {T}
   */
  function boxElement(selector, type) {
    const node = box.querySelector(selector);
    if (!(node instanceof type)) throw new Error(`paper search: the box has no ${type.name} ${selector}`);
    return node;
  }

  /**
   * @param {string} text
   * @param {string} state
   */
  function setStatus(text, state) {
    status.textContent = text;
    box.dataset.state = state;
  }

  /** @returns {Filters} */
  function chosenFilters() {
    /** @type {Filters} */
    const filters = {};
    for (const select of selects) {
      const name = select.dataset.paperSearchFilter;
      if (name && select.value) filters[name] = select.value;
    }
    return filters;
  }

  /** @param {number} n */
  function counted(n) {
    return n === 1 ? "1 matching paper" : `${n} matching papers`;
  }

  /** @param {Piece[]} pieces */
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

  /** @param {ResultData} data */
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
    article.append(icon, title);
    const byline = [data.meta.authors, data.meta.day || data.meta.year].filter(Boolean).join(" · ");
    if (byline) {
      const line = document.createElement("p");
      line.className = "paper-search__byline";
      line.textContent = byline;
      article.append(line);
    }
    article.append(excerpt(data.excerpt));
    if (data.meta.themes) {
      const themes = document.createElement("p");
      themes.className = "paper-search__themes";
      themes.textContent = data.meta.themes;
      article.append(themes);
    }
    link.append(article);
    item.append(link);
    return item;
  }

  /** @param {number} mine the generation of the results shown */
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
   * The filter row offers, with their counts, the years and the themes of all the papers the
   * query matches, each filter counted with the other one applied: each paper's year is known
   * from its number (search/index.json.gz), its themes from the theme table. Until a reader
   * reaches for the filters, the themes offered are those of the results shown: the table is
   * 0.3 MB at 35,000 papers, more than a first search fetches.
   */
  /**
   * @param {HTMLSelectElement} select
   * @param {string[]} values
   */
  function offer(select, values) {
    const chosen = select.value;
    const byYear = select.dataset.paperSearchFilter === "year";
    /** @type {Map<string, number>} */
    const counts = new Map();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    /** @param {string} value */
    const count = (value) => counts.get(value) ?? 0;
    const ranked = [...counts.keys()]
      .sort((a, b) => (byYear ? b.localeCompare(a) : count(b) - count(a) || a.localeCompare(b)))
      .slice(0, MAX_OPTIONS);
    if (chosen && !ranked.includes(chosen)) ranked.unshift(chosen);
    const first = select.options[0];
    select.replaceChildren(first);
    for (const value of ranked) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = counts.has(value) ? `${value} (${count(value)})` : value;
      select.append(option);
    }
    select.value = chosen;
    select.hidden = ranked.length === 0;
  }

  function showFilters() {
    /** @param {string} except */
    const among = (except) => matched.filter((number) => passes(tests, number, except));
    const table = index;
    /** @type {Record<string, string[]>} */
    const values = {
      theme: themesOf
        ? among("theme").flatMap(themesOf)
        : about.flatMap((meta) => (meta.themes ? meta.themes.split(" · ") : [])),
      year: table ? among("year").map((number) => yearOf(table, number)).filter(Boolean) : [],
    };
    for (const select of selects) offer(select, values[select.dataset.paperSearchFilter ?? ""] ?? []);
    address.hidden = !query;
    filterRow.hidden = selects.every((select) => select.hidden) && address.hidden;
  }

  /* What the results leave out of the query, or take instead of it. */
  /**
   * @param {Note[]} notes
   * @param {boolean} partial
   */
  function showNotes(notes, partial) {
    const lines = notes.map(({ word, instead }) =>
      instead.length
        ? `No paper has “${word}”: showing results for ${instead.map((w) => `“${w}”`).join(", ")} instead.`
        : `No paper has “${word}”: showing results without it.`,
    );
    if (partial) lines.push("No paper has all of these words: showing those with most of them.");
    notice.textContent = lines.join(" ");
    notice.hidden = !lines.length;
  }

  /* The search page's address for a query and filters: search/?q=...&theme=...&year=... */
  /**
   * @param {string} text
   * @param {Filters} filters
   */
  function searchAddress(text, filters) {
    const url = new URL("search/", root);
    if (text) url.searchParams.set("q", text);
    for (const [name, value] of Object.entries(filters)) url.searchParams.set(name, value);
    return url;
  }

  function onSearchPage() {
    return location.pathname === new URL("search/", root).pathname;
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
    address.href = searchAddress(query, filters).href;
    if (onSearchPage()) history.replaceState(history.state, "", searchAddress(query, filters).href);
    if (!query) {
      results = [];
      matched = [];
      list.replaceChildren();
      more.hidden = true;
      filterRow.hidden = true;
      notice.hidden = true;
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
      results = found.results;
      matched = found.matched;
      tests = found.tests;
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
          showNotes(found.notes, found.partial);
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
      showNotes(found.notes, found.partial);
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
    return [...list.querySelectorAll(".md-search-result__link")].filter((link) => link instanceof HTMLAnchorElement);
  }

  /** @param {EventTarget | null} target */
  function isTextField(target) {
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

  /*
   * Focus alone does not open the overlay: a keyboard reader tabbing through the header
   * passes the box by, as in Material's own search. A click or a key typed in it opens it,
   * and focus leaving the box (Tab on past the results) closes it.
   */
  input.addEventListener("focus", () => load().catch(() => {}));
  input.addEventListener("pointerdown", () => {
    if (!toggle.checked) toggle.checked = true;
  });
  box.addEventListener("focusout", (event) => {
    if (toggle.checked && event.relatedTarget instanceof Node && !box.contains(event.relatedTarget)) close();
  });
  /*
   * A keystroke makes what was being searched stale at once (bumping `generation`), so a search
   * still waiting for the engine or the pause is dropped before it asks for index chunks.
   */
  function typed() {
    if (!toggle.checked) toggle.checked = true;
    generation++;
    delete list.dataset.search; // what is shown is no longer the answer to what is typed
    clearTimeout(pause);
    const lastWord = input.value.match(/\S*$/)?.[0] ?? "";
    const short = lastWord.length > 0 && lastWord.length < SHORT_WORD;
    pause = setTimeout(run, short ? SHORT_WORD_PAUSE_MS : DEBOUNCE_MS);
    const finished = input.value.slice(0, input.value.lastIndexOf(" ") + 1).trim();
    if (ready && finished && finished !== preloaded) {
      preloaded = finished;
      preload(finished);
    }
  }

  input.addEventListener("input", typed);
  for (const select of selects) select.addEventListener("change", run);
  // A reader reaching for the filters: offer the themes of all results.
  const allThemes = () => loadThemes().then(showFilters).catch(() => {});
  filterRow.addEventListener("pointerenter", allThemes);
  filterRow.addEventListener("focusin", allThemes);
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
      if (["/", "s", "f"].includes(event.key) && !isTextField(event.target)) {
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
      const at = stops.findIndex((stop) => stop === document.activeElement);
      const step = event.key === "ArrowDown" ? 1 : -1;
      stops[(Math.max(at, 0) + step + stops.length) % stops.length].focus();
      event.preventDefault();
    }
  });

  /*
   * The search page (search/?q=...&theme=...&year=...) opens with its query searched; on it,
   * the address follows the query as it is typed. Material's instant navigation swaps the
   * page without running this script again: its document$ says when.
   */
  function fromAddress() {
    if (!onSearchPage()) return;
    const asked = new URLSearchParams(location.search);
    input.value = asked.get("q") || "";
    for (const select of selects) {
      const value = asked.get(select.dataset.paperSearchFilter ?? "") || "";
      if (value && ![...select.options].some((option) => option.value === value)) select.append(new Option(value, value));
      select.value = value;
    }
    open();
    run();
    allThemes();
  }

  let arrived = "";
  function arrive() {
    if (location.href === arrived) return;
    arrived = location.href;
    fromAddress();
  }
  arrive();
  if (pageGlobals.document$ && typeof pageGlobals.document$.subscribe === "function") pageGlobals.document$.subscribe(arrive);
})();
