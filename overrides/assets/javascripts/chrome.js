{#-
  Rendered by MkDocs (theme.static_templates in mkdocs.yml) and loaded in every page's <head>
  (partials/javascripts/base.html): the chrome that works only with JavaScript, sent once here
  rather than in every page.
-#}
{% import "partials/language.html" as lang with context -%}
{% set features = config.theme.features or [] -%}
{% set options -%}
  {% if config.theme.palette and config.theme.palette is not mapping %}{% include "partials/palette-options.html" %}{% endif %}
{%- endset -%}
{% set drawer = "md-nav md-nav--primary" -%}
{% if "navigation.tabs" in features %}{% set drawer = drawer ~ " md-nav--lifted" %}{% endif -%}
{% if "toc.integrate" in features %}{% set drawer = drawer ~ " md-nav--integrated" %}{% endif -%}
/* Material's functions for the page's stored settings (its partials/javascripts/base.html),
   with the site's root found from this file's address rather than from each page's. */
{% if config.extra.scope -%}
__md_scope=new URL({{ config.extra.scope | tojson }},location),
{%- else -%}
__md_scope=new URL("../..",document.currentScript.src),
{%- endif -%}
__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};

/* Material's settings for its script (the element its base.html writes at the end of every
   page), with only what it reads here: the translations of the code copy button, not those of
   its own search (off; ours is paper-search.js), and no search worker, tags, annotations or
   versions. Its base is the site's root, which Material makes absolute anyway. */
(function () {
  var config = document.createElement("script");
  config.id = "__config";
  config.type = "application/json";
  config.textContent = JSON.stringify({
    base: new URL("../..", document.currentScript.src).href,
    features: {{ features | tojson }},
    translations: {
      "clipboard.copy": {{ lang.t("clipboard.copy") | tojson }},
      "clipboard.copied": {{ lang.t("clipboard.copied") | tojson }}
    }
  });
  document.head.append(config);
})();

/* The light/dark toggle: its options in the header's empty form (partials/palette.html),
   called from the header before Material's script reads them, and the scheme chosen on an
   earlier page applied before this one is painted. Material's own script for this also
   resolves an automatic option ("(prefers-color-scheme)"); the header adds it for a palette
   that has one (partials/header.html). */
function __pi_palette() {
  var form = document.querySelector("[data-md-component=palette]");
  if (form && !form.firstElementChild) form.innerHTML = {{ options | trim | tojson }};
  var palette = __md_get("__palette");
  if (palette && palette.color && palette.color.media !== "(prefers-color-scheme)")
    for (var key in palette.color) document.body.setAttribute("data-md-color-" + key, palette.color[key]);
}

/* The drawer of a page outside the navigation, whose navigation is the tabs' links: sent
   empty (partials/nav.html) and made here from the tabs, on every page Material's instant
   navigation shows. The drawer opens without JavaScript, so without it the tabs show on
   narrow screens too (assets/stylesheets/chrome-icons.css). */
function __pi_drawer() {
  var inner = document.querySelector("[data-md-type=navigation] .md-sidebar__inner");
  var tabs = document.querySelectorAll(".md-tabs__link");
  var logo = document.querySelector(".md-header .md-logo");
  if (!inner || inner.firstElementChild || !tabs.length || !logo) return;
  var nav = document.createElement("nav");
  nav.className = {{ drawer | tojson }};
  nav.setAttribute("aria-label", {{ lang.t("nav") | tojson }});
  nav.setAttribute("data-md-level", "0");
  var title = document.createElement("label");
  title.className = "md-nav__title";
  title.htmlFor = "__drawer";
  var home = logo.cloneNode(true);
  home.className = "md-nav__button md-logo";
  title.append(home, {{ config.site_name | tojson }});
  var list = document.createElement("ul");
  list.className = "md-nav__list";
  list.setAttribute("data-md-scrollfix", "");
  tabs.forEach(function (tab) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    item.className = "md-nav__item";
    link.className = "md-nav__link";
    link.href = tab.getAttribute("href");
    link.textContent = tab.textContent.trim();
    item.append(link);
    list.append(item);
  });
  nav.append(title, list);
  inner.append(nav);
}

/* The page's title in the header, which Material shows once the page's heading has scrolled
   away (partials/header.html): the heading's text, without its permalink. */
function __pi_topic() {
  var topic = document.querySelector("[data-md-component=header-topic] .md-ellipsis");
  var heading = document.querySelector(".md-content h1");
  if (!topic || topic.textContent || !heading) return;
  var text = heading.cloneNode(true);
  text.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
  topic.textContent = text.textContent.trim();
}

function __pi_page() {
  __pi_drawer();
  __pi_topic();
}

document.addEventListener("DOMContentLoaded", function () {
  __pi_page();
  if (self.document$ && typeof self.document$.subscribe === "function") self.document$.subscribe(__pi_page);
});
