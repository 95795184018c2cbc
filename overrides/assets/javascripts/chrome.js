{#-
  Rendered by MkDocs (theme.static_templates in mkdocs.yml) and loaded in every page's <head>
  (partials/javascripts/base.html): the chrome that works only with JavaScript, sent once here
  rather than in every page. A template, so ESLint and TypeScript see the file MkDocs renders
  from it (tests/test_chrome.py), not this one.
-#}
{% import "partials/language.html" as lang with context -%}
{% set features = config.theme.features or [] -%}
{% set options -%}
  {% if config.theme.palette and config.theme.palette is not mapping %}{% include "partials/palette-options.html" %}{% endif %}
{%- endset -%}
{% set drawer = "md-nav md-nav--primary" -%}
{% if "navigation.tabs" in features %}{% set drawer = drawer ~ " md-nav--lifted" %}{% endif -%}
{% if "toc.integrate" in features %}{% set drawer = drawer ~ " md-nav--integrated" %}{% endif -%}
{% set tabs -%}
  {% if "navigation.tabs" in features %}{% include "partials/tabs.html" %}{% endif %}
{%- endset -%}
/* The chrome that works only with JavaScript, made here once rather than sent in every page
   (DESIGN.md, "The page chrome"). */
(() => {
  const script = /** @type {HTMLScriptElement} */ (document.currentScript);
  const root = new URL("../..", script.src);
  const site = {{ config.site_name | tojson }};

  /* Material's functions for the page's stored settings (its partials/javascripts/base.html),
     with the site's root found from this file's address rather than from each page's. */
  const scope = {% if config.extra.scope %}new URL({{ config.extra.scope | tojson }}, location){% else %}root{% endif %};
  const hash = (/** @type {string} */ text) =>
    [...text].reduce((sum, c) => (sum << 5) - sum + c.charCodeAt(0), 0);
  const get = (/** @type {string} */ key, storage = localStorage, at = scope) =>
    JSON.parse(storage.getItem(at.pathname + "." + key) || "null");
  const set = (/** @type {string} */ key, /** @type {unknown} */ value, storage = localStorage, at = scope) => {
    try {
      storage.setItem(at.pathname + "." + key, JSON.stringify(value));
    } catch {
      /* storage full or denied: the setting is not kept, as in Material */
    }
  };
  Object.assign(self, { __md_scope: scope, __md_hash: hash, __md_get: get, __md_set: set });

  /* Material's settings for its script (the element its base.html writes at the end of every
     page), with only what it reads here: the translations of the code copy button, not those
     of its own search (off; ours is paper-search.js), and no search worker, tags, annotations
     or versions. Its base is the site's root, which Material makes absolute anyway. */
  const config = document.createElement("script");
  config.id = "__config";
  config.type = "application/json";
  config.textContent = JSON.stringify({
    base: root.href,
    features: {{ features | tojson }},
    translations: {
      "clipboard.copy": {{ lang.t("clipboard.copy") | tojson }},
      "clipboard.copied": {{ lang.t("clipboard.copied") | tojson }},
    },
  });
  document.head.append(config);

  /* The light/dark toggle: its options in the header's empty form (partials/palette.html),
     called from the header before Material's script reads them, and the scheme chosen on an
     earlier page applied before this one is painted. Material's own script for this also
     resolves an automatic option ("(prefers-color-scheme)"); the header adds it for a palette
     that has one (partials/header.html). */
  const palette = () => {
    const form = document.querySelector("[data-md-component=palette]");
    if (form && !form.firstElementChild) form.innerHTML = {{ options | trim | tojson }};
    const chosen = get("__palette");
    if (chosen && chosen.color && chosen.color.media !== "(prefers-color-scheme)")
      for (const key in chosen.color) document.body.setAttribute("data-md-color-" + key, chosen.color[key]);
  };

  /* The tabs of a page outside the navigation (partials/tabs.html), which names none of them
     current: put where the page calls for them (`at`, its <script>), or before the page's
     main part where it did not run. Their links are relative to this script's address, where
     the template was rendered. */
  const tabs = (/** @type {Element | null} */ at) => {
    const where = at || document.querySelector(".md-container > .md-main");
    if (!where || document.querySelector(".md-tabs")) return;
    const made = document.createElement("template");
    made.innerHTML = {{ tabs.split() | join(" ") | tojson }};
    for (const link of made.content.querySelectorAll("a[href]"))
      link.setAttribute("href", new URL(link.getAttribute("href") || "", script.src).href);
    where.before(made.content);
  };

  /* The drawer of a page outside the navigation, whose navigation is the tabs' links: sent
     empty (partials/nav.html) and made here from the tabs, on every page Material's instant
     navigation shows. Without JavaScript such a page leads home by the header's logo, and
     the pages of the navigation send their tabs and drawer. */
  const drawer = () => {
    const inner = document.querySelector("[data-md-type=navigation] .md-sidebar__inner");
    const links = document.querySelectorAll(".md-tabs__link");
    const logo = document.querySelector(".md-header .md-logo");
    if (!inner || inner.firstElementChild || !links.length || !logo) return;
    const nav = document.createElement("nav");
    nav.className = {{ drawer | tojson }};
    nav.setAttribute("aria-label", {{ lang.t("nav") | tojson }});
    nav.setAttribute("data-md-level", "0");
    const title = document.createElement("label");
    title.className = "md-nav__title";
    title.htmlFor = "__drawer";
    const home = /** @type {Element} */ (logo.cloneNode(true));
    home.className = "md-nav__button md-logo";
    title.append(home, site);
    const list = document.createElement("ul");
    list.className = "md-nav__list";
    list.setAttribute("data-md-scrollfix", "");
    for (const tab of links) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      item.className = "md-nav__item";
      link.className = "md-nav__link";
      link.href = tab.getAttribute("href") || "";
      link.textContent = (tab.textContent || "").trim();
      item.append(link);
      list.append(item);
    }
    nav.append(title, list);
    inner.append(nav);
  };

  /* The page's title in the header, which Material shows once the page's heading has
     scrolled away (partials/header.html): the heading's text, without its permalink. */
  const topic = () => {
    const shown = document.querySelector("[data-md-component=header-topic] .md-ellipsis");
    const heading = document.querySelector(".md-content h1");
    if (!shown || shown.textContent || !heading) return;
    const text = /** @type {Element} */ (heading.cloneNode(true));
    for (const link of text.querySelectorAll(".headerlink")) link.remove();
    shown.textContent = (text.textContent || "").trim();
  };

  const page = () => {
    tabs(null);
    drawer();
    topic();
  };

  Object.assign(self, { __pi_palette: palette, __pi_tabs: () => tabs(document.currentScript) });
  document.addEventListener("DOMContentLoaded", () => {
    page();
    const documents = Reflect.get(self, "document$"); // Material's instant navigation
    if (documents && typeof documents.subscribe === "function") documents.subscribe(page);
  });
})();
